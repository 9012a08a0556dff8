// node --test: the browser's e-form validator against the shared cases (tests/eform/cases.json),
// the same cases the server's validator answers in src/domain/eform/validate_test.cc.
// Run: npm run test:eform (compiles validate.ts to .eform-test/ with tsc, then node --test).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const web = join(here, '..', '..', '..');
const { validate, normalizeData, isShown } = await import(join(web, '.eform-test', 'validate.js'));
const all = JSON.parse(readFileSync(join(web, '..', 'tests', 'eform', 'cases.json'), 'utf8'));

const line = (e) => `${e.field} → ${e.detail ?? e.message}`;

test('the shared cases file has the cases', () => {
  assert.ok(all.cases.length >= 30);
});

for (const c of all.cases) {
  test(c.name, () => {
    const schema = all.schemas[c.schema];
    const data = typeof c.data === 'string' ? all[c.data] : c.data;
    const got = validate(schema, data, c.today, c.mode ?? 'full').map(line).sort();
    const want = c.errors.map(line).sort();
    assert.deepEqual(got, want);
  });
}

test('the seeded e-forms validate an empty form with required-field errors only', () => {
  const forms = JSON.parse(readFileSync(join(web, '..', 'data', 'eforms', 'eforms.json'), 'utf8')).eforms;
  assert.ok(Object.keys(forms).length >= 8);
  for (const [code, schema] of Object.entries(forms)) {
    const errs = validate(schema, {}, '2026-12-04');
    assert.ok(errs.length > 0, code);
    for (const e of errs) assert.ok(!e.detail.includes('không có trong biểu mẫu'), `${code}: ${e.field}`);
  }
});

test('normalizeData composes text; isShown follows the condition', () => {
  assert.equal(normalizeData({ a: ['Nguye\u0302\u0303n'] }).a[0], 'Nguyễn');
  const f = { name: 's', type: 'text', label: 'S', when: { field: 'm', equals: true } };
  assert.equal(isShown(f, { m: true }), true);
  assert.equal(isShown(f, { m: false }), false);
  assert.equal(isShown(f, {}), false);
});

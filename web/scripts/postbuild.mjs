// After `vite build`: write a .gz beside every asset (the server sends it when the browser
// accepts gzip) and report the initial JavaScript of each app, gzipped, against the budget.
import { gzipSync, constants } from 'node:zlib';
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const assets = join(root, 'assets');
const BUDGET = 150 * 1024;
const gz = (buf) => gzipSync(buf, { level: constants.Z_BEST_COMPRESSION });

let n = 0;
for (const f of readdirSync(assets)) {
  if (f.endsWith('.gz')) continue;
  const p = join(assets, f);
  if (!statSync(p).isFile()) continue;
  writeFileSync(`${p}.gz`, gz(readFileSync(p)));
  n++;
}
console.log(`postbuild: ${n} assets precompressed (.gz)`);

// Initial JS = the entry script and its modulepreloaded chunks named in the HTML.
let failed = false;
for (const app of ['staff', 'portal', 'kiosk']) {
  const html = readFileSync(join(root, app, 'index.html'), 'utf8');
  const js = new Set();
  for (const m of html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/assets\/([^"]+\.js)"/g)) js.add(m[1]);
  let raw = 0;
  let zipped = 0;
  for (const f of js) {
    const b = readFileSync(join(assets, f));
    raw += b.length;
    zipped += gz(b).length;
  }
  const kb = (x) => (x / 1024).toFixed(1);
  const ok = zipped < BUDGET;
  if (!ok) failed = true;
  console.log(`postbuild: ${app}: initial JS ${kb(raw)} KB, ${kb(zipped)} KB gzipped (${js.size} file(s); budget ${kb(BUDGET)} KB) ${ok ? 'OK' : 'OVER BUDGET'}`);
  if (/<script(?![^>]*\ssrc=)[^>]*>/.test(html) || /<style/.test(html) || /\sstyle="/.test(html)) {
    console.error(`postbuild: ${app}/index.html has inline script or style: the CSP will block it`);
    failed = true;
  }
}
if (failed) process.exit(1);

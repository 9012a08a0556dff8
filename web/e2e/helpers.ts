import AxeBuilder from '@axe-core/playwright';
import { expect, request as pwRequest, test as base, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PASSWORD = 'MotCua@2026';

/** The Playwright test with a guard: any CSP refusal or uncaught page error fails the test. */
export const test = base.extend<{ pageGuard: void }>({
  pageGuard: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      await use();
      expect(problems, 'CSP violations or script errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
const here = dirname(fileURLToPath(import.meta.url));
export const SCREENSHOTS = join(here, 'screenshots');

export async function login(page: Page, username: string): Promise<void> {
  await page.goto('/staff');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByText('Bạn đã đăng xuất.')).toBeVisible();
}

/** Full-page screenshot in e2e/screenshots/<project>-<name>.png. */
export async function shot(page: Page, info: TestInfo, name: string, fullPage = true): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${info.project.name}-${name}.png`), fullPage });
}

/** axe-core on the current page: fails on serious or critical violations. */
export async function checkA11y(page: Page, info: TestInfo, name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = result.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  await info.attach(`axe-${name}`, { body: JSON.stringify(result.violations, null, 2), contentType: 'application/json' });
  if (report.length) console.log(`[axe ${info.project.name} ${name}]\n  ${report.join('\n  ')}`);
  expect(bad.map((v) => `${v.id}: ${v.help}`), `serious/critical accessibility violations on ${name}`).toEqual([]);
}

/** An API client logged in as `username` (its own cookie jar), for test set-up. */
export async function apiAs(baseURL: string, username: string): Promise<{ ctx: APIRequestContext; csrf: string }> {
  const ctx = await pwRequest.newContext({ baseURL });
  const res = await ctx.post('/api/v1/auth/login', { data: { username, password: PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  const { csrf_token } = await res.json();
  return { ctx, csrf: csrf_token };
}

export interface Created {
  id: string;
  code: string;
  version: number;
}

let idSeq = 0;
/** A valid personal ID (Quảng Ngãi 051, male born 1990) unique per call. */
export function personalId(): string {
  idSeq++;
  const tail = String((Date.now() * 7 + idSeq * 7919) % 1_000_000).padStart(6, '0');
  return `051090${tail}`;
}

export async function createDossier(
  baseURL: string,
  username: string,
  procedureId: string,
  opts: { receive?: boolean; name?: string } = {},
): Promise<Created> {
  const { ctx, csrf } = await apiAs(baseURL, username);
  const res = await ctx.post('/api/v1/dossiers', {
    headers: { 'X-CSRF-Token': csrf },
    data: {
      procedure_id: procedureId,
      channel: 1,
      receive: opts.receive ?? true,
      applicant: { kind: 'citizen', full_name: opts.name ?? 'Trần Thị Bình', id_number: personalId(), phone: '0905123456' },
      components: [{ name: 'Tờ khai', kind: 'original', count: 1, provided: true }],
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const d = await res.json();
  await ctx.dispose();
  return { id: d.id, code: d.code, version: d.version };
}

export async function actViaApi(baseURL: string, username: string, id: string, action: string, body: object = {}): Promise<void> {
  const { ctx, csrf } = await apiAs(baseURL, username);
  const res = await ctx.post(`/api/v1/dossiers/${id}/actions/${action}`, { headers: { 'X-CSRF-Token': csrf }, data: body });
  expect(res.status(), await res.text()).toBe(200);
  await ctx.dispose();
}

/** Opens an action's form on the dossier page and confirms it. */
export async function doAction(page: Page, label: string, fill?: () => Promise<void>): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).click();
  await expect(page.getByRole('heading', { name: label, level: 3 })).toBeVisible();
  if (fill) await fill();
  await page.getByRole('button', { name: 'Xác nhận' }).click();
}

export async function expectState(page: Page, label: string): Promise<void> {
  await expect(page.getByTestId('dossier-state')).toHaveText(label);
}

/** No horizontal scrolling at the page's width (360 px phones). */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll, 'the page scrolls sideways').toBeLessThanOrEqual(width);
}

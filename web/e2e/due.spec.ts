import { expect, test, apiAs, checkA11y, createDossier, expectNoHorizontalScroll, login, shot } from './helpers';
import type { APIRequestContext } from '@playwright/test';

// Near due and overdue are the server's (working time on the province calendar, one working
// day): the page shows `near_due`, `overdue` and `working_minutes_left` as they come.

/** A version of 2.000950 (Công nhận tổ trưởng tổ hòa giải) with a 4-working-hour limit, so a
 *  dossier received now is within one working day of its due time whatever the hour. */
async function fourHourProcedure(ctx: APIRequestContext, csrf: string): Promise<string> {
  const base = '2.000950@v1';
  const list = await ctx.get(`/api/v1/admin/procedures/${base}/versions`);
  expect(list.status(), await list.text()).toBe(200);
  const versions = (await list.json()).items as { id: string; effective_from: string; time_limit: { amount: number; unit: string } }[];
  const existing = versions.find((v) => v.time_limit.unit === 'working_hours' && v.time_limit.amount === 4);
  if (existing) return existing.id;
  const latest = versions.map((v) => v.effective_from).filter(Boolean).sort().pop() ?? '2025-07-01';
  const res = await ctx.post(`/api/v1/admin/procedures/${base}/versions`, {
    headers: { 'X-CSRF-Token': csrf },
    data: {
      effective_from: latest,
      time_limit: { amount: 4, unit: 'working_hours' },
      process: [
        { name: 'Tiếp nhận hồ sơ', role: 'reception', agency: 'receiving', hours: 1 },
        { name: 'Thẩm định, xử lý hồ sơ', role: 'specialist', agency: 'competent', hours: 2 },
        { name: 'Phê duyệt, ký kết quả', role: 'leader', agency: 'competent', hours: 1 },
      ],
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id;
}

interface Row {
  code: string;
  overdue: boolean;
  near_due: boolean;
  working_minutes_left: number | null;
}

test('near due and overdue in the queue and on the dossier come from the server', async ({ page, baseURL }, info) => {
  const admin = await apiAs(baseURL!, 'quantritinh.tinh');
  const procedureId = await fourHourProcedure(admin.ctx, admin.csrf);
  await admin.ctx.dispose();
  const d = await createDossier(baseURL!, 'tiepnhan.camthanh', procedureId, { name: 'Đỗ Thị Hạnh' });

  await login(page, 'chuyenvien.camthanh');
  await page.getByRole('tab', { name: /Đang xử lý/ }).click();
  await expect(page.locator('.queue-table tbody tr').first()).toBeVisible();

  // Every row's class is what the server says about that dossier (same query as the page).
  const res = await page.request.get('/api/v1/dossiers?queue=to_process&limit=50');
  expect(res.status()).toBe(200);
  const server = new Map(((await res.json()).items as Row[]).map((r) => [r.code, r]));
  const rows = page.locator('.queue-table tbody tr');
  const n = await rows.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const row = rows.nth(i);
    const code = (await row.locator('td[data-label="Mã hồ sơ"] a').textContent())!.trim();
    const s = server.get(code);
    if (!s) continue; // a page of 50 read a moment apart
    const cls = (await row.getAttribute('class')) ?? '';
    expect(cls.includes('row-overdue'), `${code} overdue`).toBe(s.overdue);
    expect(cls.includes('row-near'), `${code} near`).toBe(!s.overdue && s.near_due);
  }

  // The 4-hour dossier: near due, with its working time left.
  await page.getByLabel('Tìm kiếm').fill(d.code);
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  const row = page.locator('.queue-table tbody tr').filter({ has: page.getByRole('link', { name: d.code }) });
  await expect(row).toHaveCount(1);
  await expect(row).toHaveClass(/row-near/);
  await expect(row.getByText('Sắp đến hạn', { exact: true })).toBeVisible();
  await expect(row.locator('.due-left')).toHaveText(/^còn (\d giờ( \d+ phút)?|\d+ phút) làm việc$/);
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'queue-near-due');
  await shot(page, info, '30-queue-near-due');

  // The dossier page says the same.
  await row.getByRole('link', { name: d.code }).click();
  await expect(page.getByTestId('dossier-state')).toHaveText('Được tiếp nhận');
  const status = page.locator('.status-line');
  await expect(status.getByText('Sắp đến hạn', { exact: true })).toBeVisible();
  await expect(page.getByTestId('dossier-due-left')).toHaveText(/^còn (\d giờ( \d+ phút)?|\d+ phút) làm việc$/);
  const view = await (await page.request.get(`/api/v1/dossiers/${d.id}`)).json();
  expect(view.near_due).toBe(true);
  expect(view.working_minutes_left).toBeGreaterThanOrEqual(0);
  expect(view.working_minutes_left).toBeLessThanOrEqual(240);
  await shot(page, info, '31-dossier-near-due', false);

  // An overdue synthetic dossier (bench-fill) opened from the queue: overdue on its page too.
  await page.goto('/staff?hang=to_process');
  const first = page.locator('.queue-table tbody tr').first();
  await expect(first).toHaveClass(/row-overdue/);
  await first.locator('td[data-label="Mã hồ sơ"] a').click();
  await expect(page.locator('.status-line').getByText('Quá hạn', { exact: true })).toBeVisible();
  await expect(page.getByTestId('dossier-due-left')).toHaveText(/^quá [\d.]+ giờ( \d+ phút)? làm việc$/);
});

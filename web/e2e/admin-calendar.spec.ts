import { expect, test, expectNoHorizontalScroll, apiAs, checkA11y, login, logout, shot } from './helpers';

const DAY = '2026-12-31';
const REASON = 'Nghỉ bù cuối năm 2026 (thử nghiệm)';

test('calendar: a province administrator sets a day off, sees it and its history, clears it', async ({ page, baseURL }, info) => {
  // A previous failed run may have left the entry: start clean.
  const { ctx, csrf } = await apiAs(baseURL!, 'quantritinh.tinh');
  await ctx.delete(`/api/v1/admin/calendar/days/${DAY}`, { headers: { 'X-CSRF-Token': csrf } });
  await ctx.dispose();

  await login(page, 'quantritinh.tinh');
  await page.getByRole('link', { name: 'Quản trị' }).click();
  await expect(page.getByRole('heading', { name: 'Quản trị', level: 1 })).toBeVisible();
  await checkA11y(page, info, 'admin-home');
  await page.getByRole('link', { name: /Lịch làm việc/ }).click();
  await expect(page.getByRole('heading', { name: 'Lịch làm việc', level: 1 })).toBeVisible();

  await page.getByLabel('Năm', { exact: true }).selectOption('2026');
  await page.getByLabel('Tháng', { exact: true }).selectOption({ label: 'Tháng 12' });
  const grid = page.getByRole('table', { name: 'Tháng 12 năm 2026' });
  await expect(grid).toBeVisible();
  const cell = grid.locator(`td[data-date="${DAY}"]`);
  await expect(cell).toHaveClass(/cal-working/);
  await cell.getByRole('button').click();
  const editor = page.getByRole('region', { name: 'Thứ Năm, 31/12/2026' });
  await expect(editor).toBeVisible();
  await expect(editor.getByText('Ngày làm việc', { exact: true })).toBeVisible();

  // The reason is required.
  await editor.getByLabel('Ngày nghỉ (nghỉ lễ, nghỉ bù)').check();
  await editor.getByRole('button', { name: 'Lưu khai báo' }).click();
  await expect(editor.getByText(/Hãy nhập lý do/)).toBeVisible();
  await expect(editor.getByLabel(/Lý do/)).toBeFocused();
  await checkA11y(page, info, 'calendar-editor');
  await editor.getByLabel(/Lý do/).fill(REASON);
  await editor.getByRole('button', { name: 'Lưu khai báo' }).click();
  await expect(page.getByText(`Đã khai báo 31/12/2026 là ngày nghỉ: ${REASON}.`)).toBeVisible();

  // In the grid, in the year's list and in the history.
  await expect(cell).toHaveClass(/cal-holiday/);
  await expect(cell.getByRole('button')).toHaveAccessibleName(`Thứ Năm, 31/12/2026: ngày nghỉ — ${REASON}`);
  await expect(page.getByRole('region', { name: /Ngày nghỉ lễ, nghỉ bù và làm bù năm 2026/ }).getByText(REASON)).toBeVisible();
  const history = page.getByTestId('calendar-changes');
  const first = history.getByRole('listitem').first();
  await expect(first).toContainText(`31/12/2026 — Khai báo ngày nghỉ: ${REASON}`);
  await expect(first).toContainText('quantritinh.tinh');
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'calendar');
  await shot(page, info, '15-calendar-day-off');

  // Clear it: back to an ordinary Thursday.
  await cell.getByRole('button').click();
  await page.getByRole('region', { name: 'Thứ Năm, 31/12/2026' }).getByRole('button', { name: 'Xóa khai báo' }).click();
  await expect(page.getByText('Đã xóa khai báo của ngày 31/12/2026')).toBeVisible();
  await expect(cell).toHaveClass(/cal-working/);
  await expect(history.getByRole('listitem').first()).toContainText('31/12/2026 — Xóa khai báo');
  await shot(page, info, '16-calendar-cleared');
});

test('calendar: a province monitor reads it; counter staff have no administration', async ({ page }, info) => {
  const adminChunks: string[] = [];
  page.on('request', (r) => {
    if (/\/assets\/(AdminRoutes|CalendarPage)[^/]*\.js$/.test(r.url())) adminChunks.push(r.url());
  });
  await login(page, 'tiepnhan.camthanh');
  await expect(page.getByRole('link', { name: 'Hàng đợi hồ sơ' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Quản trị' })).toHaveCount(0);
  expect(adminChunks, 'counter staff must not download the administration screens').toEqual([]);
  await logout(page);

  await login(page, 'giamsat.tinh');
  await page.getByRole('link', { name: 'Quản trị' }).click();
  await page.getByRole('link', { name: /Lịch làm việc/ }).click();
  await expect(page.getByText('Bạn chỉ có quyền xem lịch làm việc.', { exact: false })).toBeVisible();
  await page.getByLabel('Năm', { exact: true }).selectOption('2026');
  await page.getByLabel('Tháng', { exact: true }).selectOption({ label: 'Tháng 1' });
  const grid = page.getByRole('table', { name: 'Tháng 1 năm 2026' });
  await grid.locator('td[data-date="2026-01-01"]').getByRole('button').click();
  const editor = page.getByRole('region', { name: 'Thứ Năm, 01/01/2026' });
  await expect(editor).toBeVisible();
  await expect(editor.getByRole('button', { name: 'Lưu khai báo' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Lịch sử thay đổi' })).toBeVisible();
  await checkA11y(page, info, 'calendar-monitor');
  await shot(page, info, '17-calendar-monitor');
});

test('calendar: the coming years still computed from the rules are named, with their dossiers', async ({ page }, info) => {
  await login(page, 'quantritinh.tinh');
  await page.getByRole('link', { name: 'Quản trị' }).click();
  await page.getByRole('link', { name: /Lịch làm việc/ }).click();
  const years = page.getByRole('region', { name: 'Các năm sắp tới' });
  await expect(years.getByRole('columnheader', { name: 'Hồ sơ có ngày hẹn trong năm' })).toBeVisible();
  // Only 2025 and 2026 are seeded as official decisions: the years after are rule years.
  const nextYear = new Date().getFullYear() + 1;
  const row = years.getByRole('row').filter({ has: page.getByRole('rowheader', { name: String(nextYear) }) });
  if (nextYear > 2026) {
    await expect(row.getByText('Chưa có quyết định chính thức — đang tính theo quy định của Bộ luật Lao động')).toBeVisible();
  }
  // A year opens its calendar at January.
  await row.getByRole('button', { name: String(nextYear) }).click();
  await expect(page.getByRole('table', { name: `Tháng 1 năm ${nextYear}` })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'calendar-years');
});


import { expect, test, checkA11y, createDossier, expectNoHorizontalScroll, login, shot } from './helpers';

// Issue #14: the leaders' dashboard (figures with their formulas and targets, charts with their
// tables), a drill-down whose list holds exactly the figure's dossiers, and the public results
// page of the portal (no login), at desktop and 360 px.

test('dashboard: the province monitor reads the year and drills into the received dossiers', async ({ page, baseURL }, info) => {
  // Two dossiers received today at the Department of Construction: today's figure there has them.
  for (const name of ['Lê Văn Hùng', 'Đặng Thị Mai']) await createDossier(baseURL!, 'tiepnhan.sxd', '1.013227@v1', { name });
  await login(page, 'giamsat.tinh');
  await page.getByRole('link', { name: 'Chỉ số', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Chỉ số giải quyết thủ tục hành chính', level: 1 })).toBeVisible();
  await page.getByLabel('Loại kỳ').selectOption({ label: 'Năm' });
  const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
  await expect(page.getByText(`Kỳ: 01/01/${year} – 31/12/${year}`)).toBeVisible();
  const figures = page.getByTestId('kpi-figures');
  await expect(figures).toBeVisible();
  // Each figure has its formula beside it; the targets come with their legal basis.
  await expect(page.getByRole('row', { name: /Tỷ lệ đúng hạn/ }).first()).toContainText('(Đã giải quyết − quá hạn) / đã giải quyết');
  await expect(page.getByRole('row', { name: /Tỷ lệ hồ sơ nộp trực tuyến/ })).toContainText('≥ 20%');
  await expect(page.getByText(/Căn cứ: Chỉ thị số 08\/CT-TTg/)).toBeVisible();
  await expect(page.getByRole('row', { name: /Mức độ hài lòng/ })).toContainText(/Chưa có đánh giá|%/);
  // The charts (chart.js, loaded with this page only) each have their table.
  await expect(page.locator('canvas')).toHaveCount(2);
  await expect(page.getByRole('table', { name: 'Hồ sơ tiếp nhận theo kênh' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Hồ sơ đã giải quyết theo thời hạn/ })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'kpi-dashboard');
  await shot(page, info, '80-kpi-dashboard');

  // Drill-down: the department's figure of today, and exactly that many dossiers in the list.
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  await page.goto(`/staff/chi-so?scope=agency%3Asxd&ky=custom&from=${today}&to=${today}`);
  await expect(page.getByLabel('Phạm vi', { exact: true })).toHaveValue('agency:sxd');
  const link = page.getByTestId('kpi-figures').getByRole('link', { name: /^Hồ sơ tiếp nhận: / });
  const figure = Number((await link.innerText()).replace(/\D/g, ''));
  expect(figure).toBeGreaterThanOrEqual(2);
  await link.click();
  await expect(page.getByRole('heading', { name: 'Hồ sơ tiếp nhận', level: 1 })).toBeVisible();
  await expect(page.getByTestId('drill-total')).toHaveText(figure.toLocaleString('vi-VN'));
  await expect(page.getByTestId('drill-table').locator('tbody tr')).toHaveCount(figure);
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'kpi-drill');
  await shot(page, info, '81-kpi-drill', false);
});

test('public results: anyone reads the province and agencies, and the procedures online', async ({ page }, info) => {
  await page.goto('/cong-khai');
  await expect(page.getByRole('heading', { name: 'Kết quả giải quyết thủ tục hành chính', level: 1 })).toBeVisible();
  const table = page.getByTestId('public-results');
  await expect(table.getByRole('row', { name: /^Toàn tỉnh/ })).toBeVisible();
  expect(await table.locator('tbody tr').count()).toBeGreaterThan(2);
  await expect(page.getByTestId('public-history').locator('tbody tr')).toHaveCount(4);
  await expect(page.getByTestId('public-procedures').getByText('Toàn trình').first()).toBeVisible();
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'public-results');
  await shot(page, info, '82-public-results', false);
});

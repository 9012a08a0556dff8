import { expect, test, actViaApi, apiAs, checkA11y, createDossier, expectNoHorizontalScroll, login, personalId, shot } from './helpers';

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
  await expect(figures.getByRole('row', { name: /Mức độ hài lòng/ })).toContainText(/Chưa có đánh giá|%/);
  // The charts (chart.js, loaded with this page only) each have their table.
  await expect(page.locator('.kpi-charts canvas')).toHaveCount(2);
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

test('Quyết định 766: groups with points and formulas, stocks of today and the lists behind the numbers', async ({ page, baseURL }, info) => {
  await createDossier(baseURL!, 'tiepnhan.sxd', '1.013227@v1', { name: 'Phan Văn Tâm' });
  await login(page, 'giamsat.tinh');
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const year = today.slice(0, 4);
  // The Department of Construction: its dossiers come through the real use cases only (the
  // synthetic bench-fill rows of the commune committees carry synthetic counters).
  await page.goto(`/staff/chi-so?scope=agency%3Asxd&ky=custom&from=${year}-01-01&to=${today}`);
  const section = page.getByTestId('kpi-766');
  await expect(section.getByRole('heading', { name: 'Bộ chỉ số Quyết định 766/QĐ-TTg', level: 2 })).toBeVisible();
  await expect(section.getByTestId('kpi-766-total')).toContainText('thang điểm 100');
  // Each group with its points; each indicator with the server's formula beside it.
  for (const g of ['Công khai, minh bạch', 'Tiến độ, kết quả giải quyết', 'Cung cấp dịch vụ trực tuyến', 'Mức độ hài lòng', 'Số hóa hồ sơ'])
    await expect(section.getByRole('heading', { name: new RegExp(`^${g}: `), level: 3 })).toBeVisible();
  await expect(section.getByTestId('i766-handled_on_time')).toContainText('(Số hồ sơ đã giải quyết trước hạn, đúng hạn + số hồ sơ đang giải quyết trong hạn)');
  // A value no stored source confirms says so beside it.
  await expect(section.getByTestId('i766-dossiers_synced')).toContainText('chưa xác minh');
  // What our data cannot decide is said, not invented.
  await expect(section.getByTestId('i766-published_on_time')).toContainText('Chưa đo');
  await expect(section.getByTestId('i766-dossier_satisfaction')).toContainText(/Chưa có đánh giá|%/);
  // The chart of the groups has its table.
  await expect(page.getByRole('img', { name: /Điểm theo nhóm chỉ số Quyết định 766/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Điểm theo nhóm chỉ số Quyết định 766' })).toBeAttached();
  const stock = page.getByTestId('kpi-stock-table');
  await expect(stock.getByRole('row', { name: /Sắp đến hạn/ })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'kpi-766');
  await shot(page, info, '83-kpi-766');

  // The stock of today lists exactly its dossiers.
  const link = stock.getByRole('link', { name: /^Đang giải quyết: / });
  const figure = Number((await link.innerText()).replace(/\D/g, ''));
  expect(figure).toBeGreaterThanOrEqual(1);
  await link.click();
  await expect(page.getByRole('heading', { name: 'Hồ sơ đang giải quyết', level: 1 })).toBeVisible();
  await expect(page.getByTestId('drill-total')).toHaveText(figure.toLocaleString('vi-VN'));
  await expect(page.getByTestId('drill-table').locator('tbody tr')).toHaveCount(figure);
  await checkA11y(page, info, 'kpi-766-drill');
  await shot(page, info, '84-kpi-766-drill', false);

  // The supplement requests of the period list exactly their entries.
  await page.goBack();
  const asked = page.getByTestId('kpi-stock-table').getByRole('link', { name: /^Yêu cầu bổ sung: / });
  const n = Number((await asked.innerText()).replace(/\D/g, ''));
  await asked.click();
  await expect(page.getByRole('heading', { name: 'Hồ sơ được yêu cầu bổ sung', level: 1 })).toBeVisible();
  await expect(page.getByTestId('drill-total')).toHaveText(n.toLocaleString('vi-VN'));
  if (n > 0) await expect(page.getByTestId('drill-table').locator('tbody tr')).toHaveCount(n);
  else await expect(page.getByText('Không có hồ sơ nào.')).toBeVisible();

  // An indicator's numerator opens the lists the server named for it, with exactly that many
  // dossiers: «handled on time» is the decided not late plus those in progress within time at the
  // close of today (the dossier above is one of the latter).
  await page.goBack();
  const num = page.getByTestId('i766-handled_on_time-num');
  const k = Number((await num.innerText()).split('(')[0].replace(/\D/g, ''));
  expect(k).toBeGreaterThanOrEqual(1);
  const parts: [string, string][] = [
    ['resolved_not_late', 'Hồ sơ giải quyết không quá hạn'],
    ['in_progress_within', 'Hồ sơ đang giải quyết trong hạn'],
  ];
  let sum = 0;
  for (const [metric, heading] of parts) {
    await page.getByTestId(`i766-handled_on_time-num-${metric}`).click();
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    const total = page.getByTestId('drill-total');
    await expect(total).toBeVisible();
    const t = Number((await total.innerText()).replace(/\D/g, ''));
    if (t > 0) await expect(page.getByTestId('drill-table').locator('tbody tr')).toHaveCount(t);
    if (metric === 'in_progress_within') expect(t).toBeGreaterThanOrEqual(1);
    sum += t;
    await page.goBack();
  }
  expect(sum).toBe(k);
  // A procedure-counted number lists the procedures: the scope's procedures.
  const den = page.getByTestId('i766-procedures_online-den');
  const p = Number((await den.innerText()).replace(/\D/g, ''));
  expect(p).toBeGreaterThanOrEqual(1);
  await den.click();
  await expect(page.getByRole('heading', { name: 'Thủ tục của phạm vi', level: 1 })).toBeVisible();
  await expect(page.getByTestId('drill-total')).toHaveText(p.toLocaleString('vi-VN'));
  await expect(page.getByTestId('drill-table').locator('tbody tr')).toHaveCount(p);
  await checkA11y(page, info, 'kpi-766-numerator');
  // data_reused counts components of dossiers: a death registration received at the counter with
  // the identity paper handed in (the population database could have replaced it) is one row of
  // its denominator's «still asked» part, with the component's name and where it came from.
  const desk = await apiAs(baseURL!, 'tiepnhan.camthanh');
  const identity = 'Giấy tờ tùy thân của người đi khai tử (xuất trình)';
  const made = await desk.ctx.post('/api/v1/dossiers', {
    headers: { 'X-CSRF-Token': desk.csrf },
    data: {
      procedure_id: '1.000656@v1', channel: 1, receive: true,
      applicant: { kind: 'citizen', full_name: 'Lê Văn Hùng', id_number: personalId(), phone: '0905123456' },
      components: [{ name: identity, kind: 'original', count: 1, provided: true }],
    },
  });
  expect(made.status(), await made.text()).toBe(201);
  const askedCode = (await made.json()).code as string;
  await desk.ctx.dispose();
  await page.goto(`/staff/chi-so?scope=agency%3Aubnd-camthanh&ky=custom&from=${today}&to=${today}`);
  await page.getByTestId('i766-data_reused-den-components_asked').click();
  await expect(page.getByRole('heading', { name: 'Thành phần hồ sơ vẫn yêu cầu nộp giấy tờ', level: 1 })).toBeVisible();
  const listed = page.getByTestId('drill-total');
  await expect(listed).toBeVisible();
  const c = Number((await listed.innerText()).replace(/\D/g, ''));
  expect(c).toBeGreaterThanOrEqual(1);
  await expect(page.getByRole('columnheader', { name: 'Thành phần hồ sơ' })).toBeVisible();
  await expect(page.getByTestId('drill-table').locator('tbody tr')).toHaveCount(c);
  const row = page.getByTestId('drill-table').locator('tbody tr', { hasText: askedCode });
  await expect(row).toContainText(identity);
  await expect(row).toContainText('Người nộp vẫn nộp giấy tờ');
  await checkA11y(page, info, 'kpi-766-components');
});

test('where dossiers wait: a step handed on today appears in the chart of time per step and its table', async ({ page, baseURL }, info) => {
  // A dossier received at Cẩm Thành, taken by the specialist and handed on: one step left today.
  const d = await createDossier(baseURL!, 'tiepnhan.camthanh', '2.000806@v1', { name: 'Huỳnh Văn Phúc' });
  await actViaApi(baseURL!, 'chuyenvien.camthanh', d.id, 'start_processing');
  const spec = await apiAs(baseURL!, 'chuyenvien.camthanh');
  const view = await (await spec.ctx.get(`/api/v1/dossiers/${d.id}`)).json();
  const choice = (view.step_choices ?? []).find((c: { action: string }) => c.action === 'handover');
  const r = await spec.ctx.post(`/api/v1/dossiers/${d.id}/actions/handover`, {
    headers: { 'X-CSRF-Token': spec.csrf },
    data: choice?.candidates?.length ? { assignee_id: choice.candidates[0].id } : {},
  });
  expect(r.status(), await r.text()).toBe(200);
  await spec.ctx.dispose();

  await login(page, 'giamsat.tinh');
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  await page.goto(`/staff/chi-so?scope=agency%3Aubnd-camthanh&ky=custom&from=${today}&to=${today}`);
  const steps = page.getByTestId('kpi-steps');
  await expect(steps.getByRole('heading', { name: 'Thời gian theo bước và theo cơ quan' })).toBeVisible();
  // The chart (chart.js) with its table as the text alternative, and the table per agency.
  await expect(steps.getByRole('img', { name: /Thời gian xử lý theo bước/ })).toBeVisible();
  const table = steps.getByRole('table', { name: 'Thời gian xử lý theo bước' });
  await expect(table.locator('tbody tr').first()).toContainText(/Bước \d+/);
  await expect(table.locator('tbody tr').first()).toContainText(/dưới \d+ giờ|giờ trở lên/);
  const agencies = steps.getByRole('table', { name: 'Thời gian xử lý theo cơ quan thực hiện bước' });
  await expect(agencies.getByRole('row', { name: /Cẩm Thành/ }).first()).toBeVisible();
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'kpi-steps');
  await shot(page, info, '85-kpi-steps');

  // The stock at the close of the day: the list holds exactly the dossiers of the figure.
  const stock = page.getByTestId('kpi-figures').getByRole('link', { name: /^Đang giải quyết: / });
  const inProgress = Number((await stock.innerText()).replace(/\D/g, ''));
  expect(inProgress).toBeGreaterThanOrEqual(1);
  await stock.click();
  await expect(page.getByRole('heading', { name: 'Hồ sơ đang giải quyết', level: 1 })).toBeVisible();
  await expect(page.getByText(/Tồn tại cuối ngày/)).toBeVisible();
  await expect(page.getByTestId('drill-total')).toHaveText(inProgress.toLocaleString('vi-VN'));
  await expect(page.getByTestId('drill-table').locator('tbody tr')).toHaveCount(inProgress);
  await expect(page.getByTestId('drill-table').getByRole('link', { name: d.code })).toBeVisible();
  await checkA11y(page, info, 'kpi-stock-drill');
  await shot(page, info, '86-kpi-stock-drill', false);
});

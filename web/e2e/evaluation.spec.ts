import { expect, test, checkA11y, expectNoHorizontalScroll, login, logout, shot } from './helpers';

// Issue #14: the quarterly evaluation of an agency (the leader scores, the province appraises)
// and the review of procedures with its workbook, at desktop and 360 px.

/** The quarter before the current one (Vietnam time): "2026-Q3" and its label. */
function previousQuarter(): { id: string; label: string } {
  const now = new Date(Date.now() + 7 * 3600_000);
  let y = now.getUTCFullYear();
  let q = Math.floor(now.getUTCMonth() / 3);
  if (q === 0) {
    q = 4;
    y -= 1;
  }
  return { id: `${y}-Q${q}`, label: `Quý ${['I', 'II', 'III', 'IV'][q - 1]} năm ${y}` };
}

test('evaluation: the leader scores the agency, the province appraises', async ({ page }, info) => {
  // Each project scores its own agency, so the two runs on one server do not meet.
  const mobile = info.project.name === 'mobile';
  const leader = mobile ? 'lanhdao.kontum' : 'lanhdao.camthanh';
  const name = mobile ? 'Ủy ban nhân dân phường Kon Tum' : 'Ủy ban nhân dân phường Cẩm Thành';
  const q = previousQuarter();

  await login(page, leader);
  await page.getByRole('link', { name: 'Đánh giá', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Đánh giá giải quyết thủ tục hành chính', level: 1 })).toBeVisible();
  await page.getByLabel('Kỳ đánh giá').selectOption({ label: q.label });
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(q.label);
  const rows = page.getByRole('table', { name: 'Điểm từng chỉ số' }).getByRole('row');
  await expect(rows).toHaveCount(10);
  await expect(page.getByRole('row', { name: /Thời gian giải quyết so với thời hạn quy định/ })).toContainText('Hệ thống tính');
  await expect(page.getByText('Ngưỡng điểm chưa được đối chiếu với văn bản gốc')).toBeVisible();
  await checkA11y(page, info, 'evaluation-open');
  await shot(page, info, '70-evaluation-open');

  // A point out of range is refused beside its field, before anything is sent.
  const form = page.getByRole('form', { name: 'Tự chấm điểm của cơ quan' });
  await form.getByLabel('Công khai thủ tục hành chính').fill('3');
  await form.getByLabel('Thái độ ứng xử của cán bộ, công chức, viên chức').fill('1,5');
  await form.getByLabel('Tiếp thu, giải trình phản ánh, kiến nghị').fill('2');
  await form.getByRole('button', { name: 'Ghi kết quả tự chấm' }).click();
  await expect(form.getByLabel('Công khai thủ tục hành chính')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Công khai thủ tục hành chính')).toBeFocused();
  await form.getByLabel('Công khai thủ tục hành chính').fill('2');
  await form.getByLabel('Ghi chú').fill('Tự chấm quý trước');
  await form.getByRole('button', { name: 'Ghi kết quả tự chấm' }).click();
  await expect(page.getByText(/^Đã ghi kết quả tự chấm: [\d,]+ điểm, xếp loại /)).toBeVisible();
  await expect(page.getByText('Đã tự chấm, chờ thẩm định')).toBeVisible();
  await expect(page.getByRole('list').filter({ hasText: 'tự chấm bởi ' + leader })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'evaluation-self-scored');
  await shot(page, info, '71-evaluation-self-scored');
  await logout(page);

  // The province appraises; the leader's form is gone for it, the appraisal's is there.
  await login(page, 'quantritinh.tinh');
  await page.getByRole('link', { name: 'Đánh giá', exact: true }).click();
  await page.getByLabel('Kỳ đánh giá').selectOption({ label: q.label });
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('Đã tự chấm, chờ thẩm định');
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'evaluation-overview');
  await shot(page, info, '72-evaluation-overview');
  await row.getByRole('link', { name }).click();
  await expect(page.getByRole('form', { name: 'Tự chấm điểm của cơ quan' })).toHaveCount(0);
  const appraisal = page.getByRole('form', { name: 'Thẩm định kết quả tự chấm' });
  await appraisal.getByLabel('Thái độ ứng xử của cán bộ, công chức, viên chức').fill('1');
  await appraisal.getByRole('button', { name: 'Ghi kết quả thẩm định' }).click();
  await expect(page.getByText(/^Đã ghi kết quả thẩm định: [\d,]+ điểm, xếp loại /)).toBeVisible();
  await expect(page.getByText('Đã thẩm định', { exact: true })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Thẩm định kết quả tự chấm' })).toHaveCount(0);
  await checkA11y(page, info, 'evaluation-appraised');
  await shot(page, info, '73-evaluation-appraised');
});

test('review: the province reviews procedures and downloads the workbook', async ({ page }, info) => {
  await login(page, 'giamsat.tinh');
  await page.getByRole('link', { name: 'Rà soát TTHC' }).click();
  await expect(page.getByRole('heading', { name: 'Rà soát thủ tục hành chính', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Kết quả rà soát từng thủ tục' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByText('chưa kiểm chứng').first()).toBeVisible();
  await page.getByLabel('Tỷ lệ nộp trực tuyến (%)').fill('150');
  await page.getByRole('button', { name: 'Xem kết quả' }).click();
  await expect(page.getByText('Phương án đơn giản hóa không hợp lệ.')).toBeVisible();
  await expect(page.getByLabel('Tỷ lệ nộp trực tuyến (%)')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Tỷ lệ nộp trực tuyến (%)').fill('80');
  await page.getByRole('button', { name: 'Xem kết quả' }).click();
  await expect(page.getByRole('heading', { name: /tiết kiệm/ })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Tải bảng rà soát (Excel)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^ra-soat-tthc-\d{4}\.xlsx$/);
  await expect(page.getByText(/^Đã tải về bảng rà soát thủ tục hành chính năm \d{4} \(Excel\)\.$/)).toBeVisible();
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'review');
  await shot(page, info, '74-review');
});

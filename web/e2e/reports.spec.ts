import { expect, test, checkA11y, expectNoHorizontalScroll, login, logout, shot } from './helpers';

// Issue #14: a unit's periodic report (form 06a) — the leader generates, checks and submits it
// (then it is frozen), downloads the workbook; the province sees who has not reported and
// consolidates, naming the sources. Desktop and 360 px, each on its own unit.

test('reports: a unit submits form 06a, the province consolidates it', async ({ page }, info) => {
  const mobile = info.project.name === 'mobile';
  const leader = mobile ? 'lanhdao.kontum' : 'lanhdao.camthanh';
  const name = mobile ? 'Ủy ban nhân dân phường Kon Tum' : 'Ủy ban nhân dân phường Cẩm Thành';

  await login(page, leader);
  await page.getByRole('link', { name: 'Báo cáo định kỳ' }).click();
  await expect(page.getByRole('heading', { name: 'Báo cáo định kỳ', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Lập báo cáo' }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`Báo cáo mẫu 06a lần \\d+ — ${name}`) })).toBeVisible();
  await expect(page.getByText('Đã lập, chờ kiểm tra')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Số liệu tổng cộng của báo cáo' }).getByRole('row')).toHaveCount(12);
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'report-generated');
  await shot(page, info, '80-report-generated');

  await page.getByRole('button', { name: 'Kiểm tra (lãnh đạo)' }).click();
  await expect(page.getByText('Đã kiểm tra, chờ gửi')).toBeVisible();
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(page.getByText('Đã gửi báo cáo; báo cáo được khóa.')).toBeVisible();
  await expect(page.getByText('Đã gửi (khóa)')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Gửi báo cáo' })).toHaveCount(0);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Tải Excel' }).click();
  expect((await download).suggestedFilename()).toMatch(/^bao-cao-06a-.+\.xlsx$/);
  await checkA11y(page, info, 'report-submitted');
  await shot(page, info, '81-report-submitted');
  await logout(page);

  await login(page, 'quantritinh.tinh');
  await page.getByRole('link', { name: 'Báo cáo định kỳ' }).click();
  await page.getByRole('button', { name: 'Xem tình hình báo cáo' }).click();
  const status = page.getByRole('table', { name: 'Tình hình báo cáo của các đơn vị' });
  await expect(status.getByRole('row', { name: new RegExp(name) })).toContainText('Đã gửi lần');
  await expect(page.getByRole('heading', { name: /^Đơn vị chưa gửi báo cáo: \d+ \/ \d+$/ })).toBeVisible();
  await page.getByRole('button', { name: 'Tổng hợp báo cáo đã gửi' }).click();
  await expect(page.getByText('Đã tổng hợp các báo cáo đã gửi.')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: new RegExp(`${name} — báo cáo lần \\d+, gửi lúc`) })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'report-consolidated');
  await shot(page, info, '82-report-consolidated');
});

// «Hồ sơ của tôi» at desktop and 360 px: what the server expects of the citizen, shown and done
// from the portal: a supplement answered online (documents + note, back to the agency), the
// electronic result downloaded and the dossier rated once, a dossier withdrawn with a reason.
import { apiAs, checkA11y, expect, expectNoHorizontalScroll, personalId, shot, test } from './helpers';
import { fileOnlineViaApi, pdfBytes, portalLogin, staffAct, toElectronicResult, toProcessing } from './portal-helpers';

test('a supplement answered online', async ({ page, baseURL }, info) => {
  const pid = personalId();
  const d = await fileOnlineViaApi(baseURL!, pid);
  await toProcessing(baseURL!, d.id);
  await staffAct(baseURL!, 'chuyenvien.camthanh', d.id, 'request_supplement', { items: ['Bản sao Giấy chứng nhận kết hôn của cha mẹ'] });

  await portalLogin(page, 'Nguyễn Thị Lan', pid);
  await page.goto('/ho-so-cua-toi');
  const card = page.getByRole('listitem').filter({ hasText: `Mã hồ sơ ${d.code}` });
  await expect(card.getByText('Gửi giấy tờ bổ sung')).toBeVisible();
  await expectNoHorizontalScroll(page);
  await shot(page, info, 'p20-my-dossiers-awaiting');
  await card.getByRole('link').first().click();

  const box = page.getByRole('region', { name: 'Gửi giấy tờ bổ sung' });
  await expect(box.getByText('Bản sao Giấy chứng nhận kết hôn của cha mẹ').first()).toBeVisible();
  await checkA11y(page, info, 'portal-supplement');
  await box.getByLabel(/Chọn tệp cho «Bản sao Giấy chứng nhận kết hôn/).setInputFiles({ name: 'gcn-ket-hon.pdf', mimeType: 'application/pdf', buffer: pdfBytes('ket hon') });
  await expect(box.getByText('Đã tải lên: gcn-ket-hon.pdf')).toBeVisible({ timeout: 15_000 });
  await box.getByLabel('Nội dung bổ sung, giải trình (nếu có)').fill('Gửi bản sao giấy chứng nhận kết hôn.');
  await shot(page, info, 'p21-supplement');
  await box.getByRole('button', { name: 'Gửi bổ sung' }).click();
  await expect(page.getByText('Đã gửi giấy tờ bổ sung. Hồ sơ đã được chuyển lại cho cơ quan.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Gửi giấy tờ bổ sung' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'gcn-ket-hon.pdf' })).toBeVisible();

  // The official sees it back in progress.
  const { ctx } = await apiAs(baseURL!, 'chuyenvien.camthanh');
  const v = await (await ctx.get(`/api/v1/dossiers/${d.id}`)).json();
  expect(v.state.id).toBe('in_progress');
  await ctx.dispose();
});

test('the electronic result downloaded, the dossier rated once', async ({ page, baseURL }, info) => {
  const pid = personalId();
  const d = await fileOnlineViaApi(baseURL!, pid);
  await toProcessing(baseURL!, d.id);
  await toElectronicResult(baseURL!, d.id);

  await portalLogin(page, 'Nguyễn Thị Lan', pid);
  await page.goto(`/ho-so-cua-toi/${d.id}`);
  const result = page.getByRole('region', { name: 'Kết quả giải quyết' });
  await expect(result.getByText(/Hồ sơ được giải quyết: văn bản số 12\/GKS/)).toBeVisible();
  const dl = page.waitForEvent('download');
  await result.getByRole('link', { name: 'Tải kết quả điện tử (PDF)' }).click();
  const file = await dl;
  expect(file.suggestedFilename()).toMatch(/\.pdf$/);

  const rate = page.getByRole('region', { name: 'Đánh giá mức độ hài lòng' });
  await rate.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(rate.getByText('Vui lòng chọn một mức đánh giá.')).toBeVisible();
  await expect(rate.getByRole('radio', { name: 'Rất hài lòng' })).toBeFocused();
  await checkA11y(page, info, 'portal-rate');
  await rate.getByRole('radio', { name: 'Rất hài lòng' }).check();
  await rate.getByLabel('Góp ý thêm (không bắt buộc)').fill('Cán bộ hướng dẫn tận tình. <script>alert(1)</script>');
  await shot(page, info, 'p22-rate');
  await rate.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(page.getByText('Cảm ơn anh/chị đã đánh giá.')).toBeVisible();
  // Escaped, not run; once only: after a reload the rating is shown, no form.
  await page.reload();
  await expect(page.getByRole('region', { name: 'Đánh giá mức độ hài lòng' }).getByText(/Rất hài lòng/)).toBeVisible();
  await expect(page.getByText('<script>alert(1)</script>', { exact: false }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Gửi đánh giá' })).toHaveCount(0);
  await shot(page, info, 'p23-rated');
});

test('a dossier withdrawn with a reason', async ({ page, baseURL }, info) => {
  const pid = personalId();
  const d = await fileOnlineViaApi(baseURL!, pid);
  await portalLogin(page, 'Nguyễn Thị Lan', pid);
  await page.goto(`/ho-so-cua-toi/${d.id}`);
  await page.getByRole('button', { name: 'Rút hồ sơ' }).click();
  await page.getByRole('button', { name: 'Xác nhận rút hồ sơ' }).click();
  await expect(page.getByLabel('Lý do rút hồ sơ')).toBeFocused();
  await expect(page.getByText('Vui lòng ghi lý do rút hồ sơ.')).toBeVisible();
  await page.getByLabel('Lý do rút hồ sơ').fill('Tôi nộp nhầm thủ tục.');
  await page.getByRole('button', { name: 'Xác nhận rút hồ sơ' }).click();
  await expect(page.getByText('Đã rút hồ sơ.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rút hồ sơ' })).toHaveCount(0);
  await checkA11y(page, info, 'portal-withdrawn');
  await shot(page, info, 'p24-withdrawn');
});

test("another citizen's dossier is not found", async ({ page, baseURL }) => {
  const d = await fileOnlineViaApi(baseURL!, personalId());
  await portalLogin(page, 'Người Khác');
  await page.goto(`/ho-so-cua-toi/${d.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Không tìm thấy hồ sơ' })).toBeVisible();
  await expect(page.getByText(d.code)).toHaveCount(0);
});

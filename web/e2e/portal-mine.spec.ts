// «Hồ sơ của tôi» at desktop and 360 px: what the server expects of the citizen, shown and done
// from the portal: a supplement answered online (documents + note, back to the agency), the
// electronic result downloaded and the dossier rated once, a dossier withdrawn with a reason.
import { apiAs, checkA11y, expect, expectNoHorizontalScroll, personalId, shot, test } from './helpers';
import { citizenApi, fileOnlineViaApi, pdfBytes, portalLogin, staffAct, toElectronicResult, toProcessing } from './portal-helpers';

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

  // Kept in «Kho dữ liệu của tôi», with the plain word on the national databases.
  await page.goto('/kho-du-lieu');
  await expect(page.getByRole('heading', { level: 1, name: 'Kho dữ liệu của tôi' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'gcn-ket-hon.pdf' })).toBeVisible();
  await expect(page.getByText(/chưa kết nối/i).first()).toBeVisible();
  await checkA11y(page, info, 'portal-data-store');
  await shot(page, info, 'p25-data-store');

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

test('a forged rating link says so, without a login', async ({ page }) => {
  await page.goto('/danh-gia/khong-phai-ma-that');
  await expect(page.getByRole('heading', { level: 1, name: 'Đánh giá mức độ hài lòng' })).toBeVisible();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Gửi đánh giá' })).toHaveCount(0);
});

test('how to be told: channels and contacts, the server checks them', async ({ page }, info) => {
  await portalLogin(page, 'Đặng Thu Hà');
  await page.goto('/ho-so-cua-toi');
  await page.getByRole('link', { name: 'Nhận thông báo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nhận thông báo về hồ sơ' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Thư điện tử' }).check();
  await page.getByRole('checkbox', { name: 'Zalo' }).check();
  await page.getByRole('textbox', { name: 'Thư điện tử' }).fill('ha dang@example');
  await page.getByLabel('Số điện thoại di động (Zalo, SMS)').fill('0905 123 456');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('textbox', { name: 'Thư điện tử' })).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'Thư điện tử' })).toHaveAttribute('aria-invalid', 'true');
  await checkA11y(page, info, 'portal-notifications');
  await page.getByRole('textbox', { name: 'Thư điện tử' }).fill('ha.dang@example.vn');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByText('Đã lưu cách nhận thông báo.')).toBeVisible();
  await expect(page.getByLabel('Số điện thoại di động (Zalo, SMS)')).toHaveValue('0905123456');
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Zalo' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Tin nhắn SMS' })).not.toBeChecked();
  await shot(page, info, 'p26-notifications');
});

test("another citizen's draft cannot be opened by its id", async ({ page, baseURL }) => {
  const a = await citizenApi(baseURL!, personalId(), 'Chủ Bản Nháp');
  const made = await a.ctx.post('/api/v1/drafts', {
    headers: { 'X-CSRF-Token': a.csrf },
    data: { procedure_id: '1.001193@v1', data: { requester: { full_name: 'Bí Mật Của A' } } },
  });
  expect(made.status(), await made.text()).toBe(201);
  const draft = await made.json();
  await a.ctx.dispose();

  await portalLogin(page, 'Người Khác');
  await page.goto(`/nop-ho-so/1.001193@v1?ban-nhap-may-chu=${draft.id}`);
  const name = page.getByRole('group', { name: 'Người yêu cầu' }).getByLabel('Họ, chữ đệm và tên người yêu cầu');
  await expect(name).toHaveValue('');
  await expect(page.getByText('Bí Mật Của A')).toHaveCount(0);
  const r = await page.request.get(`/api/v1/drafts/${draft.id}`);
  expect(r.status()).toBe(404);
});

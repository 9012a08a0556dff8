// Phản ánh, kiến nghị at desktop and 360 px (issue 16): a citizen files on the portal with an
// attachment, the hotline desk logs a call, the service centre classifies and transfers the
// citizen's case to the competent agency, whose head takes it, answers and publishes; the
// citizen rates the answer and reopens once; the published answer is found without diacritics.
import { checkA11y, expect, expectNoHorizontalScroll, login, logout, personalId, shot, test } from './helpers';
import { fileOnlineViaApi, pdfBytes, portalLogin } from './portal-helpers';

test('a case filed, called in, transferred, answered, published, rated and reopened', async ({ page, browser, baseURL }, info) => {
  const pid = personalId();
  const dossier = await fileOnlineViaApi(baseURL!, pid);
  const topic = `hộ tịch ${pid.slice(-6)}`;
  await portalLogin(page, 'Nguyễn Thị Lan', pid);
  await page.goto('/phan-anh-kien-nghi/gui');
  await expect(page.getByRole('heading', { level: 1, name: 'Gửi phản ánh, kiến nghị' })).toBeVisible();
  await page.getByLabel('Tiêu đề').fill(`Chậm trả kết quả ${topic}`);
  await page.getByLabel(/^Nội dung/).fill(`Tôi nộp hồ sơ ${topic} đã quá hẹn 5 ngày nhưng chưa nhận được kết quả. <script>alert(1)</script>`);
  await page.getByLabel('Số điện thoại').fill('0905123456');
  await page.getByLabel('Mã hồ sơ liên quan (nếu có)').fill(dossier.code);
  await page.getByLabel(/Tệp đính kèm/).setInputFiles({ name: 'giay-hen.pdf', mimeType: 'application/pdf', buffer: pdfBytes('hen') });
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'feedback-file');
  await shot(page, info, 'fb01-file');
  await page.getByRole('button', { name: 'Gửi phản ánh, kiến nghị' }).click();
  await expect(page.getByText(/đã được tiếp nhận với mã/)).toBeVisible();
  const code = (await page.locator('.fb-code').first().textContent())!.trim();
  expect(code).toMatch(/^PAKN-/);
  await shot(page, info, 'fb02-filed');

  // The hotline desk logs a call.
  const deskCtx = await browser.newContext();
  const desk = await deskCtx.newPage();
  await login(desk, 'tiepnhan.ttphcc');
  await desk.goto('/staff/phan-anh');
  const call = desk.getByRole('form', { name: 'Ghi nhận cuộc gọi đường dây nóng' });
  await call.getByLabel('Họ tên người gọi').fill('Võ Thị Hoa');
  await call.getByLabel('Số điện thoại người gọi').fill('0935111222');
  await call.getByLabel('Nội dung cuộc gọi').fill('Người gọi phản ánh phải chờ hai giờ tại quầy tiếp nhận.');
  await call.getByRole('button', { name: 'Ghi nhận cuộc gọi' }).click();
  await expect(desk.getByText(/Đã ghi nhận cuộc gọi, mã/)).toBeVisible();
  await expectNoHorizontalScroll(desk);
  await checkA11y(desk, info, 'feedback-desk');
  await shot(desk, info, 'fb03-hotline');
  // The citizen's case names their dossier: it went to the dossier's agency, whose desk classifies it.
  await logout(desk);
  await login(desk, 'tiepnhan.camthanh');
  await desk.goto('/staff/phan-anh');
  await desk.getByRole('link', { name: code }).click();
  await expect(desk.getByRole('heading', { level: 1, name: `Phản ánh, kiến nghị ${code}` })).toBeVisible();
  await expect(desk.getByText('<script>alert(1)</script>', { exact: false })).toBeVisible();  // shown as text
  await desk.getByLabel('Lĩnh vực').selectOption('Hộ tịch');
  await desk.getByRole('button', { name: 'Phân loại' }).click();
  await expect(desk.locator('.fb-state')).toHaveText('Đã phân loại');
  await desk.getByLabel('Cơ quan có thẩm quyền').selectOption('stp');
  await desk.getByLabel('Lý do chuyển').fill('Thuộc thẩm quyền Sở Tư pháp');
  await desk.getByRole('button', { name: 'Chuyển', exact: true }).click();
  await expect(desk.locator('.fb-state')).toHaveText('Đã chuyển cơ quan có thẩm quyền');
  const caseUrl = desk.url();
  await shot(desk, info, 'fb04-transferred');
  await deskCtx.close();

  // The competent agency's head takes it, answers and publishes.
  const headCtx = await browser.newContext();
  const head = await headCtx.newPage();
  await login(head, 'truongphong.stp');
  await head.goto(new URL(caseUrl).pathname);
  await head.getByRole('button', { name: 'Giao cho tôi xử lý' }).click();
  await expect(head.locator('.fb-state')).toHaveText('Đang xử lý');
  await head.getByLabel('Nội dung trả lời').fill(`Sở Tư pháp đã đôn đốc; kết quả ${topic} trả cho bà Nguyễn Thị Lan (0905123456) ngày 4/12.`);
  await checkA11y(head, info, 'feedback-answer');
  await head.getByRole('button', { name: 'Gửi trả lời' }).click();
  await expect(head.locator('.fb-state')).toHaveText('Đã trả lời');
  await expectNoHorizontalScroll(head);
  await shot(head, info, 'fb05-answered');
  await headCtx.close();

  // The citizen reads the answer, rates it, and reopens once.
  await page.goto('/phan-anh-cua-toi');
  const card = page.locator('article').filter({ hasText: code });
  await expect(card.locator('.fb-answer')).toContainText('Sở Tư pháp đã đôn đốc');
  await card.getByLabel('Không hài lòng').check();
  await card.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(card.getByRole('button', { name: 'Gửi đánh giá' })).toHaveCount(0);
  await card.getByLabel(/Đề nghị xem xét lại/).fill('Xã vẫn chưa trả kết quả.');
  await card.getByRole('button', { name: 'Đề nghị xem xét lại' }).click();
  await expect(card).toContainText('Mở lại');
  await expect(card.getByRole('button', { name: 'Đề nghị xem xét lại' })).toHaveCount(0);
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'feedback-mine');
  await shot(page, info, 'fb06-reopened');

  // The dossier's page shows the case that names it.
  await page.goto(`/ho-so-cua-toi/${dossier.id}`);
  const related = page.getByRole('region', { name: 'Phản ánh, kiến nghị về hồ sơ này' });
  await expect(related.getByRole('link', { name: code })).toBeVisible();
  await shot(page, info, 'fb065-dossier-cases');

  // The published answer, found without diacritics, personal data removed.
  await page.goto(`/phan-anh-kien-nghi?q=${encodeURIComponent(`ho tich ${pid.slice(-6)}`)}`);
  const item = page.locator('.fb-published li').filter({ hasText: 'Sở Tư pháp đã đôn đốc' });
  await expect(item).toHaveCount(1);
  await expect(item).not.toContainText('0905123456');
  await expect(item).not.toContainText('Nguyễn Thị Lan');
  await expect(item).toContainText('[đã ẩn]');
  // The citizen's <script> is shown as text on the public page, never run.
  await expect(item).toContainText('<script>alert(1)</script>');
  await expect(item.locator('script')).toHaveCount(0);
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'feedback-published');
  await shot(page, info, 'fb07-published');
});

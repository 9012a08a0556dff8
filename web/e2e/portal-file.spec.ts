// Filing online: the e-form checked in the browser (errors on their fields, focus on the first),
// a file per component with a progress bar, submitted once → the dossier's code; the network cut
// mid-form and the draft intact after a reload and in a second browser context; the keyboard alone.
import type { Page } from '@playwright/test';
import { checkA11y, expect, expectNoHorizontalScroll, shot, test } from './helpers';
import { expectSaved, pdfBytes, portalLogin } from './portal-helpers';

async function fillBirthForm(page: Page, pid: string) {
  const req = page.getByRole('group', { name: 'Người yêu cầu' });
  await req.getByLabel('Họ, chữ đệm và tên người yêu cầu').fill('Nguyễn Thị Lan');
  await req.getByLabel('Số định danh cá nhân').fill(pid);
  await req.getByLabel('Số điện thoại').fill('0905123456');
  await req.getByLabel('Quan hệ với người được khai sinh').selectOption('me');
  const res = page.getByRole('group', { name: 'Nơi cư trú của người yêu cầu' });
  await res.getByLabel('Số nhà, đường, thôn, tổ').fill('12 Lê Trung Đình');
  await res.getByRole('combobox', { name: 'Xã, phường, đặc khu' }).fill('cam thanh');
  await page.getByRole('option', { name: /Phường Cẩm Thành/ }).first().click();
  const child = page.getByRole('group', { name: 'Người được khai sinh' });
  await child.getByLabel('Họ, chữ đệm, tên').fill('Nguyễn Minh An');
  await child.getByLabel('Ngày, tháng, năm sinh').fill('01/11/2026');
  await child.getByRole('radio', { name: 'Nữ' }).check();
  await child.getByLabel('Dân tộc').fill('Kinh');
  await child.getByLabel('Quốc tịch').fill('Việt Nam');
  await child.getByLabel('Nơi sinh').fill('Bệnh viện Đa khoa tỉnh Quảng Ngãi');
  await child.getByLabel('Quê quán').fill('Quảng Ngãi');
  await page.getByLabel(/Tôi cam đoan những nội dung khai trên đây là đúng sự thật/).check();
}

test('file a birth registration online with an upload, get the code', async ({ page }, info) => {
  const pid = await portalLogin(page);
  await page.goto('/thu-tuc/1.001193@v1');
  await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nộp hồ sơ: Đăng ký khai sinh' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Tờ khai đăng ký khai sinh' })).toBeVisible();
  // Components the national databases could supply are still asked before any lookup (civil
  // status and land not connected; the population database only once the citizen looks up), and it says so.
  await expect(page.getByRole('region', { name: 'Thành phần hồ sơ' }).getByText(/chưa kết nối/i)).toBeVisible();

  // Sent empty: the browser's check, the first field focused, each error tied to its field.
  await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
  const first = page.getByRole('group', { name: 'Người yêu cầu' }).getByLabel('Họ, chữ đệm và tên người yêu cầu');
  await expect(first).toBeFocused();
  await expect(first).toHaveAttribute('aria-invalid', 'true');
  await expect(first).toHaveAccessibleDescription(/Thông tin bắt buộc\./);
  await expect(page.getByText(/Còn \d+ mục cần sửa/)).toBeVisible();
  await checkA11y(page, info, 'portal-filing-errors');
  await shot(page, info, 'p10-filing-errors');

  await fillBirthForm(page, pid);
  await expectSaved(page);

  // One file for «Giấy chứng sinh», with its progress bar, then listed.
  const picker = page.getByLabel(/Chọn tệp cho «Giấy chứng sinh/);
  await picker.setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: pdfBytes('chung sinh') });
  await expect(page.getByText('Đã tải lên:').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('giay-chung-sinh.pdf')).toBeVisible();
  // A text file named .pdf: the server's own message, nothing kept.
  await page.getByLabel(/Chọn tệp cho «Giấy tờ tùy thân/).setInputFiles({ name: 'gia.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf at all') });
  await expect(page.getByRole('alert').filter({ hasText: /PDF|JPEG|PNG/ })).toBeVisible({ timeout: 15_000 });
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'portal-filing');
  await shot(page, info, 'p11-filing-filled');

  // Submitted (a double click makes one dossier): the code.
  await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).dblclick();
  await expect(page.getByRole('heading', { level: 1, name: 'Đã nộp hồ sơ' })).toBeVisible({ timeout: 20_000 });
  const code = (await page.getByTestId('dossier-code').textContent())!.trim();
  expect(code).toMatch(/^[\d.]+\.H51-\d{6}-\d{4}$/);
  await checkA11y(page, info, 'portal-filed');
  await shot(page, info, 'p12-filed');

  // Exactly one dossier, listed in "Hồ sơ của tôi".
  const r = await page.request.get('/api/v1/me/dossiers');
  if (r.status() === 200) {
    const items = (await r.json()).items as { code: string }[];
    expect(items.filter((x) => x.code === code)).toHaveLength(1);
    expect(items).toHaveLength(1);
    await page.getByRole('link', { name: 'Hồ sơ của tôi' }).last().click();
    await expect(page.getByRole('list', { name: 'Hồ sơ đã nộp' }).getByText(`Mã hồ sơ ${code}`)).toBeVisible();
    await checkA11y(page, info, 'portal-my-dossiers');
    await shot(page, info, 'p13-my-dossiers');
  }
});

test('network cut mid-form: the draft is intact after a reload and in a second browser context', async ({ page, browser }, info) => {
  const pid = await portalLogin(page, 'Trần Văn Hùng');
  await page.goto('/nop-ho-so/1.001193@v1');
  const req = page.getByRole('group', { name: 'Người yêu cầu' });
  await req.getByLabel('Họ, chữ đệm và tên người yêu cầu').fill('Trần Văn Hùng');
  await expectSaved(page);

  // The network goes: typing goes on, kept on the device.
  await page.context().setOffline(true);
  await req.getByLabel('Số điện thoại').fill('0912345678');
  const child = page.getByRole('group', { name: 'Người được khai sinh' });
  await child.getByLabel('Họ, chữ đệm, tên').fill('Trần Bảo Ngọc');
  await expect(page.getByTestId('save-status')).toContainText('Mất kết nối mạng', { timeout: 15_000 });
  await shot(page, info, 'p14-offline');

  // Reload with the server still out of reach for drafts: what was typed offline is there.
  await page.route('**/api/v1/drafts**', (r) => r.abort('internetdisconnected'));
  await page.context().setOffline(false);
  await page.reload();
  await expect(page.getByRole('group', { name: 'Người yêu cầu' }).getByLabel('Số điện thoại')).toHaveValue('0912345678');
  await expect(page.getByRole('group', { name: 'Người được khai sinh' }).getByLabel('Họ, chữ đệm, tên')).toHaveValue('Trần Bảo Ngọc');

  // The network is back: the draft reaches the server by itself.
  await page.unroute('**/api/v1/drafts**');
  await expectSaved(page);

  // Another device (a fresh browser context) resumes it.
  const other = await browser.newContext({ viewport: info.project.use.viewport ?? undefined, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const p2 = await other.newPage();
  await portalLogin(p2, 'Trần Văn Hùng', pid);
  await p2.goto('/nop-ho-so/1.001193@v1');
  await expect(p2.getByRole('group', { name: 'Người yêu cầu' }).getByLabel('Họ, chữ đệm và tên người yêu cầu')).toHaveValue('Trần Văn Hùng');
  await expect(p2.getByRole('group', { name: 'Người yêu cầu' }).getByLabel('Số điện thoại')).toHaveValue('0912345678');
  await expect(p2.getByRole('group', { name: 'Người được khai sinh' }).getByLabel('Họ, chữ đệm, tên')).toHaveValue('Trần Bảo Ngọc');
  await shot(p2, info, 'p15-resumed-elsewhere');
  await other.close();
});

/** Presses Tab until `target` has the focus (at most `max` times): the keyboard's way there. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('file with the keyboard alone (generic form)', async ({ page }, info) => {
  const pid = await portalLogin(page, 'Phạm Văn Đức');
  // From the procedure page to the form by keyboard.
  await page.goto('/thu-tuc/1.004884@v1');
  const fileLink = page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' });
  await tabTo(page, fileLink);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /^Nộp hồ sơ: Đăng ký lại khai sinh/ })).toBeFocused();

  const req = page.getByRole('group', { name: 'Người yêu cầu' });
  await tabTo(page, req.getByLabel('Họ, chữ đệm và tên'));
  await page.keyboard.type('Phạm Văn Đức');
  await page.keyboard.press('Tab');
  await expect(req.getByLabel('Số định danh cá nhân')).toBeFocused();
  await page.keyboard.type(pid);
  await page.keyboard.press('Tab');
  await page.keyboard.type('0987654321');
  const addr = page.getByRole('group', { name: 'Nơi cư trú' });
  await tabTo(page, addr.getByLabel('Số nhà, đường, thôn, tổ'));
  await page.keyboard.type('Thôn 3');
  await page.keyboard.press('Tab');
  await expect(addr.getByRole('combobox', { name: 'Xã, phường, đặc khu' })).toBeFocused();
  await page.keyboard.type('nghia lo');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(addr.getByRole('combobox', { name: 'Xã, phường, đặc khu' })).toHaveValue('Phường Nghĩa Lộ');
  await tabTo(page, page.getByLabel('Nội dung đề nghị, ghi chú'));
  await page.keyboard.type('Bản khai sinh cũ bị mất.');

  // A file through the keyboard: Space on the (named) file input opens the chooser.
  const input = page.getByLabel(/^Chọn tệp cho «/).first();
  await tabTo(page, input);
  await expect(input).toBeFocused();
  // Space opens it (Enter too, in Chromium); a chooser that did not open is asked again by Enter.
  let chooser = await Promise.all([page.waitForEvent('filechooser', { timeout: 10_000 }), page.keyboard.press('Space')])
    .then(([c]) => c)
    .catch(() => null);
  if (!chooser) {
    await expect(input).toBeFocused();
    [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10_000 }), page.keyboard.press('Enter')]);
  }
  await chooser.setFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: pdfBytes('to khai') });
  await expect(page.getByText('Đã tải lên:').first()).toBeVisible({ timeout: 20_000 });

  await expectSaved(page);
  await tabTo(page, page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Đã nộp hồ sơ' })).toBeFocused({ timeout: 20_000 });
  await expect(page.getByTestId('dossier-code')).toHaveText(/H51-\d{6}-\d{4}/);
  await shot(page, info, 'p16-keyboard-filed');
});

test('two devices edit one draft: nothing is overwritten silently', async ({ page, browser }, info) => {
  const pid = await portalLogin(page, 'Hồ Văn Nam');
  await page.goto('/nop-ho-so/1.001193@v1');
  const nameOn = (p: Page) => p.getByRole('group', { name: 'Người yêu cầu' }).getByLabel('Họ, chữ đệm và tên người yêu cầu');
  const phoneOn = (p: Page) => p.getByRole('group', { name: 'Người yêu cầu' }).getByLabel('Số điện thoại');
  await nameOn(page).fill('Hồ Văn Nam');
  await expectSaved(page);

  // The second device resumes it and saves a change first.
  const other = await browser.newContext({ viewport: info.project.use.viewport ?? undefined, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const p2 = await other.newPage();
  await portalLogin(p2, 'Hồ Văn Nam', pid);
  await p2.goto('/nop-ho-so/1.001193@v1');
  await expect(nameOn(p2)).toHaveValue('Hồ Văn Nam');
  await phoneOn(p2).fill('0911111111');
  await expectSaved(p2);

  // This device, still on the older version, changes something too: it is asked, not overwritten.
  await phoneOn(page).fill('0922222222');
  await expect(page.getByText(/đã được sửa trên một thiết bị khác/)).toBeVisible({ timeout: 15_000 });
  await checkA11y(page, info, 'portal-draft-conflict');
  await shot(page, info, 'p17-draft-conflict');
  await page.getByRole('button', { name: 'Giữ bản trên máy này' }).click();
  await expectSaved(page);

  // The other device reloads: this device's copy won, by the citizen's choice.
  await p2.reload();
  await expect(phoneOn(p2)).toHaveValue('0922222222');
  await other.close();
});

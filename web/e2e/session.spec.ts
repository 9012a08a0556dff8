import { expect, test, doAction, expectState, login, personalId, shot } from './helpers';

test('session expiry during reception: log in again, nothing typed is lost, the intake goes through', async ({ page }, info) => {
  await login(page, 'tiepnhan.camthanh');
  await page.getByRole('link', { name: 'Tiếp nhận hồ sơ' }).click();
  await page.getByRole('button', { name: 'Xóa và nhập lại' }).click();
  await page.getByLabel('Tìm thủ tục theo tên hoặc mã').fill('1.000656');
  await page.getByRole('button', { name: /^Đăng ký khai tử 1\.000656/ }).click();
  await page.getByLabel('Họ và tên').fill('Đỗ Thị Giang');
  const pid = personalId();
  await page.getByLabel('Số định danh cá nhân').fill(pid);

  // The draft survives a reload.
  await page.reload();
  await expect(page.getByText(/Đã khôi phục bản nháp/)).toBeVisible();
  await expect(page.getByLabel('Họ và tên')).toHaveValue('Đỗ Thị Giang');

  // The server forgets the session (as after the 30-minute idle timeout).
  const csrf = await page.evaluate(() => sessionStorage.getItem('motcua.csrf'));
  const r = await page.request.post('/api/v1/auth/logout', { headers: { 'X-CSRF-Token': csrf ?? '' } });
  expect(r.status()).toBe(204);

  await page.locator('.checklist input[type=checkbox]').first().check();
  await page.getByRole('button', { name: 'Lưu chờ kiểm tra' }).click();
  const dialog = page.getByRole('dialog', { name: 'Phiên làm việc đã hết hạn' });
  await expect(dialog).toBeVisible();
  await shot(page, info, '13-relogin-dialog', false);
  await dialog.getByLabel('Mật khẩu').fill('MotCua@2026');
  await dialog.getByRole('button', { name: 'Đăng nhập và tiếp tục' }).click();
  await expect(page.getByRole('heading', { name: 'Đã lưu hồ sơ chờ kiểm tra', level: 1 })).toBeVisible();
  await expect(page.getByTestId('dossier-code')).toHaveText(/-\d{4}$/);

  const code = (await page.getByTestId('dossier-code').textContent())!.trim();

  // The draft is gone once sent.
  await page.getByRole('button', { name: 'Tiếp nhận hồ sơ mới' }).click();
  await expect(page.getByLabel('Họ và tên')).toHaveValue('');

  // The reception check: out of scope, refused with a reason (form 03).
  await page.goto('/staff?hang=to_receive');
  await page.getByLabel('Tìm kiếm').fill(code);
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  await page.getByRole('link', { name: code }).click();
  await expectState(page, 'Mới đăng ký');
  await expect(page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true })).toBeVisible();
  await doAction(page, 'Từ chối tiếp nhận', async () => {
    await page.getByRole('textbox', { name: /Lý do từ chối.*mục 1/ }).fill('Người chết không cư trú cuối cùng tại phường Cẩm Thành');
  });
  await expectState(page, 'Không được tiếp nhận');
  await expect(page.getByRole('link', { name: /Mẫu 03/ })).toBeVisible();
});

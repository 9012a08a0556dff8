import { expect, test, login, personalId, shot } from './helpers';

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
  await shot(page, info, '13-relogin-dialog');
  await dialog.getByLabel('Mật khẩu').fill('MotCua@2026');
  await dialog.getByRole('button', { name: 'Đăng nhập và tiếp tục' }).click();
  await expect(page.getByRole('heading', { name: 'Đã lưu hồ sơ chờ kiểm tra', level: 1 })).toBeVisible();
  await expect(page.getByTestId('dossier-code')).toHaveText(/-\d{4}$/);

  // The draft is gone once sent.
  await page.getByRole('button', { name: 'Tiếp nhận hồ sơ mới' }).click();
  await expect(page.getByLabel('Họ và tên')).toHaveValue('');
});

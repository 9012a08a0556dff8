import { expect, test, checkA11y, expectNoHorizontalScroll, login, shot } from './helpers';
import { request as pwRequest } from '@playwright/test';

test('staff: a province administrator creates an account, adds and ends a grant, locks it', async ({ page, baseURL }, info) => {
  const username = `thunghiem${String(Date.now()).slice(-6)}.camthanh`;
  await login(page, 'quantritinh.tinh');
  await page.getByRole('link', { name: 'Quản trị' }).click();
  await page.getByRole('link', { name: /Cán bộ và phân quyền/ }).click();
  await expect(page.getByRole('heading', { name: 'Cán bộ và phân quyền', level: 1 })).toBeVisible();
  await expect(page.getByText(/^\d+ tài khoản$/)).toBeVisible();

  // Create: the server's field errors appear beside the fields.
  await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
  const form = page.getByRole('form', { name: 'Thêm cán bộ' });
  await form.getByLabel('Tên đăng nhập').fill('Sai Tên');
  await form.getByLabel('Họ và tên').fill('Nguyễn Thị Thử Nghiệm');
  await form.getByLabel('Mật khẩu ban đầu').fill('ngan');
  await form.getByLabel('Thư điện tử liên hệ').fill('an@localhost'); // the browser lets it through; the server wants a dotted domain
  await form.getByLabel('Cơ quan').selectOption({ label: 'Ủy ban nhân dân phường Cẩm Thành' });
  await form.getByLabel('Vai trò').selectOption({ label: 'Chuyên viên' });
  await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(form.getByLabel('Tên đăng nhập')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Mật khẩu ban đầu')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Thư điện tử liên hệ')).toHaveAttribute('aria-invalid', 'true');
  await checkA11y(page, info, 'staff-create-errors');
  await shot(page, info, '18-staff-create-errors');
  await form.getByLabel('Tên đăng nhập').fill(username);
  await form.getByLabel('Mật khẩu ban đầu').fill('MatKhau2026moi');
  await form.getByLabel('Thư điện tử liên hệ').fill('thunghiem.camthanh@quangngai.gov.vn');
  await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(page.getByText(`Đã tạo tài khoản ${username} (Nguyễn Thị Thử Nghiệm).`)).toBeVisible();
  const card = page.locator('.staff-card').filter({ has: page.getByRole('heading', { name: new RegExp(username.replace(/\./g, '\\.')) }) });
  await expect(card).toHaveCount(1);
  await expect(card.getByText('Chuyên viên', { exact: true })).toBeVisible();
  await expect(card.getByText('Đang hoạt động', { exact: true })).toBeVisible();
  await expect(card.locator('.staff-email')).toHaveText('thunghiem.camthanh@quangngai.gov.vn');

  // Add a grant.
  await card.getByRole('button', { name: `Thêm phân quyền cho ${username}` }).click();
  const add = card.getByRole('form', { name: `Thêm phân quyền cho ${username}` });
  await add.getByLabel('Cơ quan').selectOption({ label: 'Ủy ban nhân dân phường Cẩm Thành' });
  await add.getByLabel('Vai trò').selectOption({ label: 'Tiếp nhận và trả kết quả' });
  await add.getByRole('button', { name: 'Lưu phân quyền' }).click();
  await expect(page.getByText(`Đã thêm phân quyền cho ${username}.`)).toBeVisible();
  await expect(card.locator('.grant')).toHaveCount(2);

  // The same role again over the same span: the server's conflict is shown.
  await card.getByRole('button', { name: `Thêm phân quyền cho ${username}` }).click();
  await add.getByLabel('Cơ quan').selectOption({ label: 'Ủy ban nhân dân phường Cẩm Thành' });
  await add.getByLabel('Vai trò').selectOption({ label: 'Tiếp nhận và trả kết quả' });
  await add.getByRole('button', { name: 'Lưu phân quyền' }).click();
  await expect(add.getByRole('alert')).toBeVisible();
  await add.getByRole('button', { name: 'Hủy' }).click();

  // End it today.
  await card.getByRole('button', { name: `Kết thúc phân quyền Tiếp nhận và trả kết quả của ${username}` }).click();
  await card.getByRole('button', { name: 'Xác nhận kết thúc' }).click();
  await expect(page.getByText(new RegExp(`Đã kết thúc phân quyền Tiếp nhận và trả kết quả của ${username.replace(/\./g, '\\.')}`))).toBeVisible();
  await expect(card.getByText(/đến \d\d\/\d\d\/\d{4}/)).toBeVisible();

  // The new account can log in, until it is locked.
  const ctx = await pwRequest.newContext({ baseURL });
  expect((await ctx.post('/api/v1/auth/login', { data: { username, password: 'MatKhau2026moi' } })).status()).toBe(200);
  page.once('dialog', (d) => void d.accept());
  await card.getByRole('button', { name: `Khóa tài khoản ${username}` }).click();
  await expect(page.getByText(`Đã khóa tài khoản ${username}.`)).toBeVisible();
  await expect(card.getByText('Đã khóa', { exact: true })).toBeVisible();
  expect((await ctx.post('/api/v1/auth/login', { data: { username, password: 'MatKhau2026moi' } })).status()).not.toBe(200);
  await ctx.dispose();
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'staff');
  await card.scrollIntoViewIfNeeded();
  await shot(page, info, '19-staff-locked', false);
});

test('procedures: view the internal process, publish a new version, server field errors shown', async ({ page }, info) => {
  await login(page, 'quantritinh.tinh');
  await page.goto('/staff/quan-tri/thu-tuc');
  await expect(page.getByRole('heading', { name: 'Thủ tục hành chính', level: 1 })).toBeVisible();
  await page.getByLabel('Tìm thủ tục theo tên hoặc mã').fill('1.004845');
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  await page.getByRole('button', { name: 'Đăng ký chấm dứt giám hộ' }).first().click();
  await expect(page.getByRole('heading', { name: /Đăng ký chấm dứt giám hộ — phiên bản \d+/ })).toBeVisible();
  await expect(page.getByTestId('process-steps').getByRole('listitem')).toHaveCount(5);
  await checkA11y(page, info, 'procedure');

  await page.getByRole('button', { name: 'Tạo phiên bản mới' }).click();
  const form = page.getByRole('form', { name: /Tạo phiên bản mới/ });
  await form.getByLabel('Đơn vị thời hạn').selectOption('working_days');
  await form.getByLabel('Thời hạn', { exact: true }).fill('2');
  await form.getByLabel('Số giờ bước 1').fill('5000');
  await form.getByLabel('Số giờ bước 2').fill('20');
  await form.getByRole('button', { name: 'Ban hành phiên bản mới' }).click();
  await expect(form.getByLabel('Số giờ bước 1')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('Số giờ của mỗi bước phải từ 1 đến 2000').first()).toBeVisible();
  await expect(form.getByText(/vượt thời hạn giải quyết/).first()).toBeVisible();
  await checkA11y(page, info, 'procedure-version-errors');
  await shot(page, info, '20-procedure-version-errors');

  // Fix: 2 + 20 + 2 + 2 + 2 = 28 hours within 4 working days (32 hours).
  await form.getByLabel('Số giờ bước 1').fill('2');
  await form.getByLabel('Thời hạn', { exact: true }).fill('4');
  await form.getByLabel('Tên bước 2').fill('Thẩm định hồ sơ, xác minh thực tế');
  await form.getByRole('button', { name: 'Ban hành phiên bản mới' }).click();
  await expect(page.getByText(/Đã ban hành phiên bản \d+ của thủ tục 1\.004845\./)).toBeVisible();
  await expect(page.getByTestId('time-limit')).toHaveText('4 ngày làm việc');
  await expect(page.getByTestId('process-steps')).toContainText('Thẩm định hồ sơ, xác minh thực tế');
  await expect(page.getByTestId('process-steps')).toContainText('20 giờ');
  await expect(page.getByText(/\(đang xem\)/)).toBeVisible();
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'procedure-new-version');
  await shot(page, info, '21-procedure-new-version');
});

test('procedures: a province monitor reads them but cannot publish; no staff screen', async ({ page }) => {
  await login(page, 'giamsat.tinh');
  await page.getByRole('link', { name: 'Quản trị' }).click();
  await expect(page.getByRole('link', { name: /Cán bộ và phân quyền/ })).toHaveCount(0);
  await page.getByRole('link', { name: /Thủ tục hành chính/ }).click();
  await page.getByLabel('Tìm thủ tục theo tên hoặc mã').fill('1.004873');
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  await page.getByRole('button', { name: /Cấp Giấy xác nhận tình trạng hôn nhân/ }).first().click();
  await expect(page.getByTestId('process-steps').getByRole('listitem')).toHaveCount(5);
  await expect(page.getByRole('button', { name: 'Tạo phiên bản mới' })).toHaveCount(0);
});

test('staff: a unit administrator manages only their agency, without province roles or the calendar', async ({ page }, info) => {
  await login(page, 'quantri.camthanh');
  await page.getByRole('link', { name: 'Quản trị' }).click();
  await expect(page.getByRole('link', { name: /Lịch làm việc/ })).toHaveCount(0);
  await page.getByRole('link', { name: /Cán bộ và phân quyền/ }).click();
  await expect(page.getByRole('heading', { name: /\(tiepnhan\.camthanh\)/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /\(tiepnhan\.sxd\)/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
  const form = page.getByRole('form', { name: 'Thêm cán bộ' });
  await expect(form.getByLabel('Vai trò').locator('option', { hasText: 'Quản trị tỉnh' })).toHaveCount(0);
  await expect(form.getByLabel('Cơ quan')).toHaveValue('ubnd-camthanh');
  await checkA11y(page, info, 'staff-unit-admin');
});

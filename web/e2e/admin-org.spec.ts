import { expect, test, apiAs, checkA11y, expectNoHorizontalScroll, login, logout, shot } from './helpers';
import { request as pwRequest, type Page } from '@playwright/test';

// Issue #3: agencies and administrative units (with succession) administered by the province;
// passwords reset by an administrator and changed by the official.

async function openOrg(page: Page) {
  await page.getByRole('link', { name: 'Quản trị' }).click();
  await page.getByRole('link', { name: /Cơ quan và đơn vị hành chính/ }).click();
  await expect(page.getByRole('heading', { name: 'Cơ quan và đơn vị hành chính', level: 1 })).toBeVisible();
}

async function loginWith(page: Page, username: string, password: string) {
  await page.goto('/staff');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
}

test('agencies: a province administrator edits an agency, the server errors beside the fields', async ({ page }, info) => {
  await login(page, 'quantritinh.tinh');
  await openOrg(page);
  await expect(page.getByRole('tab', { name: 'Cơ quan' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText(/^\d+ cơ quan$/)).toBeVisible();

  // A successor that leads back here: the cycle is refused next to the successor field.
  await page.getByLabel('Tìm theo tên hoặc mã định danh').fill('000.58.60');
  await expect(page.getByText('1 cơ quan', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Sửa thông tin Ủy ban nhân dân phường Kon Tum' }).click();
  const kontum = page.getByRole('form', { name: 'Sửa thông tin Ủy ban nhân dân phường Kon Tum' });
  await kontum.getByLabel('Cơ quan kế thừa').selectOption('old-ubnd-quyetthang');
  await kontum.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await expect(kontum.getByLabel('Cơ quan kế thừa')).toHaveAttribute('aria-invalid', 'true');
  await expect(kontum.getByText(/quay lại cơ quan/)).toBeVisible();
  await checkA11y(page, info, 'org-agency-errors');
  await shot(page, info, '40-org-agency-errors');
  await kontum.getByRole('button', { name: 'Hủy' }).click();

  // The former ward of Kon Tum: diacritics not needed to find it; its successor is shown.
  await page.getByLabel('Tìm theo tên hoặc mã định danh').fill('quyet thang');
  const card = page.locator('.org-card').filter({ hasText: '000.03.08.H62' });
  await expect(card).toContainText('nay là Ủy ban nhân dân phường Kon Tum');
  await expect(card).toContainText('đến 30/06/2025');
  await card.getByRole('button', { name: /^Sửa/ }).click();
  const form = card.getByRole('form', { name: /^Sửa thông tin/ });
  await form.getByLabel('Tên cơ quan').fill('   ');
  await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await expect(form.getByLabel('Tên cơ quan')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Tên cơ quan')).toBeFocused();
  const newName = 'Ủy ban nhân dân phường Quyết Thắng (thành phố Kon Tum cũ)';
  await form.getByLabel('Tên cơ quan').fill(newName);
  await form.getByLabel('Ngày ngừng hoạt động (bỏ trống nếu còn hoạt động)').fill('30/06/2025');
  await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await expect(page.getByText(`Đã lưu thông tin cơ quan ${newName}.`)).toBeVisible();
  await expect(card.getByRole('heading', { name: new RegExp(newName.replace(/[()]/g, '\\$&')) })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'org-agency-saved');
  await shot(page, info, '41-org-agency-saved');
});

test('units: create units, record a merge, the reception picker shows "(cũ) → nay là"', async ({ page }, info) => {
  // Both projects share one database: each uses its own names and codes.
  const desktop = info.project.name === 'desktop';
  const place = desktop ? 'Sông Thử' : 'Núi Thử';
  const oldName = `Xã ${place} Cũ`;
  const newName = `Phường ${place} Mới`;
  const [oldCode, newCode] = desktop ? ['29101', '29102'] : ['29201', '29202'];

  await login(page, 'quantritinh.tinh');
  await openOrg(page);
  // The tabs by keyboard.
  await page.getByRole('tab', { name: 'Cơ quan' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Đơn vị hành chính' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Đơn vị hành chính' })).toBeFocused();
  await expect(page.getByText(/^\d+ đơn vị phù hợp/)).toBeVisible();

  // Create the old unit: a wrong code first, refused beside the field.
  await page.getByRole('button', { name: 'Thêm đơn vị hành chính' }).click();
  const create = page.getByRole('form', { name: 'Thêm đơn vị hành chính' });
  await create.getByLabel('Mã đơn vị').fill('123');
  await create.getByLabel('Tên đơn vị').fill(oldName);
  await create.getByLabel('Ngày bắt đầu hiệu lực').fill('01/07/2025');
  await create.getByRole('button', { name: 'Thêm đơn vị' }).click();
  await expect(create.getByLabel('Mã đơn vị')).toHaveAttribute('aria-invalid', 'true');
  await expect(create.getByText(/gồm đúng 5 chữ số/)).toBeVisible();
  await checkA11y(page, info, 'org-unit-create-errors');
  await shot(page, info, '42-org-unit-create-errors');
  await create.getByLabel('Mã đơn vị').fill(oldCode);
  await create.getByRole('button', { name: 'Thêm đơn vị' }).click();
  await expect(page.getByText(`Đã thêm ${oldName} (mã ${oldCode}).`)).toBeVisible();

  // The new unit, in force from today.
  await page.getByRole('button', { name: 'Thêm đơn vị hành chính' }).click();
  await create.getByLabel('Loại').selectOption('phường');
  await create.getByLabel('Mã đơn vị').fill(newCode);
  await create.getByLabel('Tên đơn vị').fill(newName);
  await create.getByRole('button', { name: 'Thêm đơn vị' }).click();
  await expect(page.getByText(`Đã thêm ${newName} (mã ${newCode}).`)).toBeVisible();

  // Record the merge, choosing both units by keyboard, typed without diacritics.
  await page.getByRole('button', { name: 'Ghi nhận sáp nhập, chia tách, đổi tên' }).click();
  const succ = page.getByRole('form', { name: 'Ghi nhận sáp nhập, chia tách, đổi tên' });
  const oldBox = succ.getByRole('combobox', { name: 'Thêm đơn vị cũ' });
  await oldBox.fill(oldName.normalize('NFD').replace(/\p{M}/gu, '').replace('Đ', 'D').toLowerCase());
  await expect(oldBox).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(succ.getByRole('list', { name: 'Đơn vị cũ đã chọn' })).toContainText(oldName);
  const newBox = succ.getByRole('combobox', { name: 'Thêm đơn vị mới' });
  await newBox.fill(newCode);
  await page.getByRole('option', { name: new RegExp(`^${newName}`) }).click();
  await expect(succ.getByRole('list', { name: 'Đơn vị mới đã chọn' })).toContainText(newName);
  await succ.getByLabel('Hình thức').selectOption('merge');
  await succ.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
  await expect(succ.getByLabel('Căn cứ pháp lý')).toHaveAttribute('aria-invalid', 'true'); // the server wants a basis
  await succ.getByLabel('Căn cứ pháp lý').fill('Nghị quyết 01/NQ-UBTVQH15 (thử nghiệm)');
  await checkA11y(page, info, 'org-succession-form');
  await shot(page, info, '43-org-succession-form');
  await succ.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
  await expect(page.getByText(new RegExp(`Đã ghi nhận sáp nhập: ${oldName} → ${newName}, từ ngày`))).toBeVisible();

  // The list shows the old unit as former, with what it is now.
  await page.getByLabel('Tìm đơn vị theo tên hoặc mã').fill(place.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());
  await expect(page.getByText(/^\d+ đơn vị phù hợp\.$/)).toBeVisible();
  const row = page.locator('.unit-row').filter({ has: page.getByRole('button', { name: oldName, exact: true }) });
  await expect(row).toContainText('(cũ)');
  await expect(row).toContainText(`→ nay là ${newName} (sáp nhập)`);
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'org-units');
  await shot(page, info, '44-org-units-succession');
  await row.getByRole('button', { name: newName }).click();
  await expect(page.getByRole('heading', { name: newName, level: 3 })).toBeFocused();
  const facts = page.locator('.org-facts');
  await expect(facts.getByRole('button', { name: oldName })).toBeVisible(); // "Trước đây là"
  await expect(facts).toContainText('Trước đây là');
  await shot(page, info, '45-org-unit-detail');

  // The reception desk finds the old unit and sees what it is now.
  await logout(page);
  await login(page, 'tiepnhan.camthanh');
  await page.getByRole('link', { name: 'Tiếp nhận hồ sơ' }).click();
  const unit = page.getByRole('combobox', { name: 'Xã, phường, đặc khu' });
  await unit.fill(oldName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());
  const option = page.getByRole('option', { name: new RegExp(`^${oldName} \\(cũ\\)`) });
  await expect(option).toBeVisible();
  await expect(option).toContainText(`→ nay là ${newName}`);
  await shot(page, info, '46-org-unit-picker');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('unit-mapping')).toContainText(`${oldName} (cũ)`);
  await expect(page.getByTestId('unit-mapping')).toContainText(`→ nay là ${newName}`);
});

test('passwords: an administrator resets one, the official changes it and logs in with the new one', async ({ page, baseURL }, info) => {
  const username = `matkhau${String(Date.now()).slice(-6)}.camthanh`;
  const { ctx, csrf } = await apiAs(baseURL!, 'quantritinh.tinh');
  const res = await ctx.post('/api/v1/admin/staff', {
    headers: { 'X-CSRF-Token': csrf },
    data: { username, full_name: 'Lê Thị Mật Khẩu', password: 'BanDau2026abc', grants: [{ agency_id: 'ubnd-camthanh', role: 'specialist', from: '2025-07-01' }] },
  });
  expect(res.status(), await res.text()).toBe(201);
  await ctx.dispose();

  // The official is logged in elsewhere when the administrator resets the password.
  const elsewhere = await pwRequest.newContext({ baseURL });
  expect((await elsewhere.post('/api/v1/auth/login', { data: { username, password: 'BanDau2026abc' } })).status()).toBe(200);
  expect((await elsewhere.get('/api/v1/auth/me')).status()).toBe(200);

  await login(page, 'quantritinh.tinh');
  await page.goto('/staff/quan-tri/can-bo');
  await page.getByLabel('Tìm theo tên hoặc tên đăng nhập').fill(username);
  const card = page.locator('.staff-card').filter({ has: page.getByRole('heading', { name: new RegExp(username.replace(/\./g, '\\.')) }) });
  await card.getByRole('button', { name: `Đặt lại mật khẩu cho ${username}` }).click();
  const reset = card.getByRole('form', { name: `Đặt lại mật khẩu cho ${username}` });
  await reset.getByRole('textbox', { name: 'Mật khẩu mới', exact: true }).fill('ngan');
  await reset.getByLabel('Nhập lại mật khẩu mới').fill('ngan');
  await reset.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
  await expect(reset.getByRole('textbox', { name: 'Mật khẩu mới', exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(reset.getByText('Mật khẩu phải có ít nhất 10 ký tự').first()).toBeVisible();
  await reset.getByRole('textbox', { name: 'Mật khẩu mới', exact: true }).fill('DatLai2026xyz');
  await reset.getByLabel('Nhập lại mật khẩu mới').fill('DatLai2026xy');
  await reset.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
  await expect(reset.getByText('Mật khẩu nhập lại không khớp.')).toBeVisible();
  await checkA11y(page, info, 'password-reset-errors');
  await shot(page, info, '47-password-reset-errors');
  await reset.getByLabel('Nhập lại mật khẩu mới').fill('DatLai2026xyz');
  await reset.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
  await expect(page.getByText(new RegExp(`Đã đặt lại mật khẩu cho ${username.replace(/\./g, '\\.')}\\. Mọi phiên đăng nhập`))).toBeVisible();
  expect((await elsewhere.get('/api/v1/auth/me')).status()).toBe(401); // that session ended
  await elsewhere.dispose();
  await logout(page);

  // The official: the old password no longer works; the reset one does.
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('BanDau2026abc');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await loginWith(page, username, 'DatLai2026xyz');

  // Own change from the header: wrong current password, then a mismatch, then done.
  await page.getByRole('link', { name: 'Đổi mật khẩu' }).click();
  await expect(page.getByRole('heading', { name: 'Đổi mật khẩu', level: 1 })).toBeVisible();
  await page.getByLabel('Mật khẩu hiện tại').fill('KhongDung2026');
  await page.getByRole('textbox', { name: 'Mật khẩu mới', exact: true }).fill('RiengToi2026moi');
  await page.getByLabel('Nhập lại mật khẩu mới').fill('RiengToi2026moi');
  await page.getByRole('button', { name: 'Đổi mật khẩu', exact: true }).click();
  await expect(page.getByLabel('Mật khẩu hiện tại')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Mật khẩu hiện tại')).toBeFocused();
  await expect(page.getByText('Mật khẩu hiện tại không đúng').first()).toBeVisible();
  await checkA11y(page, info, 'password-change-errors');
  await shot(page, info, '48-password-change-errors');
  await page.getByLabel('Mật khẩu hiện tại').fill('DatLai2026xyz');
  await page.getByLabel('Nhập lại mật khẩu mới').fill('RiengToi2026');
  await page.getByRole('button', { name: 'Đổi mật khẩu', exact: true }).click();
  await expect(page.getByText('Mật khẩu nhập lại không khớp với mật khẩu mới.')).toBeVisible();
  await page.getByLabel('Nhập lại mật khẩu mới').fill('RiengToi2026moi');
  await page.getByRole('button', { name: 'Đổi mật khẩu', exact: true }).click();
  await expect(page.getByText(/Đã đổi mật khẩu của tài khoản .*Phiên làm việc này vẫn tiếp tục/)).toBeVisible();
  await expect(page.getByLabel('Mật khẩu hiện tại')).toHaveValue('');
  // The session stays open, as the server keeps it.
  await page.getByRole('link', { name: 'Hàng đợi hồ sơ' }).first().click();
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
  await page.goto('/staff/doi-mat-khau');
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'password-change');
  await shot(page, info, '49-password-change');
  await logout(page);
  await loginWith(page, username, 'RiengToi2026moi');
});

test('a province monitor reads agencies and units but cannot change them', async ({ page }) => {
  await login(page, 'giamsat.tinh');
  await openOrg(page);
  await expect(page.getByText('Bạn đang xem với quyền theo dõi: chỉ quản trị cấp tỉnh được sửa.')).toBeVisible();
  await expect(page.locator('.org-card').first()).toBeVisible();
  await expect(page.getByRole('button', { name: /^Sửa/ })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Đơn vị hành chính' }).click();
  await page.getByLabel('Tìm đơn vị theo tên hoặc mã').fill('mang canh');
  const row = page.locator('.unit-row').filter({ has: page.getByRole('button', { name: 'Xã Măng Cành', exact: true }) });
  await expect(row).toContainText('→ nay là Xã Măng Đen (sáp nhập)');
  await expect(page.getByRole('button', { name: 'Thêm đơn vị hành chính' })).toHaveCount(0);
  await row.getByRole('button', { name: 'Xã Măng Cành', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Xã Măng Cành (cũ)', level: 3 })).toBeVisible();
  await expect(page.locator('.org-facts')).toContainText('Nghị quyết 1677/NQ-UBTVQH15');
  await expect(page.getByRole('button', { name: 'Sửa tên hoặc ngày hết hiệu lực' })).toHaveCount(0);
});

import { expect, test, checkA11y, expectNoHorizontalScroll, login, personalId, shot } from './helpers';

// Issue #3: an applicant still gives their pre-July-2025 commune (here Xã Măng Cành of the
// former Huyện Kon Plông, tỉnh Kon Tum, now part of Xã Măng Đen, tỉnh Quảng Ngãi). The desk
// finds the old commune without diacritics, sees what it is now, and the dossier keeps both.
test('reception maps an old Kon Tum commune to the current one', async ({ page }, info) => {
  await login(page, 'tiepnhan.mangden');
  await page.getByRole('link', { name: 'Tiếp nhận hồ sơ' }).click();
  await expect(page.getByRole('heading', { name: 'Tiếp nhận hồ sơ', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Xóa và nhập lại' }).click();

  await page.getByLabel('Tìm thủ tục theo tên hoặc mã').fill('1.001193');
  await page.getByRole('button', { name: /^Đăng ký khai sinh 1\.001193/ }).click();
  await expect(page.getByText('Thời hạn giải quyết:')).toBeVisible();

  await page.getByLabel('Họ và tên').fill('A Thị Hoa');
  await page.getByLabel('Số định danh cá nhân').fill(personalId());
  // The address line as the applicant gives it, old names included: it is kept as typed.
  const addressLine = 'Thôn Đắk Lanh, xã Măng Cành, huyện Kon Plông, tỉnh Kon Tum';
  await page.getByLabel('Địa chỉ', { exact: true }).fill(addressLine);

  const unit = page.getByRole('combobox', { name: 'Xã, phường, đặc khu' });
  await expect(unit).toHaveAttribute('aria-expanded', 'false');

  // A split old commune first: the official must choose among what it became.
  await unit.fill('tra bui');
  await expect(unit).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  const firstOption = page.getByRole('option').first();
  await expect(firstOption).toHaveAttribute('aria-selected', 'true');
  await expect(unit).toHaveAttribute('aria-activedescendant', (await firstOption.getAttribute('id'))!);
  await expect(firstOption).toContainText('Xã Trà Bùi (cũ)');
  await expect(firstOption).toContainText('nay thuộc Xã Cà Đam hoặc Xã Tây Trà Bồng');
  await page.keyboard.press('Enter');
  await expect(unit).toHaveValue('Xã Trà Bùi (cũ)');
  const split = page.getByRole('group', { name: /Xã Trà Bùi \(cũ\)» đã được chia/ });
  await expect(split.getByRole('radio')).toHaveCount(2);
  // Receiving without choosing is stopped on the client, next to the field.
  await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
  await expect(page.getByText('Vui lòng chọn xã, phường, đặc khu hiện nay mà đơn vị cũ đã được chia về.').first()).toBeVisible();
  await split.getByRole('radio', { name: 'Xã Tây Trà Bồng' }).check();
  await expect(page.getByTestId('unit-mapping')).toContainText('Xã Trà Bùi (cũ)');
  await expect(page.getByTestId('unit-mapping')).toContainText('→ nay là Xã Tây Trà Bồng');

  // The applicant corrects: it was Măng Cành (Kon Tum). Typed without diacritics, keyboard only.
  await unit.fill('mang canh');
  await expect(page.getByTestId('unit-mapping')).toHaveCount(0); // editing drops the earlier choice
  const option = page.getByRole('option', { name: /^Xã Măng Cành \(cũ\)/ });
  await expect(option).toBeVisible();
  await expect(option).toContainText('huyện Kon Plông, tỉnh Kon Tum → nay là Xã Măng Đen');
  await checkA11y(page, info, 'address-unit-options');
  await shot(page, info, 'address-01-old-unit-options');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(unit).toHaveValue('Xã Măng Cành (cũ)');
  await expect(unit).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('unit-mapping')).toHaveText(/Xã Măng Cành \(cũ\), huyện Kon Plông, tỉnh Kon Tum → nay là Xã Măng Đen/);
  await expect(page.getByLabel('Địa chỉ', { exact: true })).toHaveValue(addressLine); // nothing typed is lost

  const boxes = page.locator('.checklist input[type=checkbox]');
  await expect(boxes.first()).toBeVisible();
  for (let i = 0, n = await boxes.count(); i < n; i++) await boxes.nth(i).check();
  await checkA11y(page, info, 'address-unit-chosen');
  await expectNoHorizontalScroll(page);
  await shot(page, info, 'address-02-old-unit-chosen');

  await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ', level: 1 })).toBeVisible();
  await expect(page.getByTestId('address-unit')).toContainText('Xã Măng Đen, tỉnh Quảng Ngãi');
  await shot(page, info, 'address-03-received');

  // The dossier shows the current commune, the old one as given, and the address as typed.
  await page.getByRole('link', { name: 'Xem hồ sơ' }).click();
  const applicant = page.getByRole('region', { name: 'Người nộp hồ sơ' });
  await expect(applicant.getByTestId('address-unit')).toContainText('Xã Măng Đen, tỉnh Quảng Ngãi');
  await expect(applicant.getByTestId('address-unit')).toContainText('Xã Măng Cành, huyện Kon Plông, tỉnh Kon Tum');
  await expect(applicant.getByText(addressLine)).toBeVisible();
  await checkA11y(page, info, 'address-dossier');
  await expectNoHorizontalScroll(page);
  await shot(page, info, 'address-04-dossier');

  // And so does the API record the current unit.
  const id = decodeURIComponent(page.url().split('/ho-so/')[1]);
  const res = await page.request.get(`/api/v1/dossiers/${encodeURIComponent(id)}`);
  expect(res.status()).toBe(200);
  const d = await res.json();
  expect(d.applicant.address_unit_id).toBe('c23473');
  expect(d.applicant.address_former_unit_id).toBe('c23470@old');
  expect(d.applicant.address).toBe(addressLine);
});

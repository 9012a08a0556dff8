import { expect, test, checkA11y, doAction, expectState, login, logout, personalId, shot } from './helpers';

test('counter journey at a commune: receive → process → approve → return', async ({ page }, info) => {
  // Login page.
  await page.goto('/staff');
  await expect(page.getByRole('heading', { name: 'Đăng nhập cán bộ' })).toBeVisible();
  await checkA11y(page, info, 'login');
  await shot(page, info, '01-login');

  // Reception officer: work queues.
  await login(page, 'tiepnhan.camthanh');
  await expect(page.getByRole('heading', { name: 'Hàng đợi hồ sơ' })).toBeVisible();
  await expect(page.getByRole('tab', { name: /Chờ tiếp nhận/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: /Chờ trả kết quả/ })).toBeVisible();
  await expect(page.getByRole('tab', { name: /Tất cả/ })).toBeVisible();
  await checkA11y(page, info, 'queues');
  await shot(page, info, '02-queues-reception');

  // Reception desk: find the procedure without diacritics.
  if (info.project.name === 'mobile') await expect(page.getByRole('link', { name: 'Tiếp nhận hồ sơ' })).toBeVisible();
  await page.getByRole('link', { name: 'Tiếp nhận hồ sơ' }).click();
  await expect(page.getByRole('heading', { name: 'Tiếp nhận hồ sơ', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Xóa và nhập lại' }).click();
  await page.getByLabel('Tìm thủ tục theo tên hoặc mã').fill('dang ky khai sinh');
  const option = page.getByRole('button', { name: /^Đăng ký khai sinh 1\.001193/ });
  await expect(option).toBeVisible();
  await option.click();
  await expect(page.getByText('Thời hạn giải quyết:')).toBeVisible();

  // Applicant, with client-side ID validation first.
  await page.getByLabel('Họ và tên').fill('Nguyễn Văn An');
  const idBox = page.getByLabel('Số định danh cá nhân');
  await idBox.fill('999090001234');
  await idBox.blur();
  await expect(page.getByText(/Mã tỉnh «999»/)).toBeVisible();
  await idBox.fill(personalId());
  await page.getByLabel('Số điện thoại').fill('0905123456');
  await page.getByLabel('Địa chỉ', { exact: true }).fill('12 Lê Trung Đình, phường Cẩm Thành');
  await page.getByRole('combobox', { name: 'Xã, phường, đặc khu' }).fill('cam thanh');
  await page.getByRole('option', { name: /^Phường Cẩm Thành/ }).click();
  await expect(page.getByRole('combobox', { name: 'Xã, phường, đặc khu' })).toHaveValue('Phường Cẩm Thành');

  // Checklist and fees.
  const boxes = page.locator('.checklist input[type=checkbox]');
  await expect(boxes.first()).toBeVisible();
  const n = await boxes.count();
  expect(n).toBeGreaterThan(1);
  for (let i = 0; i < n; i++) await boxes.nth(i).check();
  await expect(page.getByRole('heading', { name: 'Phí, lệ phí' })).toBeVisible();
  await checkA11y(page, info, 'reception');
  await shot(page, info, '03-reception-desk');

  // Receive.
  await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ', level: 1 })).toBeVisible();
  const code = (await page.getByTestId('dossier-code').textContent())!.trim();
  expect(code).toMatch(/^[0-9A-Z.]+-\d{6}-\d{4}$/);
  const receipt = page.getByRole('link', { name: 'In phiếu tiếp nhận' });
  await expect(receipt).toHaveAttribute('href', /\/forms\/01\.pdf$/);
  // The receipt (form 01) is a PDF served with the page's session.
  const pdf = await page.request.get((await receipt.getAttribute('href'))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  // Scans of the documents can be attached right away, per component.
  const docs = page.getByRole('region', { name: 'Tài liệu đính kèm' });
  await docs.getByLabel(/^Chọn tệp cho/).first().setInputFiles({
    name: 'to-khai.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
  });
  await docs.getByRole('button', { name: /^Tải lên/ }).first().click();
  await expect(docs.getByRole('link', { name: 'to-khai.pdf' })).toBeVisible();
  await checkA11y(page, info, 'reception-done');
  await shot(page, info, '04-reception-done');

  await page.getByRole('link', { name: 'Xem hồ sơ' }).click();
  await expectState(page, 'Được tiếp nhận');
  const dossierUrl = page.url();
  await expect(page.getByRole('heading', { name: 'Phiếu kiểm soát quá trình giải quyết' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Tài liệu đính kèm' }).getByRole('link', { name: 'to-khai.pdf' })).toBeVisible();
  await checkA11y(page, info, 'dossier');
  await shot(page, info, '05-dossier-received');
  await logout(page);

  // Specialist: finds it in the processing queue, starts processing, hands over.
  await login(page, 'chuyenvien.camthanh');
  await page.getByRole('tab', { name: /Đang xử lý/ }).click();
  await page.getByLabel('Tìm kiếm').fill(code);
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  await expect(page.getByRole('link', { name: code })).toBeVisible();
  await shot(page, info, '06-queues-specialist');
  await page.getByRole('link', { name: code }).click();
  await expect(page).toHaveURL(dossierUrl);
  await doAction(page, 'Bắt đầu xử lý');
  await expectState(page, 'Đang xử lý');
  await expect(page.getByText('Đã chuyển hồ sơ sang đang xử lý.')).toBeVisible();
  // The buttons are the server's answer for this reader: no decision for a specialist.
  await expect(page.getByRole('button', { name: 'Phê duyệt kết quả', exact: true })).toHaveCount(0);
  await doAction(page, 'Chuyển bước tiếp theo', async () => {
    // The next handler is chosen among the leaders of the commune, never typed.
    const next = page.getByLabel('Người nhận bước tiếp theo');
    await expect(next.getByRole('option')).toHaveText(['Bất kỳ lãnh đạo cơ quan nào của cơ quan', 'Trương Công Danh']);
    await next.selectOption({ label: 'Trương Công Danh' });
    await page.getByLabel('Ghi chú (không bắt buộc)').fill('Đủ điều kiện, trình lãnh đạo phê duyệt');
  });
  await expect(page.getByText('Đã chuyển hồ sơ sang bước tiếp theo.')).toBeVisible();
  await logout(page);

  // Leader approves.
  await login(page, 'lanhdao.camthanh');
  await expect(page.getByRole('tab', { name: /Chờ phê duyệt/ })).toHaveAttribute('aria-selected', 'true');
  await page.goto(dossierUrl);
  await expectState(page, 'Đang xử lý');
  // Approval records the result document: without its number the form says so on the field.
  await page.getByRole('button', { name: 'Phê duyệt kết quả', exact: true }).click();
  await page.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(page.getByText('Vui lòng nhập số văn bản kết quả.')).toBeVisible();
  await page.getByLabel('Số văn bản kết quả').fill('125/GKS-UBND');
  await page.getByLabel('Người ký').fill('Trương Công Danh');
  await page.getByRole('button', { name: 'Xác nhận' }).click();
  await expectState(page, 'Đã xử lý xong');
  await logout(page);

  // Reception returns the result to the applicant.
  await login(page, 'tiepnhan.camthanh');
  await page.getByRole('tab', { name: /Chờ trả kết quả/ }).click();
  await page.getByLabel('Tìm kiếm').fill(code);
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  await page.getByRole('link', { name: code }).click();
  await doAction(page, 'Trả kết quả', async () => {
    await expect(page.getByLabel('Người nhận kết quả')).toHaveValue('Nguyễn Văn An');
    await page.getByLabel('Người nhận kết quả').fill('Nguyễn Thị Hoa');
  });
  await expectState(page, 'Đã trả kết quả');
  await expect(page.getByText(/người nhận: Nguyễn Thị Hoa/)).toBeVisible();
  await expect(page.getByText('Trước hạn').or(page.getByText('Đúng hạn')).first()).toBeVisible();
  await shot(page, info, '07-dossier-returned');
});

import { expect, test, actViaApi, checkA11y, createDossier, doAction, expectState, login, shot } from './helpers';

test('supplement: specialist requests documents, clock pauses, supplement received', async ({ page, baseURL }, info) => {
  // 1.004884 Đăng ký lại khai sinh: 5 working days.
  const d = await createDossier(baseURL!, 'tiepnhan.camthanh', '1.004884@v1', { name: 'Lê Văn Cường' });
  await actViaApi(baseURL!, 'chuyenvien.camthanh', d.id, 'start_processing');

  await login(page, 'chuyenvien.camthanh');
  await page.goto(`/staff/ho-so/${d.id}`);
  await expectState(page, 'Đang xử lý');
  await doAction(page, 'Yêu cầu bổ sung', async () => {
    await page.getByRole('textbox', { name: /Giấy tờ cần bổ sung.*mục 1/ }).fill('Bản sao Giấy chứng nhận kết hôn của cha mẹ');
    await page.getByRole('button', { name: 'Thêm mục' }).click();
    await page.getByRole('textbox', { name: /mục 2/ }).fill('Giấy xác nhận cư trú');
  });
  await expectState(page, 'Yêu cầu bổ sung giấy tờ');
  await expect(page.locator('.status-line').getByText('Tạm dừng tính thời gian')).toBeVisible();
  await expect(page.getByText('Giấy xác nhận cư trú').first()).toBeVisible();
  await expect(page.getByRole('link', { name: /Mẫu 02/ })).toBeVisible();
  // Only once: no second request offered.
  await expect(page.getByRole('button', { name: 'Yêu cầu bổ sung', exact: true })).toHaveCount(0);
  await checkA11y(page, info, 'dossier-supplement');
  await shot(page, info, '08-dossier-supplement');

  // The supplement queue lists it, marked paused.
  await page.goto('/staff?hang=supplement');
  await page.getByLabel('Tìm kiếm').fill(d.code);
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: d.code }) });
  await expect(row.getByText('Tạm dừng tính thời gian')).toBeVisible();

  await page.getByRole('link', { name: d.code }).click();
  await doAction(page, 'Đã nhận hồ sơ bổ sung');
  await expectState(page, 'Đang xử lý');
  await expect(page.locator('.status-line').getByText('Tạm dừng tính thời gian')).toHaveCount(0);
});

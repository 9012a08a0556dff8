import { expect, test, createDossier, login, shot } from './helpers';

test("a commune official cannot open a department's dossier by URL", async ({ page, baseURL }, info) => {
  // Sở Xây dựng receives and handles 1.013227 (Gia hạn giấy phép xây dựng).
  const d = await createDossier(baseURL!, 'tiepnhan.sxd', '1.013227@v1', { name: 'Công ty Xây dựng Ánh Dương' });
  await login(page, 'chuyenvien.camthanh');
  await page.goto(`/staff/ho-so/${d.id}`);
  await expect(page.getByRole('heading', { name: 'Không có quyền xem hồ sơ', level: 1 })).toBeVisible();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByText(d.code)).toHaveCount(0);
  await expect(page.getByText('Công ty Xây dựng Ánh Dương')).toHaveCount(0);
  await shot(page, info, '12-dossier-forbidden');

  // The department's own official sees it.
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await login(page, 'chuyenvien.sxd');
  await page.goto(`/staff/ho-so/${d.id}`);
  await expect(page.getByTestId('dossier-state')).toHaveText('Được tiếp nhận');
});

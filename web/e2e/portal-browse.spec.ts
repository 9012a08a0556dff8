// Citizen portal: home → search (name without diacritics, national code) → procedure page;
// browse by field; deep links reload; the development login. Desktop and 360 px.
import { checkA11y, expect, expectNoHorizontalScroll, shot, test } from './helpers';

test('home, search and the procedure page', async ({ page }, info) => {
  const res = await page.goto('/');
  expect(res?.headers()['content-security-policy']).toContain("default-src 'self'");
  await expect(page.getByRole('heading', { level: 1, name: 'Dịch vụ công trực tuyến tỉnh Quảng Ngãi' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Thủ tục được dùng nhiều' })).toBeVisible();
  // Counted from the dossiers filed (portal-store.spec.ts checks the order against the API).
  await expect(page.getByRole('region', { name: 'Thủ tục được dùng nhiều' }).getByRole('listitem')).toHaveCount(8);
  await expect(page.getByRole('heading', { name: 'Lĩnh vực' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Hộ tịch/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ủy ban nhân dân phường Cẩm Thành' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Tra cứu' })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'portal-home');
  await shot(page, info, 'p01-home');

  // Search without diacritics.
  await page.getByRole('searchbox', { name: 'Tìm thủ tục hành chính' }).fill('khai sinh');
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  await expect(page).toHaveURL(/\/thu-tuc\?q=khai\+sinh$/);
  await expect(page.getByRole('status').filter({ hasText: /thủ tục phù hợp/ })).toBeVisible();
  const results = page.getByRole('list', { name: 'Danh sách thủ tục' });
  await expect(results.getByRole('link', { name: 'Đăng ký khai sinh', exact: true })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'portal-catalogue');
  await shot(page, info, 'p02-search');

  // By national code.
  await page.getByRole('searchbox', { name: 'Tìm thủ tục hành chính' }).fill('1.001193');
  await page.getByRole('searchbox', { name: 'Tìm thủ tục hành chính' }).press('Enter');
  await expect(results.getByRole('link')).toHaveCount(1);
  await results.getByRole('link', { name: 'Đăng ký khai sinh' }).click();

  await expect(page).toHaveURL(/\/thu-tuc\/1\.001193@v1$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh' })).toBeFocused();
  await expect(page.getByText('Mã thủ tục 1.001193')).toBeVisible();
  await expect(page.getByText(/Phiên bản 1, áp dụng từ 01\/07\/2025/)).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Mức độ trực tuyến:/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Thành phần hồ sơ' })).toBeVisible();
  await expect(page.getByText('Tờ khai đăng ký khai sinh (mẫu)')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Thời hạn và phí, lệ phí' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Trình tự thực hiện' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Căn cứ pháp lý' })).toBeVisible();
  await expect(page.getByText('Luật Hộ tịch số 60/2014/QH13')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' })).toHaveAttribute('href', '/nop-ho-so/1.001193@v1');
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'portal-procedure');
  await shot(page, info, 'p03-procedure');

  // A deep link (reload) is the same page: the server serves the portal there.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh' })).toBeVisible();
});

test('browse by field and by agency; a toàn trình procedure says so', async ({ page }, info) => {
  await page.goto('/');
  await page.getByRole('link', { name: /^Hộ tịch/ }).click();
  await expect(page).toHaveURL(/\/thu-tuc\?linh-vuc=/);
  await expect(page.getByLabel('Lĩnh vực')).toHaveValue('Hộ tịch');
  const results = page.getByRole('list', { name: 'Danh sách thủ tục' });
  await expect(results.getByRole('link', { name: 'Đăng ký kết hôn', exact: true })).toBeVisible();
  await expect(results.getByRole('link', { name: /hộ kinh doanh/ })).toHaveCount(0);
  await page.getByLabel('Mức độ trực tuyến').selectOption('full');
  await expect(results.getByRole('listitem').first()).toBeVisible();
  await results.getByRole('link', { name: 'Đăng ký kết hôn', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Mức độ trực tuyến: Toàn trình' })).toBeVisible();
  await expect(page.getByText(/Toàn trình: nộp hồ sơ, nộp phí và nhận kết quả đều trực tuyến/)).toBeVisible();
  await shot(page, info, 'p04-procedure-full');

  await page.goto('/thu-tuc?co-quan=vpdkdd');
  await expect(page.getByLabel('Cơ quan giải quyết')).toHaveValue('vpdkdd');
  await expect(results.getByRole('link', { name: /Tách thửa hoặc hợp thửa đất/ })).toBeVisible();
  await expect(results.getByRole('link', { name: 'Đăng ký khai sinh', exact: true })).toHaveCount(0);
});

test('development login, clearly labelled, then "Hồ sơ của tôi"', async ({ page }, info) => {
  await page.goto('/ho-so-cua-toi');
  await expect(page.getByRole('heading', { level: 1, name: 'Đăng nhập' })).toBeVisible();
  await expect(page.getByText('Đăng nhập thử nghiệm (môi trường phát triển).')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Đăng nhập bằng VNeID' })).toHaveAttribute('href', '/api/v1/auth/vneid/start');
  await page.getByRole('button', { name: 'Đăng nhập thử nghiệm' }).click();
  await expect(page.getByLabel('Số định danh cá nhân (12 chữ số)')).toBeFocused();
  await expect(page.getByText('Số định danh cá nhân phải gồm đúng 12 chữ số.')).toBeVisible();
  await checkA11y(page, info, 'portal-login');
  await shot(page, info, 'p05-login');
  await page.getByLabel('Số định danh cá nhân (12 chữ số)').fill('051090007001');
  await page.getByLabel('Họ và tên').fill('Lê Thị Hoa');
  await page.getByRole('button', { name: 'Đăng nhập thử nghiệm' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' })).toBeVisible();
  await expect(page.getByText('Lê Thị Hoa')).toBeVisible();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByRole('link', { name: 'Đăng nhập', exact: true })).toBeVisible();
});

import { expect, test } from './helpers';

test('the portal links to public tracking and the staff app', async ({ page }) => {
  const res = await page.goto('/');
  expect(res?.headers()['content-security-policy']).toContain("default-src 'self'");
  await expect(page.getByRole('link', { name: 'Tra cứu hồ sơ', exact: true })).toHaveAttribute('href', '/tra-cuu');
  await expect(page.getByRole('link', { name: 'đăng nhập hệ thống Một cửa điện tử' })).toHaveAttribute('href', '/staff');
});

test('hashed assets are cached for a year and served gzipped', async ({ page, request }) => {
  await page.goto('/staff');
  const src = await page.locator('script[type=module]').getAttribute('src');
  expect(src).toMatch(/^\/assets\/staff-[\w-]+\.js$/);
  const res = await request.get(src!, { headers: { 'Accept-Encoding': 'gzip' } });
  expect(res.status()).toBe(200);
  expect(res.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(res.headers()['content-encoding']).toBe('gzip');
});

import { expect, test, checkA11y, shot } from './helpers';

test('citizen portal placeholder links to public tracking', async ({ page }, info) => {
  const res = await page.goto('/');
  expect(res?.headers()['content-security-policy']).toContain("default-src 'self'");
  await expect(page.getByRole('heading', { name: /sắp ra mắt/, level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Tra cứu tình trạng hồ sơ' })).toHaveAttribute('href', '/tra-cuu');
  await checkA11y(page, info, 'portal');
  await shot(page, info, '00-portal');
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

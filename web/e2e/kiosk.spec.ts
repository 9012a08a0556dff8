// The rating kiosk at a desk (issue 13): an official pairs a tablet to their desk with a code;
// the dossier that official returns appears on it with three big buttons; the rating counts once.
import { expect, test, apiAs, checkA11y, shot } from './helpers';

const OFFICIAL = 'tiepnhan.camthanh';

test('a paired kiosk rates the dossier just returned at its desk', async ({ page, baseURL }, info) => {
  const { ctx, csrf } = await apiAs(baseURL!, OFFICIAL);
  const headers = { 'X-CSRF-Token': csrf };
  const made = await ctx.post('/api/v1/kiosks', { headers, data: { desk: 'Quầy số 3' } });
  expect(made.status(), await made.text()).toBe(201);
  const { pairing_code } = await made.json();

  await page.goto('/kiosk');
  await expect(page.getByRole('heading', { name: 'Ghép máy đánh giá với quầy' })).toBeVisible();
  await page.getByLabel('Mã ghép').fill('00000000');
  await page.getByRole('button', { name: 'Ghép máy' }).click();
  await expect(page.getByRole('alert')).toContainText('Mã ghép không đúng');
  await page.getByLabel('Mã ghép').fill(pairing_code);
  await page.getByRole('button', { name: 'Ghép máy' }).click();
  await expect(page.getByRole('heading', { name: 'Mời Ông/Bà đánh giá sau khi nhận kết quả' })).toBeVisible();
  await expect(page.getByText('Quầy số 3')).toBeVisible();
  await checkA11y(page, info, 'kiosk-waiting');

  // The official returns a dossier whose result is ready (from the demo data: bench-fill).
  const queue = await ctx.get('/api/v1/dossiers?queue=to_return&limit=50');
  expect(queue.status()).toBe(200);
  const item = (await queue.json()).items.find((x: { state: { id: string } }) => x.state.id === 'resolved');
  expect(item, 'a resolved dossier in the to_return queue').toBeTruthy();
  const back = await ctx.post(`/api/v1/dossiers/${item.id}/actions/return_result`, {
    headers, data: { return_method: 'counter', received_by: 'Nguyễn Văn An' },
  });
  expect(back.status(), await back.text()).toBe(200);

  await expect(page.getByRole('heading', { name: 'Ông/Bà có hài lòng với việc giải quyết hồ sơ?' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(item.code)).toBeVisible();
  for (const label of ['Rất hài lòng', 'Hài lòng', 'Không hài lòng'])
    await expect(page.getByRole('button', { name: label, exact: true })).toBeVisible();
  await checkA11y(page, info, 'kiosk-rate');
  await shot(page, info, 'kiosk-rate', false);
  await page.getByRole('button', { name: 'Rất hài lòng', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã đánh giá!' })).toBeVisible();
  await shot(page, info, 'kiosk-thanks', false);

  // Once: the dossier is rated; the kiosk goes back to waiting.
  await expect(page.getByRole('heading', { name: 'Mời Ông/Bà đánh giá sau khi nhận kết quả' })).toBeVisible({ timeout: 15_000 });
  const rating = await ctx.get(`/api/v1/dossiers/${item.id}`);
  const view = await rating.json();
  expect(view.history.at(-1).action).toBe('rated');
  await ctx.dispose();
});

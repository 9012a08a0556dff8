// A citizen logs in through VNeID (the simulated provider, «MÔ PHỎNG VNeID», started by
// e2e/run.sh) at desktop and 360 px: the portal's «Đăng nhập bằng VNeID», the provider's login,
// back to the portal with a session holding the ID number and level; a dossier filed online takes
// the applicant's name and ID number from that login; logout ends the provider's session too.
import { expect, expectNoHorizontalScroll, personalId, shot, test } from './helpers';

test.skip(!process.env.VNEID_SIM_URL, 'the VNeID simulator is not running (e2e/run.sh starts it)');

test('a citizen logs in through VNeID and files with the login’s name and ID number', async ({ page, baseURL }, info) => {
  const pid = personalId();
  await page.goto('/dang-nhap');
  await page.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).click();

  // The provider's page, clearly a simulation.
  await expect(page.getByText('MÔ PHỎNG VNeID').first()).toBeVisible();
  await expectNoHorizontalScroll(page);
  await shot(page, info, 'vneid-provider-login');
  await page.getByLabel('Số định danh cá nhân (12 chữ số)').fill(pid);
  await page.getByLabel('Họ và tên').fill('Lê Thị Hồng');
  await page.getByLabel('Mức định danh').selectOption('2');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();

  // Back on the portal, logged in.
  await expect(page).toHaveURL(`${baseURL}/`);
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
  await shot(page, info, 'vneid-back-on-portal');
  const me = await (await page.request.get('/api/v1/auth/me')).json();
  expect(me.user).toMatchObject({ kind: 'citizen', id: pid, full_name: 'Lê Thị Hồng', login_method: 'vneid', assurance_level: 2 });

  // Filed online: the applicant is the person VNeID said.
  const res = await page.request.post('/api/v1/dossiers', {
    headers: { 'X-CSRF-Token': me.csrf_token },
    data: { procedure_id: '1.004884@v1', channel: 2, applicant: { kind: 'citizen' } },
  });
  expect(res.status(), await res.text()).toBe(201);
  expect((await res.json()).applicant).toMatchObject({ full_name: 'Lê Thị Hồng', id_number: pid });

  // The portal's «Đăng xuất» ends our session and takes the citizen to the provider's, to end it too.
  await page.goto('/');
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByText('MÔ PHỎNG VNeID').first()).toBeVisible();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(`${baseURL}/`);
  expect((await page.request.get('/api/v1/auth/me')).status()).toBe(401);
  // The provider asks for the login again.
  await page.goto('/api/v1/auth/vneid/start');
  await expect(page.getByLabel('Số định danh cá nhân (12 chữ số)')).toBeVisible();
});

// The citizen links their Zalo account (issue 16), at desktop and 360 px: a follower sends
// «liên kết» to the Official Account (the Zalo simulator signs the webhook event), the bot's
// one-time link opens the portal, the citizen signs in and confirms, then unlinks.
import { request as pwRequest } from '@playwright/test';
import { checkA11y, expect, expectNoHorizontalScroll, shot, test } from './helpers';
import { portalLogin } from './portal-helpers';

const SIM = process.env.ZALO_SIM_URL;

test('a Zalo follower linked from the portal and unlinked', async ({ page }, info) => {
  test.skip(!SIM, 'the Zalo simulator is not running (web/e2e/run.sh starts it)');
  const sim = await pwRequest.newContext({ baseURL: SIM });
  const user = String(Date.now()) + String(Math.floor(Math.random() * 1000));
  for (const c of [{ event_name: 'follow' }, { event_name: 'user_send_text', text: 'liên kết' }]) {
    const r = await sim.post('/_sim/webhook', { data: { user_id: user, ...c } });
    expect((await r.json()).answers[0].status).toBe(200);
  }
  let link = '';
  await expect
    .poll(async () => {
      const got = await (await sim.get('/_sim/received')).json();
      const m = got.oa_messages.find((x: { user_id: string; text: string }) => x.user_id === user && x.text.includes('?ma='));
      link = m ? /\/ho-so-cua-toi\/lien-ket-zalo\?ma=[0-9a-f]+/.exec(m.text)![0] : '';
      return link;
    }, { timeout: 15_000 })
    .not.toBe('');

  await portalLogin(page, 'Nguyễn Thị Lan');
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Liên kết tài khoản Zalo' })).toBeVisible();
  await expect(page.getByText('Tài khoản chưa liên kết với Zalo.')).toBeVisible();
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'portal-zalo-link');
  await shot(page, info, 'p40-zalo-link');
  await page.getByRole('button', { name: 'Xác nhận liên kết tài khoản Zalo này' }).click();
  await expect(page.getByText('Đã liên kết tài khoản Zalo. Thông báo về hồ sơ sẽ được gửi qua Zalo.')).toBeVisible();
  await shot(page, info, 'p41-zalo-linked');
  await expect
    .poll(async () => {
      const got = await (await sim.get('/_sim/received')).json();
      return got.oa_messages.some((x: { user_id: string; text: string }) => x.user_id === user && x.text.startsWith('Đã liên kết'));
    }, { timeout: 15_000 })
    .toBe(true);
  await page.getByRole('button', { name: 'Hủy liên kết' }).click();
  await expect(page.getByText('Đã hủy liên kết Zalo.')).toBeVisible();
  await expect(page.getByText('Tài khoản chưa liên kết với Zalo.')).toBeVisible();
  await sim.dispose();
});

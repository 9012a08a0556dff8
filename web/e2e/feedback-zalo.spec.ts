// A Zalo message becomes a case and the answer goes back to Zalo (issue 16), at desktop and
// 360 px: a follower sends «phản ánh …» to the Official Account (the Zalo simulator signs the
// webhook event), the bot answers the case's code; the service centre's desk finds the case in
// the staff app, classifies and transfers it; the competent agency's head takes it and answers;
// the simulator received the answer as an OA message to that follower.
import { request as pwRequest } from '@playwright/test';
import { checkA11y, expect, expectNoHorizontalScroll, login, shot, test } from './helpers';

const SIM = process.env.ZALO_SIM_URL;
type OaMessage = { user_id: string; text: string };

test('a Zalo message becomes a case answered back on Zalo', async ({ browser }, info) => {
  test.skip(!SIM, 'the Zalo simulator is not running (web/e2e/run.sh starts it)');
  const sim = await pwRequest.newContext({ baseURL: SIM });
  const user = String(Date.now()) + String(Math.floor(Math.random() * 1000));
  const topic = `quầy ${user.slice(-6)}`;
  for (const c of [{ event_name: 'follow' }, { event_name: 'user_send_text', text: `phản ánh Phải chờ hai giờ tại ${topic} <b>không</b> ai hướng dẫn` }]) {
    const r = await sim.post('/_sim/webhook', { data: { user_id: user, ...c } });
    expect((await r.json()).answers[0].status).toBe(200);
  }
  const toUser = async (has: string) => {
    const got = await (await sim.get('/_sim/received')).json();
    return (got.oa_messages as OaMessage[]).filter((x) => x.user_id === user && x.text.includes(has));
  };
  let code = '';
  await expect
    .poll(async () => {
      const m = await toUser('Đã tiếp nhận phản ánh');
      code = m.length ? /PAKN-[0-9A-Z]{8}/.exec(m[0].text)![0] : '';
      return code;
    }, { timeout: 15_000 })
    .not.toBe('');

  // The service centre's desk sees it in the staff app, as sent (the markup shown as text).
  const deskCtx = await browser.newContext();
  const desk = await deskCtx.newPage();
  await login(desk, 'tiepnhan.ttphcc');
  await desk.goto('/staff/phan-anh');
  await desk.getByRole('link', { name: code }).click();
  await expect(desk.getByRole('heading', { level: 1, name: `Phản ánh, kiến nghị ${code}` })).toBeVisible();
  await expect(desk.getByText(`${topic} <b>không</b>`, { exact: false }).first()).toBeVisible();
  await expectNoHorizontalScroll(desk);
  await checkA11y(desk, info, 'feedback-zalo-case');
  await shot(desk, info, 'fb10-zalo-case');
  await desk.getByLabel('Lĩnh vực').selectOption('Thái độ phục vụ của cán bộ');
  await desk.getByRole('button', { name: 'Phân loại' }).click();
  await expect(desk.locator('.fb-state')).toHaveText('Đã phân loại');
  await desk.getByLabel('Cơ quan có thẩm quyền').selectOption('stp');
  await desk.getByLabel('Lý do chuyển').fill('Thuộc thẩm quyền Sở Tư pháp');
  await desk.getByRole('button', { name: 'Chuyển', exact: true }).click();
  await expect(desk.locator('.fb-state')).toHaveText('Đã chuyển cơ quan có thẩm quyền');
  const caseUrl = desk.url();
  await deskCtx.close();
  await expect.poll(async () => (await toUser('đã được chuyển đến')).length, { timeout: 15_000 }).toBe(1);

  // The competent agency's head takes it and answers.
  const headCtx = await browser.newContext();
  const head = await headCtx.newPage();
  await login(head, 'truongphong.stp');
  await head.goto(new URL(caseUrl).pathname);
  await head.getByRole('button', { name: 'Giao cho tôi xử lý' }).click();
  await expect(head.locator('.fb-state')).toHaveText('Đang xử lý');
  const answer = `Sở Tư pháp đã bố trí thêm người hướng dẫn tại ${topic}.`;
  await head.getByLabel('Nội dung trả lời').fill(answer);
  await checkA11y(head, info, 'feedback-zalo-answer');
  await head.getByRole('button', { name: 'Gửi trả lời' }).click();
  await expect(head.locator('.fb-state')).toHaveText('Đã trả lời');
  await expectNoHorizontalScroll(head);
  await shot(head, info, 'fb11-zalo-answered');
  await headCtx.close();

  // The simulator received the answer, to this follower, once.
  await expect.poll(async () => (await toUser(answer)).length, { timeout: 15_000 }).toBe(1);
  const [m] = await toUser(answer);
  expect(m.text).toContain(`Trả lời phản ánh, kiến nghị mã ${code}:`);
  await sim.dispose();
});

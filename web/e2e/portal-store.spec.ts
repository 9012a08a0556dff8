// «Never ask twice» and «nothing hidden»: a component taken from «Kho dữ liệu của tôi» while
// filing (instead of an upload; recorded on the dossier as reuse), the delivery log of the
// notices the relay sent (portal and staff app), who the fees exempt on the procedure page, and
// the home page's most used procedures from real counts. Desktop and 360 px.
import { apiAs, checkA11y, expect, expectNoHorizontalScroll, login, personalId, shot, test } from './helpers';
import { citizenApi, expectSaved, fileOnlineViaApi, pdfBytes, portalLogin, staffAct } from './portal-helpers';

const COPY = 'Bản sao giấy tờ, tài liệu có nội dung liên quan';

test('a document from «Kho dữ liệu của tôi» instead of an upload', async ({ page, baseURL }, info) => {
  const pid = personalId();
  // An earlier dossier of this citizen with a document they uploaded: it is in their store.
  const first = await fileOnlineViaApi(baseURL!, pid);
  const { ctx, csrf } = await citizenApi(baseURL!, pid);
  const up = await ctx.post(`/api/v1/dossiers/${first.id}/documents?name=ban-sao-khai-sinh.pdf&component=${encodeURIComponent(COPY)}`, {
    headers: { 'X-CSRF-Token': csrf, 'Content-Type': 'application/octet-stream' },
    data: pdfBytes('ban sao khai sinh cu'),
  });
  expect(up.status(), await up.text()).toBe(201);
  const source = (await up.json()).id as string;

  await portalLogin(page, 'Nguyễn Thị Lan', pid);
  await page.goto('/nop-ho-so/1.004884@v1');
  await expect(page.getByRole('heading', { level: 1, name: /^Nộp hồ sơ: Đăng ký lại khai sinh/ })).toBeVisible();
  await page.getByLabel('Cơ quan tiếp nhận').selectOption('ubnd-camthanh');
  const req = page.getByRole('group', { name: 'Người yêu cầu' });
  await req.getByLabel('Họ, chữ đệm và tên').fill('Nguyễn Thị Lan');
  await req.getByLabel('Số định danh cá nhân').fill(pid);
  await req.getByLabel('Số điện thoại').fill('0905123456');
  const addr = page.getByRole('group', { name: 'Nơi cư trú' });
  await addr.getByLabel('Số nhà, đường, thôn, tổ').fill('12 Lê Trung Đình');
  const commune = addr.getByRole('combobox', { name: 'Xã, phường, đặc khu' });
  await commune.fill('cam thanh');
  await commune.press('ArrowDown');
  await commune.press('Enter');
  await expect(commune).toHaveValue('Phường Cẩm Thành');
  // A script typed into a text field stays text everywhere it is shown (here: the staff app).
  await page.getByLabel('Nội dung đề nghị, ghi chú').fill('Bản cũ bị mất. <script>alert(1)</script><img src=x onerror=alert(2)>');

  // The store offers the earlier document for the component, filed under the same name first.
  const pick = page.getByLabel('Hoặc lấy từ Kho dữ liệu của tôi (không phải tải lại)').nth(1);
  await expect(pick.locator('option').nth(1)).toHaveText(`ban-sao-khai-sinh.pdf (đã nộp, hồ sơ ${first.code})`);
  await checkA11y(page, info, 'portal-file-reuse');
  await pick.selectOption({ index: 1 });
  await expect(page.getByText('Lấy từ kho dữ liệu:')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('ban-sao-khai-sinh.pdf (1 KB)')).toBeVisible();
  await expectNoHorizontalScroll(page);
  await shot(page, info, 'p30-file-reuse');

  await expectSaved(page);
  await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Đã nộp hồ sơ' })).toBeVisible({ timeout: 20_000 });
  const code = (await page.getByTestId('dossier-code').textContent())!.trim();

  // On the dossier: the same document, recorded as taken from the store.
  const mine = await (await ctx.get('/api/v1/me/dossiers')).json();
  const filed = (mine.items as { id: string; code: string }[]).find((x) => x.code === code)!;
  const v = await (await ctx.get(`/api/v1/me/dossiers/${filed.id}`)).json();
  expect((v.documents as { component: string; reused_from: string | null }[]).map((x) => [x.component, x.reused_from])).toEqual([[COPY, source]]);
  await ctx.dispose();

  // The official sees the citizen's note as they typed it, not run (the page guard fails on a script error).
  await page.context().clearCookies();
  await login(page, 'tiepnhan.camthanh');
  await page.goto(`/staff/ho-so/${filed.id}`);
  await expect(page.getByText('Ghi chú khi tiếp nhận: Bản cũ bị mất. <script>alert(1)</script><img src=x onerror=alert(2)>')).toBeVisible();
  await expect(page.locator('main img[src="x"]')).toHaveCount(0);
});

test('the notices sent, in «Hồ sơ của tôi» and on the staff dossier page', async ({ page, baseURL }, info) => {
  const pid = personalId();
  const email = `lan.${pid}@example.vn`;
  const { ctx, csrf } = await citizenApi(baseURL!, pid);
  const prefs = await ctx.put('/api/v1/me/notifications', { headers: { 'X-CSRF-Token': csrf }, data: { channels: ['email'], email } });
  expect(prefs.status(), await prefs.text()).toBe(200);
  await ctx.dispose();
  const d = await fileOnlineViaApi(baseURL!, pid);
  await staffAct(baseURL!, 'tiepnhan.camthanh', d.id, 'receive');  // «Tiếp nhận hồ sơ» goes out by e-mail

  // The relay sends it to the SMTP server on loopback (web/e2e/run.sh starts one).
  const staff = await apiAs(baseURL!, 'tiepnhan.camthanh');
  await expect
    .poll(async () => ((await (await staff.ctx.get(`/api/v1/dossiers/${d.id}/deliveries`)).json()).items as { state: string }[]).map((x) => x.state), {
      timeout: 20_000,
    })
    .toContain('sent');
  await staff.ctx.dispose();
  const masked = `${email[0]}***@example.vn`;

  await portalLogin(page, 'Nguyễn Thị Lan', pid);
  await page.goto(`/ho-so-cua-toi/${d.id}`);
  const log = page.getByRole('region', { name: 'Thông báo đã gửi cho tôi' });
  await expect(log.getByText(new RegExp(`Tiếp nhận hồ sơ: Thư điện tử đến ${masked.replace(/[.*]/g, '\\$&')}`))).toBeVisible();
  await expect(log.locator('strong', { hasText: 'đã gửi' })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'portal-deliveries');
  await shot(page, info, 'p31-deliveries-portal');

  await page.context().clearCookies();
  await login(page, 'tiepnhan.camthanh');
  await page.goto(`/staff/ho-so/${d.id}`);
  const section = page.getByTestId('deliveries');
  await expect(section.getByText(`Thư điện tử tới ${masked}: Đã gửi`, { exact: false })).toBeVisible();
  await expect(section.locator('strong', { hasText: 'Tiếp nhận hồ sơ' })).toBeVisible();
  await shot(page, info, 'p32-deliveries-staff');
});

test('who the fees exempt, on the procedure page', async ({ page }, info) => {
  await page.goto('/thu-tuc/1.001193@v1');
  const ex = page.getByTestId('exemptions');
  await expect(ex.getByText('Được miễn phí, lệ phí nếu anh/chị thuộc một trong các diện sau:')).toBeVisible();
  for (const who of ['Hộ nghèo', 'Gia đình người có công với cách mạng', 'Người khuyết tật'])
    await expect(ex.getByText(`${who} (miễn lệ phí đăng ký khai sinh)`)).toBeVisible();
  await expect(ex.getByText(/Anh\/chị không tự khai miễn trực tuyến/)).toBeVisible();
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'portal-exemptions');
  await shot(page, info, 'p33-exemptions');
  await page.goto('/thu-tuc/1.004884@v1');
  await expect(page.getByRole('heading', { name: 'Thời hạn và phí, lệ phí' })).toBeVisible();
  await expect(page.getByTestId('exemptions')).toHaveCount(0);
});

test('the most used procedures come from the dossiers filed', async ({ page, request }, info) => {
  const used = (await (await request.get('/api/v1/procedures/most-used?limit=8')).json()).items as { id: string; name: string; dossiers: number }[];
  expect(used.length).toBeGreaterThan(0);  // run.sh fills a year of dossiers
  const res = await page.goto('/');
  // The HTML announces the API reads of the page (fetched beside the scripts on a slow network).
  expect(res?.headers()['link']).toContain('</api/v1/procedures/most-used?limit=8>; rel=preload; as=fetch; crossorigin');
  const card = page.getByRole('region', { name: 'Thủ tục được dùng nhiều' });
  const first = card.getByRole('listitem').first();
  await expect(first.getByRole('link', { name: used[0].name, exact: true })).toHaveAttribute('href', `/thu-tuc/${used[0].id}`);
  await expect(first).toContainText(`${used[0].dossiers.toLocaleString('vi-VN')} hồ sơ trong 12 tháng`);
  await expect(card.getByRole('listitem')).toHaveCount(8);
  // Before any script: the server fills the page's plain-HTML shell with the same list.
  const html = await (await request.get('/')).text();
  expect(html).toContain('<h1>Dịch vụ công trực tuyến tỉnh Quảng Ngãi</h1>');
  expect(html).toContain(`<li><a href="/thu-tuc/${encodeURIComponent(used[0].id)}">${used[0].name}</a></li>`);
  await shot(page, info, 'p34-home-most-used');
});

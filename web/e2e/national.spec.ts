import { expect, test, apiAs, checkA11y, createDossier, expectNoHorizontalScroll, login, shot } from './helpers';

// The national portal's simulator (tools/sim/dvcqg), started by run.sh; skipped without it.
const SIM = process.env.DVCQG_SIM_URL;
const CODE = '2.001019'; // Chứng thực di chúc: no other spec files under it

async function sim(path: string, body: object): Promise<void> {
  const res = await fetch(`${SIM}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}

test.describe('national portal administration', () => {
  test.skip(!SIM, 'DVCQG simulator not started (run.sh starts it)');

  test('a parked sync is listed with its reason and retried by the administrator', async ({ page, baseURL }, info) => {
    // The portal refuses the next dossier message: the relay parks it at once.
    await sim('/_sim/control', { mode: 'refuse', count: 1, service: 'DongBoHoSoMC' });
    const d = await createDossier(baseURL!, 'tiepnhan.camthanh', '1.000656@v1');
    const { ctx } = await apiAs(baseURL!, 'quantritinh.tinh');
    await expect
      .poll(async () => {
        const r = await ctx.get('/api/v1/admin/dvcqg/unsynced');
        const body = await r.json();
        return body.items.some((i: { code: string; state: string }) => i.code === d.code && i.state === 'parked');
      }, { timeout: 30_000 })
      .toBe(true);
    await ctx.dispose();

    await login(page, 'quantritinh.tinh');
    await page.getByRole('link', { name: 'Quản trị' }).click();
    await page.getByRole('link', { name: /Cổng Dịch vụ công quốc gia/ }).click();
    await expect(page.getByRole('heading', { name: 'Cổng Dịch vụ công quốc gia', level: 1 })).toBeVisible();
    await expect(page.getByTestId('share-synced')).toContainText('đã dừng gửi');
    const table = page.getByRole('table', { name: 'Thông điệp chưa đồng bộ' });
    const row = table.getByRole('row').filter({ hasText: d.code }).filter({ hasText: 'Đã dừng gửi' });
    await expect(row).toBeVisible();
    await expect(row).toContainText('99'); // the portal's refusal, as it said it
    await checkA11y(page, info, 'national-unsynced');
    await expectNoHorizontalScroll(page);
    await shot(page, info, 'national-parked');
    await row.getByRole('button', { name: 'Thử gửi lại' }).click();
    await expect(page.getByText(`Đã đưa thông điệp của hồ sơ ${d.code} vào hàng gửi lại.`)).toBeVisible();
    // Sent: the dossier leaves the list (reload until the relay has delivered it).
    await expect
      .poll(async () => {
        await page.reload();
        await expect(page.getByRole('heading', { name: 'Đồng bộ hồ sơ' })).toBeVisible();
        return page.getByText(d.code).count();
      }, { timeout: 30_000 })
      .toBe(0);
    await shot(page, info, 'national-after-retry');
  });

  test('a catalogue import is reviewed and chosen changes become a new version', async ({ page, baseURL }, info) => {
    // Each project (desktop, mobile) accepts its own change: the latest version moves on.
    const { ctx } = await apiAs(baseURL!, 'quantritinh.tinh');
    const versions = (await (await ctx.get(`/api/v1/admin/procedures/${CODE}@v1/versions`)).json()).items;
    const p = versions[versions.length - 1];
    const next = p.version + 1;
    await ctx.dispose();
    const renamed = `${p.name.replace(/ \(sửa đổi.*\)$/, '')} (sửa đổi ${info.project.name})`;
    const amount = 50000 + next * 1000;
    const shown = `LPCT ${amount.toLocaleString('de-DE')} đ`;
    await sim('/_sim/catalogue', {
      items: [
        {
          MATTHC: CODE,
          TENTTHC: renamed,
          LINHVUCTHUCHIEN: [{ TENLINHVUC: p.field }],
          CACHTHUCTHUCHIEN: [
            {
              THOIGIAN: [
                {
                  THOIGIANGIAIQUYET: p.time_limit.amount,
                  DONVITINH: 'Ngày làm việc',
                  PHILEPHI: [{ MAPHILEPHI: 'LPCT', MOTA: 'Lệ phí chứng thực di chúc', SOTIEN: amount, DONVI: 'Đồng' }],
                },
              ],
            },
          ],
        },
      ],
    });

    await login(page, 'quantritinh.tinh');
    await page.goto('/staff/quan-tri/cong-quoc-gia');
    const card = page.getByRole('article', { name: `Thủ tục ${CODE}` });
    await expect(card).toBeVisible();
    await expect(card).toContainText(renamed);
    await expect(card).toContainText(shown);
    // Nothing is accepted until chosen.
    await expect(card.getByRole('button', { name: /Ban hành phiên bản mới/ })).toBeDisabled();
    await card.getByLabel('Tiếp nhận Tên thủ tục').check();
    await card.getByLabel('Tiếp nhận Phí, lệ phí').check();
    await checkA11y(page, info, 'national-catalogue');
    await expectNoHorizontalScroll(page);
    await shot(page, info, 'national-catalogue-review');
    await card.getByRole('button', { name: /Ban hành phiên bản mới/ }).click();
    await expect(page.getByText(new RegExp(`Đã ban hành phiên bản ${next} của thủ tục ${CODE}`))).toBeVisible();
    // The accepted changes are no longer listed.
    await expect(page.getByRole('article', { name: `Thủ tục ${CODE}` })).toHaveCount(0);
    await shot(page, info, 'national-catalogue-accepted');

    const check = await apiAs(baseURL!, 'quantritinh.tinh');
    const made = await (await check.ctx.get(`/api/v1/procedures/${CODE}@v${next}`)).json();
    expect(made.name).toBe(renamed);
    expect(made.catalogue.fees.map((f: { code: string; amount_vnd: number }) => [f.code, f.amount_vnd])).toEqual([['LPCT', amount]]);
    await check.ctx.dispose();
  });
});

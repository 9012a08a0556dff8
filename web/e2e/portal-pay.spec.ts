// Paying a fee from «Hồ sơ của tôi» through the VNPay simulator (started by run.sh in demo mode):
// the agency asks for the fee (awaiting payment), the amount is the server's, the browser goes to
// the simulator and back, the IPN moves the dossier on by itself and a receipt is issued.
import { apiAs, checkA11y, doAction, expect, login, logout, personalId, shot, test } from './helpers';
import { portalLogin, staffAct } from './portal-helpers';

test('pay the fee through the simulator and come back', async ({ page, baseURL }, info) => {
  test.skip(!process.env.VNPAY_SIM_URL, 'the VNPay simulator is not started (tools/sim/vnpay)');
  const pid = personalId();
  // Chứng thực bản sao (2.000815, verified: 2.000 đồng a page, 1.000 đồng from the third, at most
  // 200.000 đồng a copy) taken in at the counter for this citizen.
  const desk = await apiAs(baseURL!, 'tiepnhan.camthanh');
  const made = await desk.ctx.post('/api/v1/dossiers', {
    headers: { 'X-CSRF-Token': desk.csrf },
    data: {
      procedure_id: '2.000815@v1',
      channel: 1,
      receive: true,
      applicant: { kind: 'citizen', full_name: 'Võ Thị Mai', id_number: pid, phone: '0905111222' },
      components: [{ name: 'Bản chính giấy tờ, văn bản', kind: 'original', count: 1, provided: true }],
    },
  });
  expect(made.status(), await made.text()).toBe(201);
  const d = await made.json();
  await desk.ctx.dispose();
  await staffAct(baseURL!, 'chuyenvien.camthanh', d.id, 'start_processing');
  // The fee is per page (the server says so): the official's form asks for the pages and copies
  // counted. 3 pages, 2 copies: (2.000 + 2.000 + 1.000) × 2.
  await login(page, 'chuyenvien.camthanh');
  await page.goto(`/staff/ho-so/${d.id}`);
  await doAction(page, 'Yêu cầu thực hiện nghĩa vụ tài chính', async () => {
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await expect(page.getByText('Vui lòng nhập số trang là số nguyên từ 1 đến 10000.')).toBeVisible();
    await page.getByLabel('Số trang').fill('3');
    await page.getByLabel('Số bản').fill('2');
  });
  await expect(page.getByTestId('dossier-state')).toHaveText(/nghĩa vụ tài chính/);
  await logout(page);

  await portalLogin(page, 'Võ Thị Mai', pid);
  await page.goto('/ho-so-cua-toi');
  const card = page.getByRole('listitem').filter({ hasText: `Mã hồ sơ ${d.code}` });
  await expect(card.getByText('Nộp phí, lệ phí', { exact: true })).toBeVisible();
  await card.getByRole('link').first().click();
  const box = page.getByRole('region', { name: 'Nộp phí, lệ phí' });
  await expect(box.getByTestId('fee-amount')).toHaveText('10.000 đồng');
  await checkA11y(page, info, 'portal-pay');
  await shot(page, info, 'p30-pay');
  await box.getByRole('button', { name: 'Thanh toán trực tuyến' }).click();

  // The simulator's page (another origin), clearly marked as simulated.
  await expect(page).toHaveURL(new RegExp(`^${process.env.VNPAY_SIM_URL}/paymentv2/vpcpay\\.html`));
  await expect(page.getByText('MÔ PHỎNG — không phải cổng thanh toán thật').first()).toBeVisible();
  await expect(page.getByText('10,000 đồng')).toBeVisible();
  await shot(page, info, 'p31-simulator');
  await page.getByRole('button', { name: 'Thanh toán (mô phỏng)' }).click();

  // Back on our return page, then the dossier.
  await expect(page.getByRole('heading', { level: 1, name: 'Thanh toán thành công' })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('link', { name: 'Về trang hồ sơ' }).click();
  await expect(page).toHaveURL(new RegExp(`/ho-so-cua-toi/${d.id}$`));
  await expect(page.getByRole('region', { name: 'Nộp phí, lệ phí' })).toHaveCount(0);
  await expect(page.getByTestId('my-state')).toHaveText('Đang được giải quyết');
  const receipts = page.getByRole('region', { name: 'Phí, lệ phí đã nộp' });
  await expect(receipts.getByText(/10\.000 đồng qua VNPay/)).toBeVisible();
  await expect(receipts.getByRole('link', { name: /Biên lai điện tử/ })).toBeVisible();
  const paid = await page.request.get(`/api/v1/dossiers/${d.id}/payments`);
  const items = (await paid.json()).items as { state: string; amount: number; receipt_url: string | null }[];
  expect(items.map((p) => [p.state, p.amount])).toEqual([['paid', 10000]]);
  expect(items[0].receipt_url).toBeTruthy();
  await shot(page, info, 'p32-paid');
});

// The leaders' feedback figures (issue 16, QĐ 766's satisfaction group) at desktop and 360 px: a
// case filed by a citizen, transferred to the justice department, answered there and rated
// "satisfied"; the province monitor reads the province's figures (on time, satisfaction, by
// channel, field and agency; charts with their tables), the department's leader only their own
// agency, and a specialist is not offered the page (the server's capability, not a role name).
import type { APIRequestContext } from '@playwright/test';
import { apiAs, checkA11y, expect, expectNoHorizontalScroll, login, personalId, shot, test } from './helpers';
import { citizenApi } from './portal-helpers';

async function post(ctx: APIRequestContext, csrf: string, path: string, data: object, headers: Record<string, string> = {}) {
  const res = await ctx.post(path, { headers: { 'X-CSRF-Token': csrf, ...headers }, data });
  expect([200, 201], await res.text()).toContain(res.status());
  return res.json();
}

async function answeredAndRatedCase(baseURL: string): Promise<string> {
  const pid = personalId();
  const citizen = await citizenApi(baseURL, pid, 'Trần Thị Bình');
  const filed = await post(citizen.ctx, citizen.csrf, '/api/v1/feedback', {
    kind: 'phan_anh',
    title: `Chậm trả kết quả chứng thực ${pid.slice(-6)}`,
    content: 'Tôi nộp hồ sơ chứng thực đã quá hẹn ba ngày nhưng chưa nhận được kết quả.',
    sender_phone: '0905123456',
  }, { 'Idempotency-Key': crypto.randomUUID() });
  const desk = await apiAs(baseURL, 'tiepnhan.ttphcc');
  await post(desk.ctx, desk.csrf, `/api/v1/feedback/${filed.id}/actions`, { action: 'classify', field: 'Chứng thực', kind: 'phan_anh' });
  await post(desk.ctx, desk.csrf, `/api/v1/feedback/${filed.id}/actions`, { action: 'transfer', agency_id: 'stp' });
  const head = await apiAs(baseURL, 'truongphong.stp');
  const me = await (await head.ctx.get('/api/v1/auth/me')).json();
  await post(head.ctx, head.csrf, `/api/v1/feedback/${filed.id}/actions`, { action: 'assign', assignee_id: me.user.id });
  await post(head.ctx, head.csrf, `/api/v1/feedback/${filed.id}/actions`, { action: 'answer', answer: 'Đã trả kết quả chứng thực cho người dân.' });
  await post(citizen.ctx, citizen.csrf, `/api/v1/feedback/${filed.id}/rating`, { score: 'satisfied' });
  for (const c of [citizen.ctx, desk.ctx, head.ctx]) await c.dispose();
  return filed.code;
}

test('feedback figures: the province, one agency, and nobody else', async ({ page, baseURL }, info) => {
  await answeredAndRatedCase(baseURL!);

  await login(page, 'giamsat.tinh');
  await page.getByRole('link', { name: 'Số liệu phản ánh', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Số liệu phản ánh, kiến nghị', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Phạm vi', { exact: true })).toHaveValue('');
  const group = page.getByRole('table', { name: 'Chỉ số của kỳ' });
  await expect(group.getByRole('row', { name: /được xử lý đúng hạn/ })).toContainText('%');
  await expect(group.getByRole('row', { name: /Mức độ hài lòng/ })).toContainText('%');
  await expect(group.getByRole('row', { name: /Mức độ hài lòng/ })).not.toContainText('/ 0 lượt');
  // Charts (chart.js, this page's lazy chunk) each with the table of their figures.
  await expect(page.locator('canvas')).toHaveCount(2);
  await expect(page.getByRole('table', { name: 'Tiếp nhận theo kênh' }).getByRole('row', { name: /Cổng dịch vụ công/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Theo cơ quan' }).getByRole('row', { name: /Sở Tư pháp/ })).toBeVisible();
  await expect(page.getByRole('table', { name: /theo lĩnh vực/ }).getByRole('row', { name: /Chứng thực/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /Tiếp nhận theo kênh/ })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'feedback-figures');
  await shot(page, info, 'fb20-figures');

  // The department's leader: their agency only (the server offers no province scope).
  await page.context().clearCookies();
  await login(page, 'lanhdao.stp');
  await page.getByRole('link', { name: 'Số liệu phản ánh', exact: true }).click();
  const scope = page.getByLabel('Phạm vi', { exact: true });
  await expect(scope).toHaveValue('stp');
  await expect(scope.locator('option')).toHaveCount(1);
  await expect(page.getByRole('table', { name: 'Theo cơ quan' }).getByRole('row', { name: /Sở Tư pháp/ })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'feedback-figures-agency');
  await shot(page, info, 'fb21-figures-agency', false);

  // A specialist is not offered the page; by its URL the server refuses the figures.
  await page.context().clearCookies();
  await login(page, 'chuyenvien.stp');
  await expect(page.getByRole('link', { name: 'Phản ánh, kiến nghị', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Số liệu phản ánh', exact: true })).toHaveCount(0);
  await page.goto('/staff/so-lieu-phan-anh');
  await expect(page.getByText(/Chỉ lãnh đạo cơ quan hoặc cấp tỉnh/)).toBeVisible();
});

test('Quyết định 766: the feedback indicators list the cases behind their numbers', async ({ page, baseURL }, info) => {
  const code = await answeredAndRatedCase(baseURL!);
  // The month of today (the feedback indicators are counted by whole months).
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const [y, m] = today.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  await login(page, 'lanhdao.stp');
  await page.goto(`/staff/chi-so?scope=agency%3Astp&ky=custom&from=${today.slice(0, 7)}-01&to=${last}`);
  const den = page.getByTestId('kpi-766').getByTestId('i766-feedback_on_time-den');
  const n = Number((await den.innerText()).replace(/\D/g, ''));
  expect(n).toBeGreaterThanOrEqual(1);
  await den.click();
  await expect(page.getByRole('heading', { name: 'Phản ánh, kiến nghị được trả lời lần đầu trong kỳ', level: 1 })).toBeVisible();
  await expect(page.getByTestId('drill-total')).toHaveText(n.toLocaleString('vi-VN'));
  const table = page.getByTestId('drill-table');
  await expect(table.locator('tbody tr')).toHaveCount(n);
  for (const col of ['Mã phản ánh', 'Tiêu đề', 'Lĩnh vực', 'Trả lời lần đầu', 'Hạn trả lời', 'Thời hạn', 'Đánh giá'])
    await expect(table.getByRole('columnheader', { name: col, exact: true })).toBeVisible();
  const row = table.getByRole('row', { name: new RegExp(code) });
  await expect(row).toContainText('Chứng thực');
  await expect(row).toContainText('Hài lòng');
  await expect(row).not.toContainText('Trần Thị Bình');
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'kpi-766-feedback-drill');
  await shot(page, info, 'fb23-766-feedback-drill', false);
});

test('an administrator sets the contact e-mail the feedback watch writes to', async ({ page }, info) => {
  // One account per project (desktop, 360 px): each starts from the seed's demo address.
  const who = info.project.name === 'mobile' ? 'lanhdao.sxd' : 'lanhdao.snv';
  await login(page, 'quantritinh.tinh');
  await page.goto('/staff/quan-tri');
  await page.getByRole('link', { name: /Cán bộ và phân quyền/ }).click();
  await expect(page.getByRole('heading', { name: 'Cán bộ và phân quyền', level: 1 })).toBeVisible();
  const card = page.locator('.staff-card').filter({ has: page.getByRole('heading', { name: new RegExp(who.replace('.', '\\.')) }) });
  await expect(card).toHaveCount(1);
  await expect(card.getByText(`${who}@motcua.example`)).toBeVisible();  // the seed's demo address
  await card.getByRole('button', { name: /^Thư điện tử liên hệ/ }).click();
  const form = page.getByRole('form', { name: `Thư điện tử liên hệ của ${who}` });
  await form.getByLabel('Thư điện tử').fill('Lương Văn Tiến <tien@snv>');
  await form.getByRole('button', { name: 'Lưu thư điện tử' }).click();
  await expect(form.getByLabel('Thư điện tử')).toHaveAttribute('aria-invalid', 'true');
  await checkA11y(page, info, 'staff-email-error');
  await form.getByLabel('Thư điện tử').fill(`lanhdao.${who.split('.')[1]}@quangngai.gov.vn`);
  await form.getByRole('button', { name: 'Lưu thư điện tử' }).click();
  await expect(page.getByText(`Đã lưu thư điện tử liên hệ của ${who}.`)).toBeVisible();
  await expect(card.getByText(`lanhdao.${who.split('.')[1]}@quangngai.gov.vn`)).toBeVisible();
  await expectNoHorizontalScroll(page);
  await shot(page, info, 'fb22-staff-email', false);
});

// Helpers of the citizen portal's journeys.
import { request as pwRequest, type APIRequestContext, type Page } from '@playwright/test';
import { apiAs, expect, personalId } from './helpers';

/** A new citizen per test (a valid personal ID), logged in through the development login. */
export async function portalLogin(page: Page, name = 'Nguyễn Thị Lan', pid = personalId()): Promise<string> {
  await page.goto('/dang-nhap');
  await page.getByLabel('Số định danh cá nhân (12 chữ số)').fill(pid);
  await page.getByLabel('Họ và tên').fill(name);
  await page.getByRole('button', { name: 'Đăng nhập thử nghiệm' }).click();
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
  return pid;
}

/** A tiny valid PDF. */
export function pdfBytes(text = 'MotCua'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

/** Waits until the draft is on the server. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toContainText('Đã lưu trên máy này và trên máy chủ.', { timeout: 15_000 });
}

/** An API client logged in as a citizen (development login), for set-up. */
export async function citizenApi(baseURL: string, pid: string, name = 'Nguyễn Thị Lan'): Promise<{ ctx: APIRequestContext; csrf: string }> {
  const ctx = await pwRequest.newContext({ baseURL });
  const res = await ctx.post('/api/v1/auth/citizen-dev-login', { data: { personal_id: pid, full_name: name } });
  expect(res.status(), await res.text()).toBe(200);
  return { ctx, csrf: (await res.json()).csrf_token };
}

/** A dossier filed online by the citizen `pid` at Phường Cẩm Thành (submitted). */
export async function fileOnlineViaApi(baseURL: string, pid: string, procedureId = '1.004884@v1'): Promise<{ id: string; code: string }> {
  const { ctx, csrf } = await citizenApi(baseURL, pid);
  const res = await ctx.post('/api/v1/dossiers', {
    headers: { 'X-CSRF-Token': csrf },
    data: {
      procedure_id: procedureId,
      channel: 2,
      receiving_agency_id: 'ubnd-camthanh',
      applicant: { kind: 'citizen', phone: '0905123456', address: '12 Lê Trung Đình' },
      components: [{ name: 'Tờ khai', kind: 'original', count: 1, provided: true }],
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const d = await res.json();
  await ctx.dispose();
  return { id: d.id, code: d.code };
}

/** A staff action through the API (the dossier's version read first). */
export async function staffAct(baseURL: string, username: string, id: string, action: string, body: object = {}): Promise<Record<string, unknown>> {
  const { ctx, csrf } = await apiAs(baseURL, username);
  const res = await ctx.post(`/api/v1/dossiers/${id}/actions/${action}`, { headers: { 'X-CSRF-Token': csrf }, data: body });
  expect(res.status(), `${action}: ${await res.text()}`).toBe(200);
  const v = await res.json();
  await ctx.dispose();
  return v;
}

/** Received at Cẩm Thành and taken by its specialist (in progress). */
export async function toProcessing(baseURL: string, id: string): Promise<void> {
  await staffAct(baseURL, 'tiepnhan.camthanh', id, 'receive');
  await staffAct(baseURL, 'chuyenvien.camthanh', id, 'start_processing');
}

/** From in progress to resolved with an electronic result (a PDF the specialist attached): the
 *  result is ready for the citizen to download (and to rate). */
export async function toElectronicResult(baseURL: string, id: string): Promise<void> {
  const spec = await apiAs(baseURL, 'chuyenvien.camthanh');
  const up = await spec.ctx.post(`/api/v1/dossiers/${id}/documents?name=ket-qua.pdf&component=${encodeURIComponent('Kết quả giải quyết')}`, {
    headers: { 'X-CSRF-Token': spec.csrf, 'Content-Type': 'application/octet-stream' },
    data: pdfBytes('ket qua'),
  });
  expect(up.status(), await up.text()).toBe(201);
  const docId = (await up.json()).id as string;
  // Hand on to the leader's step.
  for (let i = 0; i < 5; i++) {
    const v = await (await spec.ctx.get(`/api/v1/dossiers/${id}`)).json();
    const open = (v.control_sheet as { role: string; finished_at: string | null }[]).filter((s) => !s.finished_at).pop();
    if (!open || open.role === 'leader') break;
    const holder = open.role === 'specialist' ? spec : await apiAs(baseURL, `${open.role === 'head' ? 'truongphong' : 'chuyenvien'}.camthanh`);
    const view = await (await holder.ctx.get(`/api/v1/dossiers/${id}`)).json();
    const choice = (view.step_choices ?? []).find((c: { action: string }) => c.action === 'handover');
    const r = await holder.ctx.post(`/api/v1/dossiers/${id}/actions/handover`, {
      headers: { 'X-CSRF-Token': holder.csrf },
      data: choice?.candidates?.length ? { assignee_id: choice.candidates[0].id } : {},
    });
    expect(r.status(), await r.text()).toBe(200);
  }
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  await staffAct(baseURL, 'lanhdao.camthanh', id, 'resolve_granted', {
    result: { number: '12/GKS', date: today, signer: 'Nguyễn Văn Lãnh', return_method: 'electronic', document_id: docId },
  });
  await spec.ctx.dispose();
}

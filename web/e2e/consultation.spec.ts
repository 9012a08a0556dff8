import { expect, test, actViaApi, apiAs, checkA11y, createDossier, expectNoHorizontalScroll, login, logout, shot } from './helpers';

// Lấy ý kiến phối hợp: the land registration office (a department) asks the commune where the
// land is; a specialist of the commune finds the request in «Chờ cho ý kiến», reads what the
// opinion needs (and nothing else) and answers; the office sees the answer.

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const COMMUNE = 'Ủy ban nhân dân phường Cẩm Thành';

test('consultation: a department asks a commune, the commune answers, the answer shows', async ({ page, baseURL }, info) => {
  // 1.012784 Tách thửa hoặc hợp thửa đất: received at the provincial centre, decided by the
  // land registration office (vpdkdd); its catalogue foresees the commune's opinion (24 h).
  const d = await createDossier(baseURL!, 'tiepnhan.ttphcc', '1.012784@v1', { name: 'Huỳnh Văn Lộc' });
  await actViaApi(baseURL!, 'chuyenvien.vpdkdd', d.id, 'start_processing');
  const office = await apiAs(baseURL!, 'chuyenvien.vpdkdd');
  const up = await office.ctx.post(`/api/v1/dossiers/${d.id}/documents?name=${encodeURIComponent('trich-do-thua-dat.pdf')}`, {
    headers: { 'X-CSRF-Token': office.csrf, 'Content-Type': 'application/pdf' },
    data: PDF,
  });
  expect(up.status(), await up.text()).toBe(201);
  await office.ctx.dispose();

  // --- The office asks.
  await login(page, 'chuyenvien.vpdkdd');
  await page.goto(`/staff/ho-so/${d.id}`);
  const section = page.getByRole('region', { name: 'Lấy ý kiến cơ quan phối hợp' });
  await expect(section.getByText('Chưa lấy ý kiến cơ quan nào.')).toBeVisible();
  await section.getByRole('button', { name: 'Lấy ý kiến cơ quan khác' }).click();
  const form = section.getByRole('form', { name: 'Lấy ý kiến cơ quan khác' });
  await expect(form.getByLabel('Cơ quan được lấy ý kiến')).toBeFocused();
  // Nothing chosen: the form says what is missing, nothing is sent.
  await form.getByRole('button', { name: 'Gửi yêu cầu lấy ý kiến' }).click();
  await expect(form.getByText('Vui lòng chọn cơ quan được lấy ý kiến.')).toBeVisible();
  await expect(form.getByLabel('Cơ quan được lấy ý kiến')).toHaveAttribute('aria-invalid', 'true');
  // The procedure's own consultation fills the question and the time (24 working hours).
  await form.getByLabel('Theo quy trình của thủ tục').selectOption({ label: 'UBND cấp xã nơi có đất: ý kiến về quy hoạch, hiện trạng thửa đất (24 giờ)' });
  await expect(form.getByLabel('Nội dung xin ý kiến')).toHaveValue('UBND cấp xã nơi có đất: ý kiến về quy hoạch, hiện trạng thửa đất');
  await expect(form.getByLabel('Thời hạn cho ý kiến (giờ làm việc)')).toHaveValue('24');
  await expect(form.getByText(/Hạn dự kiến nếu gửi bây giờ: \d\d:\d\d \d\d\/\d\d\/\d{4}/)).toBeVisible();
  await form.getByLabel('Cơ quan được lấy ý kiến').selectOption({ label: COMMUNE });
  await form.getByLabel('Nội dung xin ý kiến').fill('Đề nghị UBND phường cho ý kiến về quy hoạch và hiện trạng thửa đất số 125, tờ bản đồ số 7.');
  await checkA11y(page, info, 'consultation-form');
  // The first answer is lost on the way back (the server did open the consultation): sending
  // again carries the same Idempotency-Key, so the server answers as before and opens no second one.
  const keys: string[] = [];
  let lose = true;
  await page.route(`**/api/v1/dossiers/${d.id}/consultations`, async (route) => {
    keys.push(route.request().headers()['idempotency-key'] ?? '');
    if (!lose) return route.continue();
    lose = false;
    const res = await route.fetch();
    expect(res.status()).toBe(201);
    await route.abort('connectionreset');
  });
  await form.getByRole('button', { name: 'Gửi yêu cầu lấy ý kiến' }).click();
  await expect(form.getByText('Không kết nối được với máy chủ', { exact: false })).toBeVisible();
  await form.getByRole('button', { name: 'Gửi yêu cầu lấy ý kiến' }).click();
  await expect(section.getByText(`Đã gửi yêu cầu lấy ý kiến tới ${COMMUNE}.`)).toBeVisible();
  await page.unroute(`**/api/v1/dossiers/${d.id}/consultations`);
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(keys[1]).toBe(keys[0]);
  const item = section.getByTestId('consultation');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(COMMUNE);
  await expect(item).toContainText('Chờ trả lời');
  await expect(item).toContainText('thửa đất số 125, tờ bản đồ số 7');
  await expect(item).toContainText('chuyenvien.vpdkdd');
  await expect(item.getByTestId('consultation-due')).toContainText(/còn \d+ giờ( \d+ phút)? làm việc/);
  await expectNoHorizontalScroll(page);
  await section.scrollIntoViewIfNeeded();
  await shot(page, info, '32-consultation-asked');
  await logout(page);

  // --- The commune finds it in its queue and reads only what the opinion needs.
  await login(page, 'chuyenvien.camthanh');
  await page.getByRole('tab', { name: /Chờ cho ý kiến/ }).click();
  await expect(page.getByRole('tab', { name: /Chờ cho ý kiến/ })).toHaveAttribute('aria-selected', 'true');
  const row = page.locator('.queue-table tbody tr').filter({ has: page.getByRole('link', { name: d.code }) });
  await expect(row).toHaveCount(1);
  await expect(row.locator('td[data-label="Cơ quan hỏi ý kiến"]')).toHaveText('Văn phòng Đăng ký đất đai tỉnh Quảng Ngãi');
  await expect(row.locator('td[data-label="Nội dung xin ý kiến"]')).toContainText('thửa đất số 125');
  await expect(row.locator('td[data-label="Hạn cho ý kiến"]')).toContainText(/còn \d+ giờ/);
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'queue-to-consult');
  await shot(page, info, '33-queue-to-consult');

  await row.getByRole('link', { name: d.code }).click();
  await expect(page.getByText('Cơ quan của bạn được lấy ý kiến về hồ sơ này.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Xử lý hồ sơ' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Biểu mẫu in' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Phiếu kiểm soát quá trình giải quyết' })).toHaveCount(0);
  const applicant = page.getByRole('region', { name: 'Người nộp hồ sơ' });
  await expect(applicant).toContainText('Huỳnh Văn Lộc');
  // Not the contact data; the personal ID masked but for its last three digits.
  await expect(applicant).toContainText(/\*{9}\d{3}/);
  await expect(applicant).not.toContainText('0905123456');
  await expect(applicant.getByText('Số điện thoại')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Tài liệu đính kèm' }).getByRole('link', { name: 'trich-do-thua-dat.pdf' })).toBeVisible();
  const answerSection = page.getByRole('region', { name: 'Lấy ý kiến cơ quan phối hợp' });
  await expect(answerSection.getByRole('button', { name: 'Lấy ý kiến cơ quan khác' })).toHaveCount(0);
  const answer = answerSection.getByRole('form', { name: `Trả lời yêu cầu lấy ý kiến gửi ${COMMUNE}` });
  await answer.getByRole('button', { name: 'Gửi ý kiến' }).click();
  await expect(answer.getByText('Vui lòng nhập ý kiến của cơ quan.')).toBeVisible();
  await expect(answer.getByLabel('Ý kiến của cơ quan')).toBeFocused();
  await answer.getByLabel('Ý kiến của cơ quan').fill('Thửa đất phù hợp quy hoạch sử dụng đất của phường, không có tranh chấp; đủ điều kiện tách thửa.');
  await checkA11y(page, info, 'consultation-answer-form');
  await shot(page, info, '34-consultation-answer-form');
  await answer.getByRole('button', { name: 'Gửi ý kiến' }).click();
  await expect(answerSection.getByText('Đã gửi ý kiến trả lời.')).toBeVisible();
  await expect(answerSection.getByTestId('consultation-answer')).toHaveText(/không có tranh chấp/);
  await expect(answerSection.getByTestId('consultation')).toContainText('chuyenvien.camthanh');
  await expect(answerSection.getByRole('form')).toHaveCount(0);
  await expectNoHorizontalScroll(page);
  // Answered: out of the queue.
  await page.goto('/staff?hang=to_consult');
  await expect(page.getByRole('tab', { name: /Chờ cho ý kiến/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.queue-panel .loading')).toHaveCount(0);
  await expect(page.getByRole('link', { name: d.code })).toHaveCount(0);
  await logout(page);

  // --- The office sees the answer, who gave it, and the history entry.
  await login(page, 'chuyenvien.vpdkdd');
  await page.goto(`/staff/ho-so/${d.id}`);
  const done = page.getByRole('region', { name: 'Lấy ý kiến cơ quan phối hợp' }).getByTestId('consultation');
  await expect(done).toContainText(/Đã trả lời — (trước hạn|đúng hạn)/);
  await expect(done.getByTestId('consultation-answer')).toHaveText(/đủ điều kiện tách thửa/);
  await expect(done).toContainText('chuyenvien.camthanh');
  await expect(page.getByRole('region', { name: 'Quá trình xử lý' }).getByText('Cơ quan được hỏi ý kiến đã trả lời')).toBeVisible();
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'consultation-answered');
  await done.scrollIntoViewIfNeeded();
  await shot(page, info, '35-consultation-answered');
});

test('consultation: other roles of the consulted agency see nothing of the dossier', async ({ page, baseURL }) => {
  const d = await createDossier(baseURL!, 'tiepnhan.ttphcc', '1.012784@v1', { name: 'Mai Thị Ngọc' });
  await actViaApi(baseURL!, 'chuyenvien.vpdkdd', d.id, 'start_processing');
  const office = await apiAs(baseURL!, 'chuyenvien.vpdkdd');
  const res = await office.ctx.post(`/api/v1/dossiers/${d.id}/consultations`, {
    headers: { 'X-CSRF-Token': office.csrf },
    data: { agency_id: 'ubnd-camthanh', subject: 'Xác nhận nguồn gốc sử dụng đất', hours: 16 },
  });
  expect(res.status(), await res.text()).toBe(201);
  await office.ctx.dispose();
  // The commune's reception desk: no «Chờ cho ý kiến» queue and no access to the dossier.
  await login(page, 'tiepnhan.camthanh');
  await expect(page.getByRole('tab', { name: /Chờ cho ý kiến/ })).toHaveCount(0);
  await page.goto(`/staff/ho-so/${d.id}`);
  await expect(page.getByRole('heading', { name: 'Không có quyền xem hồ sơ', level: 1 })).toBeVisible();
});

test('consultation: once the dossier is closed the request can no longer be answered', async ({ page, baseURL }) => {
  const d = await createDossier(baseURL!, 'tiepnhan.ttphcc', '1.012784@v1', { name: 'Đỗ Văn Tài' });
  await actViaApi(baseURL!, 'chuyenvien.vpdkdd', d.id, 'start_processing');
  const office = await apiAs(baseURL!, 'chuyenvien.vpdkdd');
  const res = await office.ctx.post(`/api/v1/dossiers/${d.id}/consultations`, {
    headers: { 'X-CSRF-Token': office.csrf },
    data: { agency_id: 'ubnd-camthanh', subject: 'Xác nhận hiện trạng thửa đất', hours: 16 },
  });
  expect(res.status(), await res.text()).toBe(201);
  await office.ctx.dispose();
  await actViaApi(baseURL!, 'chuyenvien.vpdkdd', d.id, 'stop', { items: ['Người nộp đề nghị dừng giải quyết'] });
  await login(page, 'chuyenvien.camthanh');
  await page.goto(`/staff/ho-so/${d.id}`);
  const section = page.getByRole('region', { name: 'Lấy ý kiến cơ quan phối hợp' });
  await expect(section.getByTestId('consultation')).toContainText('Không còn nhận ý kiến (hồ sơ đã kết thúc)');
  await expect(section.getByRole('form')).toHaveCount(0);
});

// Dates, times and file choosers in Vietnamese whatever the browser's language: an English
// browser (en-US) types and reads dd/mm/yyyy and 24-hour times; the register (mẫu 07) downloads.
import { readFileSync } from 'node:fs';
import { expect, test, actViaApi, apiAs, checkA11y, createDossier, expectNoHorizontalScroll, expectState, login, shot } from './helpers';

test.use({ locale: 'en-US', timezoneId: 'Asia/Ho_Chi_Minh' });

const FEB_31 = 'Ngày không hợp lệ, nhập theo dạng ngày/tháng/năm, ví dụ 05/01/2027. Tháng 02/2027 chỉ có 28 ngày.';
const BAD_TIME = 'Giờ không hợp lệ, nhập theo dạng giờ:phút (24 giờ), ví dụ 14:30.';

/** "2026-12-11T17:00:00+07:00" → ["11/12/2026", "17:00"] (the server always answers in +07:00). */
function viParts(rfc: string): [string, string] {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(rfc)!;
  return [`${m[3]}/${m[2]}/${m[1]}`, `${m[4]}:${m[5]}`];
}

/** An ISO day plus n calendar days. */
function plusDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

test('an English browser: the calendar day is typed dd/mm/yyyy, 31/02/2027 refused in Vietnamese, times shown on 24 hours', async ({ page, baseURL }, info) => {
  // Far from any test's due dates; each project its own day (they share one database).
  const [iso, typed, shown] = info.project.name === 'desktop' ? ['2028-03-14', '14/3/2028', '14/03/2028'] : ['2028-03-15', '15.03.2028', '15/03/2028'];
  const weekday = info.project.name === 'desktop' ? 'Thứ Ba' : 'Thứ Tư';
  const { ctx, csrf } = await apiAs(baseURL!, 'quantritinh.tinh');
  await ctx.delete(`/api/v1/admin/calendar/days/${iso}`, { headers: { 'X-CSRF-Token': csrf } });

  await login(page, 'quantritinh.tinh');
  expect(await page.evaluate(() => navigator.language)).toBe('en-US');
  await page.goto('/staff/quan-tri/lich-lam-viec');
  await expect(page.getByRole('heading', { name: 'Lịch làm việc', level: 1 })).toBeVisible();

  const form = page.getByRole('form', { name: 'Khai báo một ngày' });
  const day = form.getByLabel('Ngày', { exact: true });
  await expect(day).toHaveAttribute('type', 'text');
  await expect(day).toHaveAttribute('inputmode', 'numeric');
  await expect(form.getByText('Ngày/tháng/năm, ví dụ 05/01/2027')).toBeVisible();
  await expect(day).toHaveAccessibleDescription(/Ngày\/tháng\/năm, ví dụ 05\/01\/2027/);

  // A day that does not exist: the message is on the field, the form is not sent.
  await day.fill('31/02/2027');
  await day.press('Tab');
  await expect(form.getByText(FEB_31)).toBeVisible();
  await expect(day).toHaveAttribute('aria-invalid', 'true');
  await expect(day).toHaveAccessibleDescription(new RegExp(FEB_31.replace(/[.()/]/g, '\\$&')));
  await form.getByRole('button', { name: 'Mở ngày này' }).click();
  await expect(day).toBeFocused();
  await expect(page.locator('.day-editor')).toHaveCount(0);
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'date-field-invalid');
  await form.scrollIntoViewIfNeeded();
  await shot(page, info, '60-date-field-en-us', false);

  // Typed loosely, shown as dd/mm/yyyy; the server gets the ISO day.
  await day.fill(typed);
  await expect(form.getByText(FEB_31)).toHaveCount(0);
  await day.press('Tab');
  await expect(day).toHaveValue(shown);
  await form.getByRole('button', { name: 'Mở ngày này' }).click();
  const editor = page.getByRole('region', { name: `${weekday}, ${shown}` });
  await expect(editor).toBeVisible();
  await editor.getByLabel('Ngày nghỉ (nghỉ lễ, nghỉ bù)').check();
  await editor.getByLabel(/Lý do/).fill('Thử định dạng ngày (en-US)');
  const [req] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'PUT' && r.url().includes('/api/v1/admin/calendar/days/')),
    editor.getByRole('button', { name: 'Lưu khai báo' }).click(),
  ]);
  expect(new URL(req.url()).pathname).toBe(`/api/v1/admin/calendar/days/${iso}`);
  expect(req.postDataJSON()).toEqual({ working: false, reason: 'Thử định dạng ngày (en-US)' });
  expect((await req.response())!.status()).toBe(200);
  await expect(page.getByText(`Đã khai báo ${shown} là ngày nghỉ: Thử định dạng ngày (en-US).`)).toBeVisible();
  const days = await (await ctx.get(`/api/v1/calendar/days?from=${iso}&to=${iso}`)).json();
  expect(days).toEqual([expect.objectContaining({ date: iso, working: false, reason: 'Thử định dạng ngày (en-US)' })]);

  // The history's instant: HH:mm on 24 hours then dd/mm/yyyy, exactly the server's +07:00 wall clock.
  const first = page.getByTestId('calendar-changes').getByRole('listitem').first();
  await expect(first).toContainText(`${shown} — Khai báo ngày nghỉ`);
  const time = first.locator('time');
  const [d, t] = viParts((await time.getAttribute('datetime'))!);
  await expect(time).toHaveText(`${t} ${d}`);
  await expect(page.locator('main')).not.toContainText(/\b(AM|PM)\b/);

  await ctx.delete(`/api/v1/admin/calendar/days/${iso}`, { headers: { 'X-CSRF-Token': csrf } });
  await ctx.dispose();
});

test('an English browser: the apology appointment is typed dd/mm/yyyy and HH:mm (24 hours), sent as +07:00', async ({ page, baseURL }, info) => {
  const d = await createDossier(baseURL!, 'tiepnhan.camthanh', '2.000806@v1', { name: 'Đỗ Thị Hạnh' });
  await actViaApi(baseURL!, 'chuyenvien.camthanh', d.id, 'start_processing');
  const { ctx } = await apiAs(baseURL!, 'chuyenvien.camthanh');
  const view = await (await ctx.get(`/api/v1/dossiers/${d.id}`)).json();
  const due: string = view.due_at;
  const [dueDay, dueTime] = viParts(due);

  await login(page, 'chuyenvien.camthanh');
  await page.goto(`/staff/ho-so/${d.id}`);
  await expectState(page, 'Đang xử lý');
  await expect(page.getByTestId('due-at')).toHaveText(`${dueTime} ${dueDay}`);

  await page.getByRole('button', { name: 'Xin lỗi, hẹn lại ngày trả', exact: true }).click();
  const dateIn = page.getByLabel('Ngày giờ hẹn trả kết quả mới');
  const timeIn = page.getByLabel('Giờ hẹn (24 giờ)');
  await expect(dateIn).toBeFocused();
  // Prefilled three days after the current due time, in the same formats.
  await expect(dateIn).toHaveValue(viParts(`${plusDays(due.slice(0, 10), 3)}T${due.slice(11)}`)[0]);
  await expect(timeIn).toHaveValue(dueTime);
  await page.getByLabel('Lý do chậm trễ').fill('Cần xác minh thêm với cơ quan nước ngoài');

  // A 12-hour time is refused on the time field, in Vietnamese.
  const newDay = plusDays(due.slice(0, 10), 7);
  const [newDayVi] = viParts(`${newDay}T00:00`);
  await dateIn.fill(newDayVi);
  await timeIn.fill('4:45 PM');
  await page.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(page.getByText(BAD_TIME)).toBeVisible();
  await expect(timeIn).toHaveAttribute('aria-invalid', 'true');
  await expect(timeIn).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Xin lỗi, hẹn lại ngày trả', level: 3 })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await shot(page, info, '61-apology-datetime-en-us', false);

  await timeIn.fill('16:45');
  await expect(page.getByText(BAD_TIME)).toHaveCount(0);
  const [req] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/api/v1/dossiers/${d.id}/actions/apologise`)),
    page.getByRole('button', { name: 'Xác nhận' }).click(),
  ]);
  expect(req.postDataJSON().new_due).toBe(`${newDay}T16:45:00+07:00`);
  await expect(page.getByText('Đã ghi nhận văn bản xin lỗi và ngày hẹn mới.')).toBeVisible();
  const after = await (await ctx.get(`/api/v1/dossiers/${d.id}`)).json();
  expect(after.due_at).toBe(`${newDay}T16:45:00+07:00`);
  await expect(page.getByTestId('due-at')).toHaveText(`16:45 ${newDayVi} (hẹn lần đầu: ${dueTime} ${dueDay})`);
  await expect(page.locator('main')).not.toContainText(/\b(AM|PM)\b/);
  await ctx.dispose();
});

test('an English browser: the file chooser speaks Vietnamese', async ({ page, baseURL }, info) => {
  const d = await createDossier(baseURL!, 'tiepnhan.camthanh', '1.004884@v1', { name: 'Lê Văn Phúc' });
  await login(page, 'tiepnhan.camthanh');
  await page.goto(`/staff/ho-so/${d.id}`);
  const section = page.getByRole('region', { name: 'Tài liệu đính kèm' });
  const group = section.locator('.doc-group').filter({ hasText: 'Tờ khai' }).first();
  const input = section.getByLabel('Chọn tệp cho «Tờ khai»');
  await expect(input).toHaveAttribute('type', 'file');
  await expect(group.getByText('Chọn tệp…', { exact: true })).toBeVisible();
  await expect(group.getByText('Chưa chọn tệp', { exact: true })).toBeVisible();
  await expect(input).toHaveAccessibleDescription('Chưa chọn tệp');
  // The real input is reached by keyboard.
  await input.focus();
  await expect(input).toBeFocused();

  await input.setInputFiles({ name: 'giay-to-tuy-than.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await expect(group.getByText('giay-to-tuy-than.pdf', { exact: true })).toBeVisible();
  await expect(group.getByText('Chưa chọn tệp', { exact: true })).toHaveCount(0);
  await expect(input).toHaveAccessibleDescription('giay-to-tuy-than.pdf');
  await expectNoHorizontalScroll(page);
  await group.scrollIntoViewIfNeeded();
  await shot(page, info, '62-file-picker-en-us', false);
  await section.getByRole('button', { name: 'Tải lên tệp cho «Tờ khai»' }).click();
  await expect(section.getByText('Đã tải lên «giay-to-tuy-than.pdf».')).toBeVisible();
  await expect(group.getByText('Chưa chọn tệp', { exact: true })).toBeVisible();
});

test('the register (mẫu 07): an official downloads the PDF and the Excel file for a period', async ({ page }, info) => {
  await login(page, 'tiepnhan.camthanh');
  await page.getByRole('link', { name: 'Sổ theo dõi hồ sơ' }).click();
  await expect(page.getByRole('heading', { name: 'Sổ theo dõi hồ sơ', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sổ theo dõi hồ sơ' })).toHaveAttribute('aria-current', 'page');
  const agency = page.getByLabel('Cơ quan');
  await expect(agency.locator('option:checked')).toHaveText('Ủy ban nhân dân phường Cẩm Thành');
  const from = page.getByLabel('Từ ngày');
  const to = page.getByLabel('Đến ngày');
  await expect(from).toHaveValue(/^01\/\d{2}\/\d{4}$/);
  await expect(to).toHaveValue(/^\d{2}\/\d{2}\/\d{4}$/);

  // The end before the start: said beside the field, nothing downloaded.
  await from.fill('10/11/2026');
  await to.fill('01/11/2026');
  await page.getByRole('button', { name: 'Tải sổ (PDF)' }).click();
  await expect(page.getByText('Ngày kết thúc phải từ ngày bắt đầu (10/11/2026) trở về sau.')).toBeVisible();
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  await expect(to).toBeFocused();

  // The server's refusal (an agency this official does not belong to) in Vietnamese.
  await from.fill('01/01/2026');
  await to.fill('30/11/2026');
  await page.route((u) => u.pathname === '/api/v1/agencies/ubnd-camthanh/register.pdf', (r) => r.continue({ url: r.request().url().replace('ubnd-camthanh', 'stp') }), { times: 1 });
  await page.getByRole('button', { name: 'Tải sổ (PDF)' }).click();
  const refusal = page.getByRole('alert');
  await expect(refusal).toBeVisible();
  const stp = await page.request.get('/api/v1/agencies/stp/register.pdf?from=2026-01-01&to=2026-11-30');
  expect(stp.status()).toBe(403);
  await expect(refusal).toContainText((await stp.json()).detail);

  // PDF.
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải sổ (PDF)' }).click()]);
  expect(pdf.suggestedFilename()).toBe('so-theo-doi-ubnd-camthanh-2026-01-01-den-2026-11-30.pdf');
  const pdfBytes = readFileSync((await pdf.path())!);
  expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(page.getByText(/^Đã tải về sổ theo dõi hồ sơ của Ủy ban nhân dân phường Cẩm Thành từ 01\/01\/2026 đến 30\/11\/2026 \(PDF, [\d,.]+ (KB|MB)\)\.$/)).toBeVisible();

  // Excel (XLSX: a zip).
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải sổ (Excel)' }).click()]);
  expect(xlsx.suggestedFilename()).toBe('so-theo-doi-ubnd-camthanh-2026-01-01-den-2026-11-30.xlsx');
  const xlsxBytes = readFileSync((await xlsx.path())!);
  expect(xlsxBytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  expect(xlsxBytes.toString('latin1')).toContain('xl/worksheets/');

  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'register');
  await shot(page, info, '63-register-en-us');
});

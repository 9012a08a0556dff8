import { expect, test, actViaApi, checkA11y, createDossier, doAction, expectState, login, shot } from './helpers';

test('overdue dossiers are highlighted in the queue', async ({ page }, info) => {
  // run.sh fills the database with synthetic dossiers spread over the past year (bench-fill):
  // the open ones are long overdue and sort first (by due time). Overdue is the server's flag.
  await login(page, 'chuyenvien.camthanh');
  await page.getByRole('tab', { name: /Đang xử lý/ }).click();
  const first = page.locator('.queue-table tbody tr').first();
  await expect(first).toHaveClass(/row-overdue/);
  await expect(first.getByText('Quá hạn', { exact: true })).toBeVisible();
  // How far past due, in working time on the province calendar (the server's working_minutes_left).
  await expect(first.locator('.due-left')).toHaveText(/^quá [\d.]+ giờ( \d+ phút)? làm việc$/);
  await expect(page.getByRole('tab', { name: /Đang xử lý/ }).locator('.tab-count')).not.toHaveText('…');
  await shot(page, info, '09-queues-overdue');
  // Keyboard: arrow keys move between the queue tabs.
  await page.getByRole('tab', { name: /Đang xử lý/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: /Bổ sung/ })).toBeFocused();
  await expect(page.getByRole('tab', { name: /Bổ sung/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: /Đang xử lý/ })).toHaveAttribute('aria-selected', 'true');

  // Channel filter: only postal dossiers remain.
  await page.getByLabel('Kênh nộp').selectOption({ label: 'Bưu chính' });
  await expect(page.locator('.queue-table tbody tr td[data-label="Kênh"]').first()).toHaveText('Bưu chính');
  const channels = await page.locator('.queue-table tbody tr td[data-label="Kênh"]').allTextContents();
  expect(new Set(channels)).toEqual(new Set(['Bưu chính']));
  await page.getByRole('button', { name: 'Bỏ lọc' }).click();

  // Cursor pagination.
  const rows = await page.locator('.queue-table tbody tr').count();
  const more = page.getByRole('button', { name: 'Tải thêm' });
  if (await more.isVisible()) {
    await more.click();
    await expect.poll(() => page.locator('.queue-table tbody tr').count()).toBeGreaterThan(rows);
  }
});

test('apology: new appointment with a reason, only once', async ({ page, baseURL }, info) => {
  // 2.000806 Kết hôn có yếu tố nước ngoài: 5 working days, so an apology is still in time.
  const d = await createDossier(baseURL!, 'tiepnhan.camthanh', '2.000806@v1', { name: 'Phạm Thị Dung' });
  await actViaApi(baseURL!, 'chuyenvien.camthanh', d.id, 'start_processing');

  await login(page, 'chuyenvien.camthanh');
  await page.goto(`/staff/ho-so/${d.id}`);
  await expectState(page, 'Đang xử lý');
  const before = (await page.getByTestId('due-at').textContent())!.trim();
  await doAction(page, 'Xin lỗi, hẹn lại ngày trả', async () => {
    const input = page.getByLabel('Ngày giờ hẹn trả kết quả mới');
    await expect(input).not.toHaveValue('');
    await page.getByLabel('Lý do chậm trễ').fill('Cần xác minh thêm giấy tờ với cơ quan có thẩm quyền nước ngoài');
  });
  await expect(page.getByText('Đã ghi nhận văn bản xin lỗi và ngày hẹn mới.')).toBeVisible();
  await expect(page.getByTestId('due-at')).toContainText(`hẹn lần đầu: ${before}`);
  await expect(page.getByRole('link', { name: /Mẫu 04/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Xin lỗi, hẹn lại ngày trả' })).toHaveCount(0);
  await shot(page, info, '10-dossier-apology');
});

test('stale version: another official acted first', async ({ page, baseURL }, info) => {
  const d = await createDossier(baseURL!, 'tiepnhan.camthanh', '1.004884@v1', { name: 'Võ Minh Em' });
  await login(page, 'chuyenvien.camthanh');
  await page.goto(`/staff/ho-so/${d.id}`);
  await expectState(page, 'Được tiếp nhận');
  // Meanwhile the head of office starts processing it.
  await actViaApi(baseURL!, 'truongphong.camthanh', d.id, 'start_processing');
  await doAction(page, 'Bắt đầu xử lý');
  await expect(page.getByText(/Hồ sơ vừa được người khác cập nhật/).first()).toBeVisible();
  await shot(page, info, '11-dossier-stale');
  await page.getByRole('button', { name: 'Tải lại hồ sơ' }).click();
  await expectState(page, 'Đang xử lý');
  await checkA11y(page, info, 'dossier-in-progress');
});

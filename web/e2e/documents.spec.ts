import { expect, test, expectNoHorizontalScroll, checkA11y, createDossier, login, shot } from './helpers';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

test('documents: upload a PDF per component, list it, download it; a fake PDF is refused (415)', async ({ page, baseURL }, info) => {
  const d = await createDossier(baseURL!, 'tiepnhan.camthanh', '1.004884@v1', { name: 'Phạm Thị Dung' });
  await login(page, 'tiepnhan.camthanh');
  await page.goto(`/staff/ho-so/${d.id}`);
  const section = page.getByRole('region', { name: 'Tài liệu đính kèm' });
  await expect(section).toBeVisible();
  await expect(section.getByText('Tờ khai', { exact: true })).toBeVisible();

  // Accepted types are announced to the file chooser.
  const input = section.getByLabel('Chọn tệp cho «Tờ khai»');
  await expect(input).toHaveAttribute('accept', '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png');

  // Upload without choosing a file: a clear message, no request.
  await section.getByRole('button', { name: 'Tải lên tệp cho «Tờ khai»' }).click();
  await expect(section.getByText('Hãy chọn một tệp trước khi tải lên.')).toBeVisible();

  // A real (tiny) PDF.
  await input.setInputFiles({ name: 'tờ-khai-đăng-ký.pdf', mimeType: 'application/pdf', buffer: PDF });
  await section.getByRole('button', { name: 'Tải lên tệp cho «Tờ khai»' }).click();
  await expect(section.getByText('Đã tải lên «tờ-khai-đăng-ký.pdf».')).toBeVisible();
  const link = section.getByRole('link', { name: 'tờ-khai-đăng-ký.pdf' });
  await expect(link).toBeVisible();
  await expect(section.getByText(/PDF, \d+ byte\) — tiepnhan\.camthanh/)).toBeVisible();
  // The link is an attachment served with the session.
  const href = (await link.getAttribute('href'))!;
  expect(href).toMatch(new RegExp(`^/api/v1/dossiers/${d.id}/documents/[0-9a-f-]+$`));
  const res = await page.request.get(href);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('application/pdf');
  expect(res.headers()['content-disposition']).toContain('attachment');
  expect((await res.body()).toString('latin1')).toContain('%PDF-1.4');

  // A text file renamed .pdf: the server recognises the content and says no (415).
  await input.setInputFiles({ name: 'ghi-chu.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Đây không phải là tệp PDF.\n') });
  await section.getByRole('button', { name: 'Tải lên tệp cho «Tờ khai»' }).click();
  const err = section.getByRole('alert');
  await expect(err).toContainText('chỉ nhận tệp PDF, JPEG hoặc PNG');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(input).toBeFocused();
  await expect(section.getByRole('link', { name: 'ghi-chu.pdf' })).toHaveCount(0);

  // A document not tied to a listed component.
  const other = section.getByLabel('Chọn tệp cho «Tài liệu khác»');
  await other.setInputFiles({ name: 'anh-chup.png', mimeType: 'image/png', buffer: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex') });
  await section.getByRole('button', { name: 'Tải lên tệp cho «Tài liệu khác»' }).click();
  await expect(section.getByRole('link', { name: 'anh-chup.png' })).toBeVisible();
  // The history shows the uploads without a reload.
  await expect(page.getByRole('region', { name: 'Quá trình xử lý' }).getByText('Đính kèm tài liệu').first()).toBeVisible();

  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'dossier-documents');
  await section.scrollIntoViewIfNeeded();
  await shot(page, info, '14-dossier-documents');

  // After a reload the list comes from the dossier view, with the history entry.
  await page.reload();
  await expect(page.getByRole('region', { name: 'Tài liệu đính kèm' }).getByRole('link', { name: 'tờ-khai-đăng-ký.pdf' })).toBeVisible();
  await expect(page.getByText('Đính kèm tài liệu').first()).toBeVisible();
});

test('documents: a file over the size limit is stopped before sending', async ({ page, baseURL }) => {
  const d = await createDossier(baseURL!, 'tiepnhan.camthanh', '1.004884@v1', { name: 'Võ Văn Em' });
  await login(page, 'tiepnhan.camthanh');
  await page.goto(`/staff/ho-so/${d.id}`);
  const section = page.getByRole('region', { name: 'Tài liệu đính kèm' });
  const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x20);
  big.write('%PDF-1.4\n');
  let posted = false;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/documents')) posted = true;
  });
  await section.getByLabel('Chọn tệp cho «Tờ khai»').setInputFiles({ name: 'ban-quet-lon.pdf', mimeType: 'application/pdf', buffer: big });
  await expect(section.getByText(/vượt quá giới hạn 20 MB/)).toBeVisible();
  await section.getByRole('button', { name: 'Tải lên tệp cho «Tờ khai»' }).click();
  await expect(section.getByText(/vượt quá giới hạn 20 MB/)).toBeVisible();
  expect(posted).toBe(false);
});

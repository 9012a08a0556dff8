import { deflateSync } from 'node:zlib';
import { expect, test, apiAs, checkA11y, createDossier, expectNoHorizontalScroll, login, shot } from './helpers';

// Preview of attached files in the dossier page: images in an <img>, PDFs in an <iframe>, both
// from the download address with ?inline=1 (served inline, sandboxed, nosniff), in a modal
// dialog that keeps the focus, closes with Escape and gives the focus back.

/** A one-page PDF with a line of text. */
function pdf(text: string): Buffer {
  const content = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** A w×h RGB PNG: two colour bands, so it is visibly an image. */
function png(w: number, h: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    const row = y * (w * 3 + 1);
    for (let x = 0; x < w; x++) {
      const p = row + 1 + x * 3;
      const top = y < h / 2;
      raw[p] = top ? 0xa3 : 0x0b;
      raw[p + 1] = top ? 0x15 : 0x5c;
      raw[p + 2] = top ? 0x15 : 0xad;
    }
  }
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

test('documents: preview an image and a PDF in the page, keyboard only', async ({ page, baseURL }, info) => {
  const d = await createDossier(baseURL!, 'tiepnhan.camthanh', '1.004884@v1', { name: 'Trương Thị Mai' });
  const { ctx, csrf } = await apiAs(baseURL!, 'tiepnhan.camthanh');
  for (const [name, type, body] of [
    ['ảnh-giấy-chứng-sinh.png', 'image/png', png(240, 160)],
    ['tờ-khai.pdf', 'application/pdf', pdf('To khai dang ky lai khai sinh')],
  ] as const) {
    const q = new URLSearchParams({ name, component: 'Tờ khai' });
    const res = await ctx.post(`/api/v1/dossiers/${d.id}/documents?${q}`, { headers: { 'X-CSRF-Token': csrf, 'Content-Type': type }, data: body });
    expect(res.status(), await res.text()).toBe(201);
  }
  await ctx.dispose();

  await login(page, 'tiepnhan.camthanh');
  await page.goto(`/staff/ho-so/${d.id}`);
  const section = page.getByRole('region', { name: 'Tài liệu đính kèm' });

  // --- Image.
  const imgButton = section.getByRole('button', { name: 'Xem trước ảnh-giấy-chứng-sinh.png' });
  await imgButton.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Xem trước: ảnh-giấy-chứng-sinh.png' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Đóng xem trước' })).toBeFocused();
  const img = dialog.getByRole('img', { name: 'Ảnh ảnh-giấy-chứng-sinh.png' });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(240);
  expect(await img.getAttribute('src')).toMatch(new RegExp(`^/api/v1/dossiers/${d.id}/documents/[0-9a-f-]+\\?inline=1$`));
  // Focus stays in the dialog: Tab goes round its controls (close, open in a new tab, download).
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Shift+Tab');
  expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  const newTab = dialog.getByRole('link', { name: /Mở trong thẻ mới/ });
  await expect(newTab).toHaveAttribute('target', '_blank');
  await expect(newTab).toHaveAttribute('href', /\?inline=1$/);
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'document-preview-image');
  await shot(page, info, '36-document-preview-image', false);
  // Escape closes and gives the focus back to the button.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(imgButton).toBeFocused();

  // --- PDF, in the browser's viewer inside the dialog.
  const inlineResponse = page.waitForResponse((r) => r.url().includes('/documents/') && r.url().endsWith('?inline=1') && r.request().resourceType() !== 'image');
  await section.getByRole('button', { name: 'Xem trước tờ-khai.pdf' }).click();
  const pdfDialog = page.getByRole('dialog', { name: 'Xem trước: tờ-khai.pdf' });
  await expect(pdfDialog).toBeVisible();
  const frame = pdfDialog.locator('iframe');
  await expect(frame).toHaveAttribute('title', 'Nội dung tệp tờ-khai.pdf');
  const res = await inlineResponse;
  expect(res.status()).toBe(200);
  const h = await res.allHeaders(); // headers() leaves out security headers such as the CSP
  expect(h['content-type']).toBe('application/pdf');
  expect(h['content-disposition']).toMatch(/^inline;/);
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['content-security-policy']).toContain('sandbox');
  expect(h['content-security-policy']).toContain("frame-ancestors 'self'");
  // The viewer loaded the file in the frame (no "blocked" page).
  await expect.poll(() => page.frames().some((f) => f.url().endsWith('?inline=1'))).toBe(true);
  await page.waitForTimeout(1000); // let the viewer paint for the screenshot
  await expectNoHorizontalScroll(page);
  await shot(page, info, '37-document-preview-pdf', false);
  await pdfDialog.getByRole('button', { name: 'Đóng xem trước' }).click();
  await expect(pdfDialog).toHaveCount(0);
  await expect(section.getByRole('button', { name: 'Xem trước tờ-khai.pdf' })).toBeFocused();

  // The plain link still downloads (attachment).
  const dl = await page.request.get((await section.getByRole('link', { name: 'tờ-khai.pdf' }).getAttribute('href'))!);
  expect(dl.headers()['content-disposition']).toMatch(/^attachment;/);
});

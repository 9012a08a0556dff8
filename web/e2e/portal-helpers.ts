// Helpers of the citizen portal's journeys.
import type { Page } from '@playwright/test';
import { expect, personalId } from './helpers';

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

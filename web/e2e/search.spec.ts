import { expect, test, actViaApi, checkA11y, createDossier, login, shot } from './helpers';

test('search answers across every queue and says where the matches are', async ({ page, baseURL }, info) => {
  // Two dossiers of one applicant: one waiting for the specialist, one whose supplement is asked for.
  // Desktop and phone runs share one server: each its own applicant.
  const [suffix, folded] = info.project.name === 'mobile' ? ['Di Động', 'di dong'] : ['Máy Bàn', 'may ban'];
  const name = `Phạm Thị Tìm Kiếm ${suffix}`;
  const query = `pham thi tim kiem ${folded}`;
  const a = await createDossier(baseURL!, 'tiepnhan.camthanh', '1.004884@v1', { name });
  const b = await createDossier(baseURL!, 'tiepnhan.camthanh', '1.004884@v1', { name });
  await actViaApi(baseURL!, 'chuyenvien.camthanh', b.id, 'start_processing');
  await actViaApi(baseURL!, 'chuyenvien.camthanh', b.id, 'request_supplement', { items: ['Giấy xác nhận cư trú'] });

  await login(page, 'chuyenvien.camthanh');
  // The tabs are the server's list for this reader.
  await expect(page.getByRole('tab')).toHaveText([/Đang xử lý/, /Bổ sung/, /Chờ cho ý kiến/, /Tất cả/]);
  // From the first tab, a search by name without diacritics finds both, and says where each is.
  await page.getByLabel('Tìm kiếm').fill(query);
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  await expect(page.getByTestId('search-scope')).toHaveText(
    `Kết quả tìm «${query}» trong mọi hàng đợi của bạn: 1 ở «Đang xử lý», 1 ở «Bổ sung».`,
  );
  const rowA = page.getByRole('row').filter({ has: page.getByRole('link', { name: a.code }) });
  const rowB = page.getByRole('row').filter({ has: page.getByRole('link', { name: b.code }) });
  await expect(rowA.getByText('Đang xử lý', { exact: true }).last()).toBeVisible();
  await expect(rowB.getByText('Bổ sung', { exact: true })).toBeVisible();
  await checkA11y(page, info, 'search-across-queues');
  await shot(page, info, '20-search-across-queues');

  // A code typed in lower case with spaces around finds the one dossier.
  await page.getByLabel('Tìm kiếm').fill(`  ${b.code.toLowerCase()} `);
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  await expect(page.getByTestId('search-scope')).toHaveText(
    `Kết quả tìm «${b.code.toLowerCase()}» trong mọi hàng đợi của bạn: 1 ở «Bổ sung».`,
  );
  await expect(page.getByRole('link', { name: b.code })).toBeVisible();
  await expect(page.getByRole('link', { name: a.code })).toHaveCount(0);
});

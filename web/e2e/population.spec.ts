// «Tra cứu CSDL quốc gia về dân cư» (tools/sim/dancu, started by e2e/run.sh): a citizen logged in
// through VNeID files online with the form filled from the national population database and
// without the identity paper it replaces; an officer at the counter does the same for the citizen
// in front of them (consent refused by the server until ticked); the database failing shows its
// message and the form stays usable by hand. Desktop and 360 px, axe, screenshots.
import type { Page } from '@playwright/test';
import { apiAs, checkA11y, expect, expectNoHorizontalScroll, login, personalId, shot, test } from './helpers';

const DANCU = process.env.DANCU_SIM_URL;
test.skip(!DANCU, 'the population database simulator is not running (e2e/run.sh starts it)');

// Their identity paper is replaceable_by csdl_dan_cu: online, a copy of a civil status extract
// (its own e-form); at the counter, the certification of a signature.
const ONLINE_PROC = '2.000635@v1';
const IDENTITY = /^Giấy tờ tùy thân còn giá trị sử dụng/;
const ADDRESS = 'Thôn Phú Lộc, xã Tịnh Ấn Tây, tỉnh Quảng Ngãi';

async function sim(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${DANCU}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}

/** A person the database holds (born 15/03/1990, a man: as personalId's numbers say). */
async function person(ho: string, chuDem: string, ten: string): Promise<{ pid: string; name: string }> {
  const pid = personalId();
  await sim('/_sim/people', [{ id_number: pid, ho, chu_dem: chuDem, ten, birth: '19900315', gender: '1', ethnicity: '01', permanent: ADDRESS }]);
  return { pid, name: `${ho} ${chuDem} ${ten}` };
}

async function vneidLogin(page: Page, pid: string, name: string): Promise<void> {
  await page.goto('/dang-nhap');
  await page.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).click();
  await expect(page.getByText('MÔ PHỎNG VNeID').first()).toBeVisible();
  await page.getByLabel('Số định danh cá nhân (12 chữ số)').fill(pid);
  await page.getByLabel('Họ và tên').fill(name);
  await page.getByLabel('Mức định danh').selectOption('2');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
}

test('a citizen logged in through VNeID files with data from the population database', async ({ page }, info) => {
  test.skip(!process.env.VNEID_SIM_URL, 'the VNeID simulator is not running');
  const { pid, name } = await person('Hoàng', 'Văn', 'Nam');
  await vneidLogin(page, pid, name);
  await page.goto(`/thu-tuc/${ONLINE_PROC}`);
  await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
  const box = page.getByRole('region', { name: 'Tra cứu Cơ sở dữ liệu quốc gia về dân cư' });
  await expect(box).toBeVisible();
  const files = page.getByRole('region', { name: 'Thành phần hồ sơ' });
  // Before the lookup the identity paper is still asked.
  await expect(files.getByLabel(/Chọn tệp cho «Giấy tờ tùy thân/)).toBeVisible();

  // Without the consent the server refuses, and says why beside the box.
  await box.getByLabel('Ngày sinh (để tra cứu)').fill('15/03/1990');
  await box.getByRole('button', { name: 'Tra cứu CSDL quốc gia về dân cư' }).click();
  await expect(box.getByText('Bạn cần đồng ý cho hệ thống khai thác thông tin của mình')).toBeVisible();
  const consent = box.getByLabel(/Tôi đồng ý cho cơ quan khai thác thông tin của tôi/);
  await expect(consent).toBeFocused();
  await consent.check();
  await box.getByRole('button', { name: 'Tra cứu CSDL quốc gia về dân cư' }).click();

  // Filled as the server said, announced, and the paper no longer asked.
  await expect(box.getByTestId('population-status')).toContainText(`Đã lấy thông tin của ${name}`);
  await expect(box.getByTestId('population-status')).toContainText('Không cần nộp');
  const req = page.getByRole('group', { name: 'Người yêu cầu' });
  await expect(req.getByLabel('Họ, chữ đệm và tên')).toHaveValue(name);
  await expect(req.getByLabel('Số định danh cá nhân')).toHaveValue(pid);
  const addr = page.getByRole('group', { name: 'Nơi cư trú của người yêu cầu' });
  await expect(addr.getByLabel('Số nhà, đường, thôn, tổ')).toHaveValue(ADDRESS);
  await expect(files.getByText(/Không cần nộp «Giấy tờ tùy thân.*Cơ sở dữ liệu quốc gia về dân cư/)).toBeVisible();
  await expect(files.getByLabel(/Chọn tệp cho «Giấy tờ tùy thân/)).toHaveCount(0);
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'population-portal-filled');
  await shot(page, info, 'population-portal-filled');

  // The rest by hand, then filed.
  await req.getByLabel('Số điện thoại').fill('0905123456');
  await req.getByLabel('Quan hệ với người được cấp bản sao').selectOption({ label: 'Bản thân' });
  await addr.getByRole('combobox', { name: 'Xã, phường, đặc khu' }).fill('cam thanh');
  await page.getByRole('option', { name: /Phường Cẩm Thành/ }).first().click();
  await page.getByLabel('Loại việc hộ tịch').selectOption({ label: 'Khai sinh' });
  const subject = page.getByRole('group', { name: 'Người được cấp bản sao trích lục' });
  await subject.getByLabel('Họ, chữ đệm, tên').fill(name);
  await subject.getByLabel('Ngày, tháng, năm sinh').fill('15/03/1990');
  await page.getByLabel('Cơ quan đã đăng ký').fill('UBND xã Tịnh Ấn Tây');
  await page.getByLabel('Số lượng bản sao').fill('1');
  await page.getByLabel(/Tôi cam đoan những nội dung khai trên đây là đúng sự thật/).check();
  await expect(page.getByTestId('save-status')).toContainText('Đã lưu trên máy này và trên máy chủ.', { timeout: 15_000 });
  await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Đã nộp hồ sơ' })).toBeVisible({ timeout: 20_000 });
  const code = (await page.getByTestId('dossier-code').textContent())!.trim();
  await shot(page, info, 'population-portal-filed');

  // The dossier took the paper from the database (history, component source).
  const mine = (await (await page.request.get('/api/v1/me/dossiers')).json()).items as { id: string; code: string }[];
  const id = mine.find((x) => x.code === code)!.id;
  const d = await (await page.request.get(`/api/v1/me/dossiers/${id}`)).json();
  expect(d.history.map((h: { label: string }) => h.label)).toContain(
    'Thông tin của bạn được lấy từ Cơ sở dữ liệu quốc gia về dân cư (không phải nộp giấy tờ)',
  );
});

async function counterForm(page: Page): Promise<void> {
  await login(page, 'tiepnhan.camthanh');
  await page.getByRole('link', { name: 'Tiếp nhận hồ sơ' }).click();
  await expect(page.getByRole('heading', { name: 'Tiếp nhận hồ sơ', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Xóa và nhập lại' }).click();
  await page.getByLabel('Tìm thủ tục theo tên hoặc mã').fill('chung thuc chu ky');
  await page.getByRole('button', { name: /^Chứng thực chữ ký trong các giấy tờ/ }).first().click();
  await expect(page.getByText('Thời hạn giải quyết:')).toBeVisible();
  await expect(page.locator('.checklist')).toBeVisible();
}

test('an official at the counter fills the applicant from the population database', async ({ page, baseURL }, info) => {
  const { pid, name } = await person('Phan', 'Thị', 'Thu');
  await counterForm(page);
  await page.getByLabel('Họ và tên').fill('phan thi thu'); // as said aloud, without diacritics
  await page.getByLabel('Số định danh cá nhân').fill(pid);
  const box = page.getByRole('region', { name: 'Tra cứu Cơ sở dữ liệu quốc gia về dân cư' });
  await box.getByLabel('Ngày sinh (để tra cứu)').fill('15/03/1990');
  await box.getByRole('button', { name: 'Tra cứu CSDL quốc gia về dân cư' }).click();
  await expect(box.getByText('Cần công dân đồng ý cho khai thác thông tin')).toBeVisible();
  await box.getByLabel(/Công dân đồng ý cho cơ quan khai thác/).check();
  // Keyboard: Enter in the lookup's field looks up (the dossier is not sent).
  await box.getByLabel('Ngày sinh (để tra cứu)').press('Enter');
  await expect(box.getByTestId('population-status')).toContainText(`Đã lấy thông tin của ${name}`);
  await expect(page.getByLabel('Họ và tên')).toHaveValue(name);
  await expect(page.getByLabel('Địa chỉ', { exact: true })).toHaveValue(ADDRESS);
  const paper = page.locator('.check-item').filter({ hasText: IDENTITY });
  await expect(paper.getByText(/Không cần nộp: đã lấy từ Cơ sở dữ liệu quốc gia về dân cư/)).toBeVisible();
  await expect(paper.getByRole('checkbox')).toBeChecked();
  await expect(paper.getByRole('checkbox')).toBeDisabled();
  await expectNoHorizontalScroll(page);
  await checkA11y(page, info, 'population-counter-filled');
  await shot(page, info, 'population-counter-filled');

  // Another procedure, and back: the lookup is of the person, so the applicant it filled and the
  // lookup itself stay; only what it says of the procedure's components is redone.
  const pickProcedure = async (q: string, option: RegExp) => {
    await page.getByRole('button', { name: 'Chọn thủ tục khác' }).click();
    await page.getByLabel('Tìm thủ tục theo tên hoặc mã').fill(q);
    await page.getByRole('button', { name: option }).first().click();
    await expect(page.locator('.checklist')).toBeVisible();
  };
  await pickProcedure('1.001193', /^Đăng ký khai sinh 1\.001193/);
  await expect(page.getByLabel('Họ và tên')).toHaveValue(name);
  await expect(page.getByLabel('Số định danh cá nhân')).toHaveValue(pid);
  await expect(page.getByLabel('Địa chỉ', { exact: true })).toHaveValue(ADDRESS);
  await expect(box.getByText(`Đang dùng thông tin của ${name}`)).toBeVisible();
  await expect(page.locator('.selected-proc')).toContainText('Đăng ký khai sinh');
  await pickProcedure('chung thuc chu ky', /^Chứng thực chữ ký trong các giấy tờ/);
  await expect(page.getByLabel('Họ và tên')).toHaveValue(name);
  await expect(box.getByText(`Đang dùng thông tin của ${name}`)).toBeVisible();
  await expect(paper.getByText(/Không cần nộp: đã lấy từ Cơ sở dữ liệu quốc gia về dân cư/)).toBeVisible();
  await expect(paper.getByRole('checkbox')).toBeChecked();

  const boxes = page.locator('.checklist input[type=checkbox]:not([disabled])');
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check();
  await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ', level: 1 })).toBeVisible();
  await expect(page.locator('.result-card dd').filter({ hasText: name })).toBeVisible();
  await shot(page, info, 'population-counter-received');
  const href = (await page.getByRole('link', { name: 'Xem hồ sơ' }).getAttribute('href'))!;
  const { ctx } = await apiAs(baseURL!, 'tiepnhan.camthanh');
  const d = await (await ctx.get(`/api/v1/dossiers/${href.split('/').pop()}`)).json();
  const comp = (d.details.components as { name: string; source?: string }[]).find((c) => IDENTITY.test(c.name))!;
  expect(comp.source).toBe('csdl_dan_cu');
  await ctx.dispose();
});

test('the population database failing: its message, and the form still usable by hand', async ({ page }, info) => {
  const { pid, name } = await person('Võ', 'Minh', 'Tâm');
  await counterForm(page);
  await page.getByLabel('Họ và tên').fill(name);
  await page.getByLabel('Số định danh cá nhân').fill(pid);
  await sim('/_sim/control', { mode: 'fail', count: 1 });
  const box = page.getByRole('region', { name: 'Tra cứu Cơ sở dữ liệu quốc gia về dân cư' });
  await box.getByLabel('Ngày sinh (để tra cứu)').fill('15/03/1990');
  await box.getByLabel(/Công dân đồng ý cho cơ quan khai thác/).check();
  await box.getByRole('button', { name: 'Tra cứu CSDL quốc gia về dân cư' }).click();
  const alert = box.getByRole('alert');
  await expect(alert).toContainText('Chưa lấy được thông tin từ Cơ sở dữ liệu quốc gia về dân cư');
  await expect(alert).toContainText('Vẫn tiếp nhận được hồ sơ');
  await expect(alert).toContainText('Biểu mẫu vẫn dùng được');
  await checkA11y(page, info, 'population-counter-failed');
  await shot(page, info, 'population-counter-failed');

  // Typed by hand, the identity paper handed in: received.
  await page.getByLabel('Địa chỉ', { exact: true }).fill('Tổ 5, phường Cẩm Thành');
  const boxes = page.locator('.checklist input[type=checkbox]');
  await expect(boxes.first()).toBeEnabled();
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check();
  await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ', level: 1 })).toBeVisible();
});

// Client-side checks mirroring the server's (src/domain/org/identity.cc), so the officer
// sees a mistake before sending. The server checks again.

/** The 63 birth-registration province codes (Thông tư 07/2016/TT-BCA). */
const PROVINCES = new Set(
  (
    '001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 ' +
    '036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 ' +
    '074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096'
  ).split(' '),
);

/** Personal identification number (số định danh cá nhân): null if valid, else a Vietnamese message. */
export function checkPersonalId(id: string, currentYear = new Date().getFullYear()): string | null {
  if (!/^[0-9]{12}$/.test(id)) return 'Số định danh cá nhân phải gồm đúng 12 chữ số.';
  const province = id.slice(0, 3);
  if (!PROVINCES.has(province))
    return `Mã tỉnh «${province}» (3 chữ số đầu) không phải mã tỉnh nơi đăng ký khai sinh hợp lệ.`;
  const sc = Number(id[3]);
  const year = 1900 + Math.floor(sc / 2) * 100 + Number(id.slice(4, 6));
  if (year > currentYear) return `Năm sinh ${year} (chữ số thứ 4 đến 6) lớn hơn năm hiện tại.`;
  return null;
}

/** Tax code (mã số thuế): 10 digits or 10-3 digits with a valid check digit. */
export function checkTaxCode(code: string): string | null {
  const m = /^([0-9]{10})(?:-([0-9]{3}))?$/.exec(code);
  if (!m) return 'Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số (đơn vị phụ thuộc).';
  if (m[2] === '000') return 'Ba chữ số cuối của mã số thuế đơn vị phụ thuộc phải từ 001 đến 999.';
  const w = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(m[1][i]) * w[i];
  const check = 10 - (sum % 11);
  if (check > 9 || Number(m[1][9]) !== check) return 'Mã số thuế không đúng (sai chữ số kiểm tra).';
  return null;
}

export function checkPhone(phone: string): string | null {
  if (phone === '') return null;
  return /^[0-9]{9,12}$/.test(phone) ? null : 'Số điện thoại gồm 9 đến 12 chữ số, không có dấu cách.';
}

/** Lower-case, strip diacritics (đ → d) for client-side matching. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

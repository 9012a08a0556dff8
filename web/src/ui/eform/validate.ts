// The e-form validator of the browser: the same rules and messages as the server's
// (src/domain/eform/validate.cc). tests/eform/cases.json is run by both (validate.test.mjs here,
// validate_test.cc there). No dependencies. Run normalizeData() on what the user typed first
// (the server stores text in NFC and checks after normalising).
import type { Field, FieldError, Schema } from './schema';

export const DEFAULT_MAX_LENGTH = 500;
export const DEFAULT_MAX_ITEMS = 20;
export const ADDRESS_LINE_MAX = 300;

export const MESSAGES = {
  notObject: 'Phải là một nhóm thông tin.',
  notList: 'Phải là một danh sách.',
  unknown: 'Trường này không có trong biểu mẫu.',
  required: 'Thông tin bắt buộc.',
  confirm: 'Cần xác nhận mục này.',
  notText: 'Phải là văn bản.',
  control: 'Có ký tự điều khiển hoặc ký tự ẩn không được phép.',
  notNumber: 'Phải là một số.',
  notInteger: 'Phải là số nguyên.',
  dateFormat: 'Ngày phải theo dạng năm-tháng-ngày (YYYY-MM-DD).',
  dateReal: 'Ngày không có thật.',
  afterToday: 'Ngày không được sau hôm nay.',
  beforeToday: 'Ngày không được trước hôm nay.',
  choice: 'Lựa chọn không có trong danh sách.',
  boolean: 'Phải là có hoặc không.',
  phone: 'Số điện thoại gồm 9 đến 12 chữ số, không có dấu cách.',
  email: 'Địa chỉ thư điện tử không hợp lệ.',
  unitId: 'Mã đơn vị hành chính không hợp lệ.',
  unit: 'Chọn xã, phường, đặc khu.',
  tooLong: (n: number) => `Tối đa ${n} ký tự.`,
  below: (n: number) => `Không được nhỏ hơn ${n}.`,
  above: (n: number) => `Không được lớn hơn ${n}.`,
  few: (n: number) => `Cần ít nhất ${n} mục.`,
  many: (n: number) => `Tối đa ${n} mục.`,
  dateBefore: (d: string) => `Ngày không được trước ${vnDate(d)}.`,
  dateAfter: (d: string) => `Ngày không được sau ${vnDate(d)}.`,
};

/** The 63 birth-registration province codes (Thông tư 07/2016/TT-BCA), as domain/org/identity.cc. */
const PROVINCES = new Set(
  (
    '001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 ' +
    '036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 ' +
    '074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096'
  ).split(' '),
);

/** The server's org::check_personal_id, word for word (with a full stop). */
export function personalIdProblem(id: string, currentYear: number): string | null {
  if (!/^[0-9]{12}$/.test(id)) return 'Số định danh cá nhân phải gồm đúng 12 chữ số.';
  const province = id.slice(0, 3);
  if (!PROVINCES.has(province))
    return `Mã tỉnh nơi đăng ký khai sinh «${province}» (3 chữ số đầu của số định danh cá nhân) không hợp lệ.`;
  const sc = Number(id[3]);
  const year = 1900 + Math.floor(sc / 2) * 100 + Number(id.slice(4, 6));
  if (year > currentYear)
    return `Năm sinh ${year} mã hoá trong số định danh cá nhân (chữ số thứ 4 đến 6) lớn hơn năm hiện tại.`;
  return null;
}

function vnDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function has(o: Record<string, unknown>, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

function get(o: Record<string, unknown>, k: string): unknown {
  return has(o, k) ? o[k] : undefined;
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/** Whether a field is shown, given the values of its group (its siblings). */
export function isShown(f: Field, siblings: Record<string, unknown>): boolean {
  if (!f.when) return true;
  const v = get(siblings, f.when.field);
  if (v === undefined) return false;
  const values = f.when.in ?? (f.when.equals !== undefined ? [f.when.equals] : []);
  return values.some((w) => w === v);
}

function isInvisible(cp: number): boolean {
  return (
    cp === 0x061c ||
    cp === 0x200e ||
    cp === 0x200f ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    (cp >= 0x200b && cp <= 0x200d) ||
    cp === 0x2060 ||
    cp === 0xfeff ||
    (cp >= 0x80 && cp <= 0x9f)
  );
}

function textProblem(s: string, multiline: boolean, max: number): string | null {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    // A lone surrogate cannot be sent as UTF-8: the server's parser refuses it.
    if (cp >= 0xd800 && cp <= 0xdfff) return MESSAGES.control;
    const ws = cp === 0x09 || (multiline && cp === 0x0a);
    if ((cp < 0x20 && !ws) || cp === 0x7f || isInvisible(cp)) return MESSAGES.control;
    n++;
  }
  return n > max ? MESSAGES.tooLong(max) : null;
}

function isEmail(s: string): boolean {
  return s.length <= 254 && /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(s);
}

function isUnitId(s: string): boolean {
  return /^[A-Za-z0-9_@.-]{1,50}$/.test(s);
}

function dayNumber(iso: string): number | null {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return null;
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.round(t / 86_400_000);
}

class Checker {
  errors: FieldError[] = [];
  constructor(
    private today: string,
    private partial: boolean,
  ) {}

  fail(field: string, detail: string) {
    this.errors.push({ field, detail });
  }

  /** A value still missing: a problem only in a form to submit. */
  missing(field: string, detail: string) {
    if (!this.partial) this.fail(field, detail);
  }

  bound(b: string | undefined): string | null {
    if (!b) return null;
    return b === 'today' ? this.today : b;
  }

  group(fields: Field[], v: unknown, path: string) {
    if (!isObject(v)) {
      this.fail(path, MESSAGES.notObject);
      return;
    }
    for (const f of fields) {
      if (!isShown(f, v)) continue;
      this.field(f, get(v, f.name), join(path, f.name));
    }
    for (const k of Object.keys(v)) {
      if (!fields.some((f) => f.name === k)) this.fail(join(path, k), MESSAGES.unknown);
    }
  }

  field(f: Field, v: unknown, path: string) {
    if (f.type === 'group' && f.repeat) {
      const minItems = f.min_items ?? 0;
      const maxItems = f.max_items ?? DEFAULT_MAX_ITEMS;
      if (v === undefined || v === null) {
        if (minItems > 0) this.missing(path, MESSAGES.few(minItems));
        else if (f.required) this.missing(path, MESSAGES.required);
        return;
      }
      if (!Array.isArray(v)) return this.fail(path, MESSAGES.notList);
      if (v.length === 0 && f.required && minItems === 0) return this.missing(path, MESSAGES.required);
      if (v.length < minItems) return this.missing(path, MESSAGES.few(minItems));
      if (v.length > maxItems) return this.fail(path, MESSAGES.many(maxItems));
      v.forEach((item, i) => this.group(f.fields ?? [], item, `${path}[${i}]`));
      return;
    }
    if (f.type === 'group') {
      if (v === undefined || v === null) {
        if (f.required) this.missing(path, MESSAGES.required);
        return;
      }
      return this.group(f.fields ?? [], v, path);
    }
    if (f.type === 'boolean') {
      if (v === undefined || v === null) {
        if (f.required) this.missing(path, MESSAGES.confirm);
        return;
      }
      if (typeof v !== 'boolean') return this.fail(path, MESSAGES.boolean);
      if (f.required && !v) this.missing(path, MESSAGES.confirm);
      return;
    }
    if (f.type === 'address') {
      if (v === undefined || v === null) {
        if (f.required) this.missing(path, MESSAGES.required);
        return;
      }
      return this.address(v, path);
    }
    if (isEmpty(v)) {
      if (f.required) this.missing(path, MESSAGES.required);
      return;
    }
    if (f.type === 'number') {
      if (typeof v !== 'number' || !Number.isFinite(v)) return this.fail(path, MESSAGES.notNumber);
      if (f.integer && !Number.isInteger(v)) return this.fail(path, MESSAGES.notInteger);
      if (f.min !== undefined && v < f.min) this.fail(path, MESSAGES.below(f.min));
      else if (f.max !== undefined && v > f.max) this.fail(path, MESSAGES.above(f.max));
      return;
    }
    if (typeof v !== 'string') return this.fail(path, MESSAGES.notText);
    switch (f.type) {
      case 'text': {
        const p = textProblem(v, !!f.multiline, f.max_length ?? DEFAULT_MAX_LENGTH);
        if (p) this.fail(path, p);
        return;
      }
      case 'date': {
        if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(v)) return this.fail(path, MESSAGES.dateFormat);
        const d = dayNumber(v);
        if (d === null) return this.fail(path, MESSAGES.dateReal);
        const lo = this.bound(f.min_date);
        const hi = this.bound(f.max_date);
        if (lo !== null && d < dayNumber(lo)!)
          this.fail(path, f.min_date === 'today' ? MESSAGES.beforeToday : MESSAGES.dateBefore(lo));
        else if (hi !== null && d > dayNumber(hi)!)
          this.fail(path, f.max_date === 'today' ? MESSAGES.afterToday : MESSAGES.dateAfter(hi));
        return;
      }
      case 'choice':
        if (!(f.options ?? []).some((o) => o.value === v)) this.fail(path, MESSAGES.choice);
        return;
      case 'personal_id': {
        const p = personalIdProblem(v, Number(this.today.slice(0, 4)));
        if (p) this.fail(path, p);
        return;
      }
      case 'phone':
        if (!/^[0-9]{9,12}$/.test(v)) this.fail(path, MESSAGES.phone);
        return;
      case 'email':
        if (!isEmail(v)) this.fail(path, MESSAGES.email);
        return;
      default:
        return;
    }
  }

  address(v: unknown, path: string) {
    if (!isObject(v)) return this.fail(path, MESSAGES.notObject);
    const line = get(v, 'line');
    if (isEmpty(line)) this.missing(`${path}.line`, MESSAGES.required);
    else if (typeof line !== 'string') this.fail(`${path}.line`, MESSAGES.notText);
    else {
      const p = textProblem(line, false, ADDRESS_LINE_MAX);
      if (p) this.fail(`${path}.line`, p);
    }
    let any = false;
    for (const key of ['unit_id', 'former_unit_id']) {
      const u = get(v, key);
      if (isEmpty(u)) continue;
      if (typeof u !== 'string' || !isUnitId(u)) this.fail(`${path}.${key}`, MESSAGES.unitId);
      any = true;
    }
    if (!any) this.missing(`${path}.unit_id`, MESSAGES.unit);
    for (const k of Object.keys(v)) {
      if (k !== 'line' && k !== 'unit_id' && k !== 'former_unit_id') this.fail(`${path}.${k}`, MESSAGES.unknown);
    }
  }
}

function join(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}

/** Today in Việt Nam (UTC+7), YYYY-MM-DD: the day "today" in a schema means. */
export function todayVn(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Every problem of `data`, in schema order, then unknown keys; [] when valid. `today`: YYYY-MM-DD
 * (todayVn() by default). The server answers 422 with the same `errors[]` on submit (paths as
 * here) and on a draft save (paths under `data.`, mode 'partial': missing values allowed).
 */
export function validate(
  schema: Schema,
  data: unknown,
  today: string = todayVn(),
  mode: 'full' | 'partial' = 'full',
): FieldError[] {
  const c = new Checker(today, mode === 'partial');
  c.group(schema.fields, data, '');
  return c.errors;
}

/** NFC-normalises every string (what the server does before it validates). */
export function normalizeData<T>(v: T): T {
  if (typeof v === 'string') return v.normalize('NFC') as T;
  if (Array.isArray(v)) return v.map((x) => normalizeData(x)) as T;
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = normalizeData(v[k]);
    return out as T;
  }
  return v;
}

/** The errors of one field path (to show beside it), e.g. errorsAt(errors, 'children[1].name'). */
export function errorsAt(errors: FieldError[], path: string): string[] {
  return errors.filter((e) => e.field === path).map((e) => e.detail);
}

// Display helpers. All instants are shown in Asia/Ho_Chi_Minh whatever the browser's zone, and
// always as dd/mm/yyyy and HH:mm on 24 hours whatever its language: the text is assembled from
// the numeric parts, never left to the locale's pattern (hourCycle h23: never "24:05", no AM/PM).
import type { TimeLimit, Timeliness } from './types';

const TZ = 'Asia/Ho_Chi_Minh';
const dateTimeFmt = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TZ,
  hour: '2-digit',
  minute: '2-digit',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hourCycle: 'h23',
});

function parts(d: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of dateTimeFmt.formatToParts(d)) out[p.type] = p.value;
  if (out.hour === '24') out.hour = '00'; // engines that ignore hourCycle
  return out;
}

/** "17:00 03/12/2026", or "—" when unset. */
export function fmtDateTime(v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return String(v);
  const p = parts(d);
  return `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}`;
}

/** "03/12/2026" (a bare "2026-12-03" is that day, not an instant), or "—" when unset. */
export function fmtDate(v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  }
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return String(v);
  const p = parts(d);
  return `${p.day}/${p.month}/${p.year}`;
}

/** Việt Nam wall-clock value, "2026-12-10T17:00" (what DateTimeInput takes and gives). */
export function toLocalInput(v: string | number | Date): string {
  const p = parts(new Date(v));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** "2026-12-10T17:00" (Vietnam wall clock) → RFC 3339 with +07:00. */
export function fromLocalInput(v: string): string {
  return `${v.length === 16 ? `${v}:00` : v}+07:00`;
}

export function fmtVnd(amount: number): string {
  return `${new Intl.NumberFormat('vi-VN').format(amount)} đồng`;
}

/** A per-page fee as published (the catalogue's tiers, not a computation): "2.000 đồng/trang; từ trang thứ 3: 1.000 đồng/trang; tối đa 200.000 đồng/bản". */
export function fmtPerPage(f: { amount_vnd: number; tiers?: { from_page: number; amount_vnd: number }[]; cap_per_copy_vnd?: number | null }): string {
  const parts = [`${fmtVnd(f.amount_vnd)}/trang`];
  for (const t of f.tiers ?? []) parts.push(`từ trang thứ ${t.from_page}: ${fmtVnd(t.amount_vnd)}/trang`);
  if (f.cap_per_copy_vnd != null) parts.push(`tối đa ${fmtVnd(f.cap_per_copy_vnd)}/bản`);
  return parts.join('; ');
}

export const CHANNEL_LABEL: Record<number, string> = { 1: 'Trực tiếp', 2: 'Trực tuyến', 3: 'Bưu chính' };

/** Filing for someone else (nộp thay): the right declared (domain/dossier/on_behalf.h). */
export const ON_BEHALF_LABEL: Record<string, string> = {
  authorised: 'Người được ủy quyền',
  guardian: 'Cha, mẹ hoặc người giám hộ',
  legal_representative: 'Người đại diện theo pháp luật của tổ chức',
};

export const TIMELINESS_LABEL: Record<string, string> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
};

export function timelinessLabel(t: Timeliness): string {
  return t ? TIMELINESS_LABEL[t] ?? t : '';
}

export function timeLimitLabel(t: TimeLimit): string {
  switch (t.unit) {
    case 'working_days':
      return `${t.amount} ngày làm việc`;
    case 'working_hours':
      return `${t.amount} giờ làm việc`;
    case 'calendar_days':
      return `${t.amount} ngày`;
    case 'same_day':
      return 'Trong ngày (nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo)';
    case 'none':
      return 'Không quy định thời hạn cho từng hồ sơ';
    default:
      return `${t.amount} ${t.unit}`;
  }
}

export const COMPONENT_KIND_LABEL: Record<string, string> = {
  original: 'Bản chính',
  copy: 'Bản sao',
  original_or_copy: 'Bản chính hoặc bản sao',
};

/** Who did it: "staff:tiepnhan.camthanh" → "tiepnhan.camthanh", "citizen:…" → "Công dân …". */
export function actorLabel(actor: string): string {
  if (actor.startsWith('staff:')) return actor.slice(6);
  if (actor.startsWith('citizen:')) return `Công dân ${actor.slice(8)}`;
  if (actor === 'system') return 'Hệ thống';
  return actor;
}

const countFmt = new Intl.NumberFormat('vi-VN');

/** A number of working minutes as "3 giờ 20 phút", "45 phút", "16 giờ" (hours, not days: the
 *  length of a working day is the province's setting and stays on the server). */
export function fmtWorkingMinutes(minutes: number): string {
  const m = Math.abs(Math.round(minutes));
  const h = Math.floor(m / 60);
  const r = m % 60;
  if (h === 0) return `${r} phút`;
  return r === 0 ? `${countFmt.format(h)} giờ` : `${countFmt.format(h)} giờ ${r} phút`;
}

/** The server's clock in words: "còn 3 giờ 20 phút làm việc", "quá 2 giờ làm việc" (past due),
 *  "" when no clock runs or nothing is left to say (the "Quá hạn" badge says the rest). */
export function workingLeftLabel(left: number | null | undefined): string {
  if (left === null || left === undefined || left === 0) return '';
  return left < 0 ? `quá ${fmtWorkingMinutes(left)} làm việc` : `còn ${fmtWorkingMinutes(left)} làm việc`;
}

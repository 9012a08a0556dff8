// Shared bits of the administration screens.
import type { Problem } from '../../ui/api';
import type { Role } from '../../ui/types';

export const ROLE_LABEL: Record<Role, string> = {
  reception: 'Tiếp nhận và trả kết quả',
  specialist: 'Chuyên viên',
  head: 'Trưởng phòng',
  leader: 'Lãnh đạo cơ quan',
  clerk: 'Văn thư',
  unit_admin: 'Quản trị đơn vị',
  province_admin: 'Quản trị tỉnh',
  province_monitor: 'Theo dõi cấp tỉnh',
};
export const DOSSIER_ROLES: Role[] = ['reception', 'specialist', 'head', 'leader', 'clerk'];
export const ALL_ROLES = Object.keys(ROLE_LABEL) as Role[];

export function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** The day before today in Việt Nam: the latest last day a unit may be given. */
export function yesterdayIso(): string {
  const d = new Date(`${todayIso()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** "2026-12-31" → "31/12/2026". */
export function fmtIsoDate(s: string | null | undefined): string {
  if (!s) return '—';
  const [y, m, d] = s.split('-');
  return `${d}/${m}/${y}`;
}

/** Field errors of a problem by field name (the first one of each). */
export function fieldErrors(p: Problem | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of p?.errors ?? []) if (!(e.field in out)) out[e.field] = e.detail;
  return out;
}

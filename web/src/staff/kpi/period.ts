// Periods of the dashboard: a month, a quarter, a year or custom days, as [from, to] local days.
export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Today in Vietnam (UTC+7), YYYY-MM-DD. */
export function todayVn(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** [from, to] of the period of `kind` holding `day` (custom: the day itself). */
export function periodOf(kind: PeriodKind, day: string): { from: string; to: string } {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  if (kind === 'month') return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(lastDay(y, m))}` };
  if (kind === 'quarter') {
    const q0 = Math.floor((m - 1) / 3) * 3 + 1;
    return { from: `${y}-${pad(q0)}-01`, to: `${y}-${pad(q0 + 2)}-${pad(lastDay(y, q0 + 2))}` };
  }
  if (kind === 'year') return { from: `${y}-01-01`, to: `${y}-12-31` };
  return { from: day, to: day };
}

export const fmtDay = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
export const fmtPct = (r: number | null | undefined) =>
  r === null || r === undefined ? 'Chưa có số liệu' : `${(r * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;
export const fmtNum = (n: number) => n.toLocaleString('vi-VN');

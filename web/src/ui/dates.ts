// Dates and times as Vietnamese officials type and read them: dd/mm/yyyy and HH:mm (24 hours),
// whatever the browser's language. The rest of the code keeps ISO values: "YYYY-MM-DD" for a
// day and "YYYY-MM-DDTHH:mm" (Việt Nam wall clock, as format.ts toLocalInput) for an instant.

export const DATE_EXAMPLE = '05/01/2027';
export const TIME_EXAMPLE = '14:30';
export const DATE_FORMAT_MESSAGE = `Ngày không hợp lệ, nhập theo dạng ngày/tháng/năm, ví dụ ${DATE_EXAMPLE}.`;
export const TIME_FORMAT_MESSAGE = `Giờ không hợp lệ, nhập theo dạng giờ:phút (24 giờ), ví dụ ${TIME_EXAMPLE}.`;

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "2027-01-05" → "05/01/2027"; "" for anything else. */
export function isoToVi(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

export type Parsed = { ok: true; value: string } | { ok: false; error: string };

/** What an official typed as a day: "05/01/2027", "5/1/2027", "05-01-2027", "05.01.2027",
 *  "05012027" (eight digits, from a phone's number pad) or a pasted "2027-01-05".
 *  Empty text is { ok: true, value: '' }. */
export function parseViDate(text: string): Parsed {
  const s = text.trim();
  if (s === '') return { ok: true, value: '' };
  let d: number, m: number, y: number;
  let g: RegExpExecArray | null;
  if ((g = /^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d+)$/.exec(s))) {
    [d, m, y] = [Number(g[1]), Number(g[2]), Number(g[3])];
    if (g[3].length !== 4) return { ok: false, error: `${DATE_FORMAT_MESSAGE} Năm phải đủ 4 chữ số.` };
  } else if ((g = /^(\d{2})(\d{2})(\d{4})$/.exec(s))) {
    [d, m, y] = [Number(g[1]), Number(g[2]), Number(g[3])];
  } else if ((g = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) {
    [y, m, d] = [Number(g[1]), Number(g[2]), Number(g[3])];
  } else {
    return { ok: false, error: DATE_FORMAT_MESSAGE };
  }
  if (y < MIN_YEAR || y > MAX_YEAR) return { ok: false, error: `${DATE_FORMAT_MESSAGE} Năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}.` };
  if (m < 1 || m > 12) return { ok: false, error: `${DATE_FORMAT_MESSAGE} Tháng phải từ 1 đến 12.` };
  const last = daysInMonth(y, m);
  if (d < 1 || d > last) return { ok: false, error: `${DATE_FORMAT_MESSAGE} Tháng ${pad(m)}/${y} chỉ có ${last} ngày.` };
  return { ok: true, value: `${y}-${pad(m)}-${pad(d)}` };
}

/** A day within [min, max] (ISO, either optional): null, or the Vietnamese reason it is not. */
export function checkRange(iso: string, min?: string, max?: string): string | null {
  if (!iso) return null;
  if (min && iso < min) return `Ngày phải từ ${isoToVi(min)} trở về sau.`;
  if (max && iso > max) return `Ngày không được sau ${isoToVi(max)}.`;
  return null;
}

/** "14:30", "9:05", "14h30", "14.30", "1430", "14h" → "HH:mm" in 24 hours. */
export function parseTime(text: string): Parsed {
  const s = text.trim().toLowerCase();
  if (s === '') return { ok: true, value: '' };
  let g: RegExpExecArray | null;
  let h: number, mi: number;
  if ((g = /^(\d{1,2})\s*[:h.]\s*(\d{2})$/.exec(s)) || (g = /^(\d{1,2})(\d{2})$/.exec(s))) {
    [h, mi] = [Number(g[1]), Number(g[2])];
  } else if ((g = /^(\d{1,2})\s*(?:h|giờ)$/.exec(s))) {
    [h, mi] = [Number(g[1]), 0];
  } else {
    return { ok: false, error: TIME_FORMAT_MESSAGE };
  }
  if (h > 23 || mi > 59) return { ok: false, error: `${TIME_FORMAT_MESSAGE} Giờ từ 00 đến 23, phút từ 00 đến 59.` };
  return { ok: true, value: `${pad(h)}:${pad(mi)}` };
}

/** Today in Việt Nam, "YYYY-MM-DD". */
export function todayVn(): string {
  const p: Record<string, string> = {};
  for (const x of new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date()))
    p[x.type] = x.value;
  return `${p.year}-${p.month}-${p.day}`;
}

/** Whole days from a to b (ISO days). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

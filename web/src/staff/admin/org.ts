// Shared bits of the "Cơ quan và đơn vị hành chính" screens: the records as the API gives them,
// labels, validity text and the diacritic-insensitive search over units.
import type { Agency, Unit } from '../../ui/types';
import { placeOf } from '../../ui/unitPlace';
import { fold } from '../../ui/validation';
import { fmtIsoDate } from './common';

export interface AgencyRecord extends Agency {
  parent_id: string | null;
  unit_id: string;
  valid_from: string | null;
  successor_id: string | null;
  verified: boolean;
}

export interface UnitRecord extends Unit {
  valid_from: string | null;
  valid_to: string | null;
  verified: boolean;
}

export type UnitLevel = 'province' | 'district' | 'commune';

export const AGENCY_TYPE_LABEL: Record<string, string> = {
  provincial_committee: 'Ủy ban nhân dân cấp tỉnh',
  service_center: 'Trung tâm phục vụ hành chính công',
  department: 'Sở, ban, ngành',
  commune_committee: 'Ủy ban nhân dân cấp xã',
  vertical: 'Cơ quan ngành dọc',
  ministry: 'Bộ, ngành trung ương',
};

export const LEVEL_LABEL: Record<UnitLevel, string> = {
  province: 'Cấp tỉnh',
  district: 'Cấp huyện (trước 01/7/2025)',
  commune: 'Cấp xã',
};

/** The type words the server accepts per level (src/domain/org/units.cc). */
export const TYPES_OF: Record<UnitLevel, string[]> = {
  province: ['tỉnh', 'thành phố'],
  district: ['huyện', 'quận', 'thị xã', 'thành phố'],
  commune: ['xã', 'phường', 'thị trấn', 'đặc khu'],
};

export const KIND_LABEL: Record<string, string> = { merge: 'sáp nhập', split: 'chia tách', rename: 'đổi tên' };

/** "Từ 01/07/2025, đang hiệu lực", "Đến 30/06/2025", "Từ … đến …". */
export function validityText(from: string | null | undefined, to: string | null | undefined, current = 'đang hiệu lực'): string {
  const f = from ? `Từ ${fmtIsoDate(from)}` : '';
  if (!to) return f ? `${f}, ${current}` : current[0].toLocaleUpperCase('vi') + current.slice(1);
  return f ? `${f} đến ${fmtIsoDate(to)}` : `Đến ${fmtIsoDate(to)}`;
}

export { placeOf };

export interface UnitEntry {
  unit: UnitRecord;
  place: string;
  hay: string;
}

export function unitEntries(units: UnitRecord[], byId: Map<string, Unit>): UnitEntry[] {
  return units.map((u) => {
    const place = placeOf(u, byId);
    return { unit: u, place, hay: fold(`${u.name} ${u.code} ${place}`) };
  });
}

/** Every token of the query (diacritics and case ignored) in the name, code or parents; names
 *  starting with the query first, current units before former ones. */
export function searchUnits(entries: UnitEntry[], q: string): UnitEntry[] {
  const tokens = fold(q).split(/[\s,]+/).filter(Boolean);
  const whole = tokens.join(' ');
  const hits = tokens.length ? entries.filter((e) => tokens.every((t) => e.hay.includes(t))) : entries.slice();
  const bare = (n: string) => fold(n).replace(/^(xa|phuong|thi tran|dac khu|huyen|quan|thi xa|thanh pho|tinh) /, '');
  const rank = (e: UnitEntry) => (whole && (bare(e.unit.name).startsWith(whole) || fold(e.unit.name).startsWith(whole) || e.unit.code === whole) ? 0 : 1);
  return hits.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      Number(a.unit.former) - Number(b.unit.former) ||
      a.unit.name.localeCompare(b.unit.name, 'vi') ||
      a.place.localeCompare(b.place, 'vi'),
  );
}

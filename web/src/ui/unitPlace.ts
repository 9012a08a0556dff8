// How an address names a unit's parents ("huyện Kon Plông, tỉnh Kon Tum"): shared by the
// reception desk's address picker and the administration screens (kept out of either's bundle).
import type { Unit } from './types';

export function lowerFirst(s: string): string {
  return s ? s[0].toLocaleLowerCase('vi') + s.slice(1) : s;
}

/** The parents of a unit, nearest first, as an address writes them (at most four levels). */
export function placeOf(u: Unit, byId: Map<string, Unit>): string {
  const parts: string[] = [];
  let p = u.parent_id ? byId.get(u.parent_id) : undefined;
  for (let depth = 0; p && depth < 4; depth++) {
    parts.push(lowerFirst(p.name));
    p = p.parent_id ? byId.get(p.parent_id) : undefined;
  }
  return parts.join(', ');
}

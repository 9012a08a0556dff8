// Public reference data, fetched once per page load and shared between pages.
import { api, qs } from '../ui/api';
import type { Agency, Procedure, ProcedureFull, Unit } from '../ui/types';

const cache = new Map<string, Promise<unknown>>();

function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

export interface Location {
  id: string;
  name: string;
  kind: string;
  agency_id: string;
  unit_id: string;
  verified: boolean;
}

export const loadProcedures = (q = '', agency = '') =>
  once(`p:${q}:${agency}`, () => api.get<{ items: Procedure[] }>(`/api/v1/procedures${qs({ q, agency })}`).then((r) => r.data.items));
export const loadProcedure = (id: string) =>
  once(`pf:${id}`, () => api.get<ProcedureFull>(`/api/v1/procedures/${encodeURIComponent(id)}`).then((r) => r.data));
export const loadAgencies = () => once('agencies', () => api.get<{ items: Agency[] }>('/api/v1/agencies').then((r) => r.data.items));
export const loadLocations = () => once('locations', () => api.get<{ items: Location[] }>('/api/v1/locations').then((r) => r.data.items));
export const loadCommunes = () => once('communes', () => api.get<{ items: Unit[] }>('/api/v1/units?level=commune').then((r) => r.data.items));
/** Every unit, current and former, former ones with their successors (pre-July-2025 addresses). */
export const loadAllUnits = () =>
  once('units-all', () => api.get<{ items: Unit[] }>('/api/v1/units?history=1&successors=1').then((r) => r.data.items));

/** Current agencies only (no `valid_to`), by name. */
export function currentAgencies(all: Agency[]): Agency[] {
  return all.filter((a) => !a.valid_to).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

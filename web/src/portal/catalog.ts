// Public reference data, fetched once per page load and shared between pages.
import { api, qs } from '../ui/api';
import type { Agency, Procedure, ProcedureFull } from '../ui/types';

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

/** The versions in force today (what a citizen files under). The server lets them be cached and
 *  the home page's HTML preloads the unfiltered list: keep the URL in step with static_routes.cc. */
export const loadProcedures = (q = '', agency = '') =>
  once(`p:${q}:${agency}`, () => api.get<{ items: Procedure[] }>(`/api/v1/procedures${qs({ current: '1', q, agency })}`).then((r) => r.data.items));
export const loadProcedure = (id: string) =>
  once(`pf:${id}`, () => api.get<ProcedureFull>(`/api/v1/procedures/${encodeURIComponent(id)}`).then((r) => r.data));
/** The procedures filed most over the last 12 months, with their dossier counts. */
export const loadMostUsed = () =>
  once('most-used', () => api.get<{ items: (Procedure & { dossiers: number })[] }>('/api/v1/procedures/most-used?limit=8').then((r) => r.data.items));
export const loadAgencies = () => once('agencies', () => api.get<{ items: Agency[] }>('/api/v1/agencies').then((r) => r.data.items));
export const loadLocations = () => once('locations', () => api.get<{ items: Location[] }>('/api/v1/locations').then((r) => r.data.items));
/** Units: shared with the staff app (ui/units.ts, one cache per page). */
export { loadAllUnits, loadCommunes } from '../ui/units';

/** Current agencies only (no `valid_to`), by name. */
export function currentAgencies(all: Agency[]): Agency[] {
  return all.filter((a) => !a.valid_to).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

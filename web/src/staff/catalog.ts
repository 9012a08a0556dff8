// Reference data fetched once per page load and shared (agencies, procedures, communes).
import { api } from '../ui/api';
import type { Agency, Procedure } from '../ui/types';
import { clearUnitsCache } from '../ui/units';

export { loadAllUnits, loadCommunes, useList, useNameMap } from '../ui/units';

const cache = new Map<string, Promise<unknown>>();

function once<T>(key: string, path: string, pick: (d: { items: T[] }) => T[]): Promise<T[]> {
  let p = cache.get(key) as Promise<T[]> | undefined;
  if (!p) {
    p = api.get<{ items: T[] }>(path).then((r) => pick(r.data));
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

export const loadAgencies = () => once<Agency>('agencies', '/api/v1/agencies', (d) => d.items);
export const loadProcedures = () => once<Procedure>('procedures', '/api/v1/procedures', (d) => d.items);
export const loadMyProcedures = () => once<Procedure>('procedures-me', '/api/v1/procedures?agency=me', (d) => d.items);

export function clearCatalogCache(): void {
  cache.delete('procedures-me');
}

/** After an administrator changed agencies or units: the next use reads them again. */
export function clearOrgCache(): void {
  cache.delete('agencies');
  clearUnitsCache();
}

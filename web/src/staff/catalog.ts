// Reference data fetched once per page load and shared (agencies, procedures, communes).
import { useEffect, useState } from 'react';
import { api } from '../ui/api';
import type { Agency, Procedure, Unit } from '../ui/types';

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
export const loadCommunes = () => once<Unit>('communes', '/api/v1/units?level=commune', (d) => d.items);
/** Every unit, current and former (pre-2025 districts and communes), former ones with their successors. */
export const loadAllUnits = () => once<Unit>('units-all', '/api/v1/units?history=1&successors=1', (d) => d.items);

export function clearCatalogCache(): void {
  cache.delete('procedures-me');
}

/** After an administrator changed agencies or units: the next use reads them again. */
export function clearOrgCache(): void {
  for (const key of ['agencies', 'communes', 'units-all']) cache.delete(key);
}

/** Resolves a loader into state; [] while loading or on failure (names then fall back to ids). */
export function useList<T>(loader: () => Promise<T[]>): T[] {
  const [items, setItems] = useState<T[]>([]);
  useEffect(() => {
    let live = true;
    loader().then(
      (x) => live && setItems(x),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [loader]);
  return items;
}

export function useNameMap<T extends { id: string; name: string }>(loader: () => Promise<T[]>): Map<string, string> {
  const items = useList(loader);
  const [map, setMap] = useState(new Map<string, string>());
  useEffect(() => setMap(new Map(items.map((x) => [x.id, x.name]))), [items]);
  return map;
}

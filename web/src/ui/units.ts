// Administrative units as every app reads them (the staff app's reception and the portal's
// e-forms share UnitPicker): fetched once per page load, shared, forgotten after an admin's change.
import { useEffect, useState } from 'react';
import { api } from './api';
import type { Unit } from './types';

const cache = new Map<string, Promise<Unit[]>>();

function once(key: string, path: string): Promise<Unit[]> {
  let p = cache.get(key);
  if (!p) {
    p = api.get<{ items: Unit[] }>(path).then((r) => r.data.items);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

export const loadCommunes = () => once('communes', '/api/v1/units?level=commune');
/** Every unit, current and former (pre-2025 districts and communes), former ones with their successors. */
export const loadAllUnits = () => once('units-all', '/api/v1/units?history=1&successors=1');

/** After an administrator changed units: the next use reads them again. */
export function clearUnitsCache(): void {
  cache.clear();
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

// The draft as kept on this device (IndexedDB, store "drafts"): written on every change, before
// anything is sent, so closing the tab, losing the network or the session loses nothing. One
// record per draft, keyed by a local id that is also the Idempotency-Key of the server draft's
// creation (a retried create makes one server draft). `rev` counts local changes; `synced_rev`
// is the last one the server acknowledged, `server_version` its version (If-Match).
import { uuid } from '../../ui/api';
import type { OnBehalf } from './server';
import type { PopulationUse } from '../../ui/PopulationLookup';
import { idbByIndex, idbDelete, idbGet, idbPut } from './idb';

export type FormData = Record<string, unknown>;

export interface LocalDraft {
  key: string;
  /** The Idempotency-Key of the server draft's creation (a new one if the server's copy expired). */
  create_key?: string;
  /** The citizen's user id: drafts of another citizen on a shared phone are never shown. */
  owner: string;
  procedure_id: string;
  data: FormData;
  /** The receiving agency the citizen chose (one of the procedure's). */
  agency_id: string;
  /** Filing for someone else (nộp thay): the right declared; null when for oneself. */
  on_behalf: OnBehalf | null;
  /** The national population database lookup filling this draft (population_lookup_id on the
   *  server); `satisfies` is known only on the device that looked up. */
  population?: PopulationUse | null;
  rev: number;
  synced_rev: number;
  server_id: string | null;
  server_version: number | null;
  updated_at: string;
  /** Set once submitted: the dossier's id and code (the draft then stays only as a receipt). */
  submitted?: { id: string; code: string };
}

export function newDraft(owner: string, procedure_id: string): LocalDraft {
  return {
    key: uuid(),
    owner,
    procedure_id,
    data: {},
    agency_id: '',
    on_behalf: null,
    rev: 0,
    synced_rev: 0,
    server_id: null,
    server_version: null,
    updated_at: new Date().toISOString(),
  };
}

/** Whether IndexedDB works here (it does not in some private windows). */
let available: boolean | null = null;
export async function localAvailable(): Promise<boolean> {
  if (available === null) {
    try {
      await idbGet('drafts', '-');
      available = true;
    } catch {
      available = false;
    }
  }
  return available;
}

export async function saveLocal(d: LocalDraft): Promise<void> {
  if (!(await localAvailable())) return;
  await idbPut('drafts', d);
}

export async function getLocal(key: string): Promise<LocalDraft | undefined> {
  if (!(await localAvailable())) return undefined;
  return idbGet<LocalDraft>('drafts', key);
}

export async function localDrafts(owner: string): Promise<LocalDraft[]> {
  if (!(await localAvailable())) return [];
  const all = await idbByIndex<LocalDraft>('drafts', 'owner', owner);
  return all.sort((a, b) => b.updated_at.localeCompare(a.updated_at));
}

export async function removeLocal(key: string): Promise<void> {
  if (!(await localAvailable())) return;
  await idbDelete('drafts', key);
}

// The server's copy of a draft (`/api/v1/drafts`, docs/openapi.yaml): the citizen's own,
// versioned (If-Match) so that two devices cannot silently overwrite each other. Every call the
// portal makes about drafts is in this file.
import { api, ApiError } from '../../ui/api';
import type { FormData } from './local';

export interface ServerDraft {
  id: string;
  procedure_id: string;
  procedure_name?: string;
  version: number;
  data: FormData;
  receiving_agency_id?: string | null;
  note?: string;
  updated_at: string;
  expires_at?: string | null;
  /** The server warns before it deletes an old draft. */
  expiry_warning?: boolean;
  uploads?: ServerUpload[];
}

export interface ServerUpload {
  id: string;
  component: string | null;
  file_name: string;
  size_bytes: number;
  received_bytes: number;
  complete: boolean;
  content_type?: string;
}

export async function listServerDrafts(): Promise<ServerDraft[]> {
  const r = await api.get<{ items: ServerDraft[] }>('/api/v1/drafts', { noReauth: true });
  return r.data.items;
}

export async function getServerDraft(id: string): Promise<ServerDraft> {
  return (await api.get<ServerDraft>(`/api/v1/drafts/${encodeURIComponent(id)}`)).data;
}

export interface DraftBody {
  procedure_id: string;
  data: FormData;
  receiving_agency_id?: string;
  note?: string;
}

/** Creates the server draft; the local key is the Idempotency-Key (a retry creates nothing twice). */
export async function createServerDraft(key: string, body: DraftBody): Promise<ServerDraft> {
  return (await api.post<ServerDraft>('/api/v1/drafts', body, { headers: { 'Idempotency-Key': key }, noReauth: true })).data;
}

/** Saves over `version`; a 409/412 means another device saved first (ApiError with that status). */
export async function updateServerDraft(id: string, version: number, body: Omit<DraftBody, 'procedure_id'>): Promise<ServerDraft> {
  return (await api.put<ServerDraft>(`/api/v1/drafts/${encodeURIComponent(id)}`, body, { headers: { 'If-Match': `"${version}"` }, noReauth: true })).data;
}

export async function deleteServerDraft(id: string): Promise<void> {
  await api.del(`/api/v1/drafts/${encodeURIComponent(id)}`);
}

export interface Submitted {
  id: string;
  code: string;
}

/** Submits the draft: the draft's id is the idempotency key, so a double click makes one dossier. */
export async function submitServerDraft(id: string, version: number): Promise<Submitted> {
  const r = await api.post<Submitted & { dossier?: Submitted }>(`/api/v1/drafts/${encodeURIComponent(id)}/submit`, {}, {
    headers: { 'Idempotency-Key': id, 'If-Match': `"${version}"` },
  });
  const d = r.data.dossier ?? r.data;
  return { id: d.id, code: d.code };
}

export function isConflict(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 409 || e.status === 412) && e.code !== 'idempotency_mismatch';
}

export function isOffline(e: unknown): boolean {
  return e instanceof ApiError && e.status === 0;
}

// The server's copy of a draft (`/api/v1/drafts`, docs/openapi.yaml): the citizen's own,
// versioned (If-Match) so that two devices cannot silently overwrite each other. Every call the
// portal makes about drafts is in this file.
import { api, ApiError } from '../../ui/api';
import type { FormData } from './local';

export interface OnBehalf {
  relationship: 'authorised' | 'guardian' | 'legal_representative' | '';
  document?: string;
}

export interface ServerDraft {
  id: string;
  procedure_id: string;
  procedure_name?: string;
  version: number;
  state?: string;
  data: FormData;
  receiving_agency_id?: string | null;
  on_behalf?: OnBehalf | null;
  population_lookup_id?: string | null;
  updated_at: string;
  expires_at?: string | null;
  /** The server warns before it deletes an old draft. */
  expiry_warning?: boolean;
  dossier_id?: string | null;
  uploads?: ServerUpload[];
}

export interface ServerUpload {
  id: string;
  component: string | null;
  file_name: string;
  /** Declared size in bytes. */
  size: number;
  /** Bytes the server holds. */
  received: number;
  complete: boolean;
  content_type?: string | null;
  /** A document of «Kho dữ liệu của tôi» taken instead of an upload. */
  reused_from?: string | null;
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
  on_behalf?: OnBehalf;
  /** "" removes it. */
  population_lookup_id?: string;
}

/** Creates the server draft; the local key is the Idempotency-Key (a retry creates nothing twice). */
export async function createServerDraft(key: string, body: DraftBody): Promise<ServerDraft> {
  return (await api.post<ServerDraft>('/api/v1/drafts', body, { headers: { 'Idempotency-Key': key }, noReauth: true })).data;
}

/** Saves over `version`; a 409/412 means another device saved first (ApiError with that status). */
export async function updateServerDraft(id: string, version: number, body: Omit<DraftBody, 'procedure_id'>): Promise<ServerDraft> {
  return (await api.put<ServerDraft>(`/api/v1/drafts/${encodeURIComponent(id)}`, body, { headers: { 'If-Match': `"${version}"` }, noReauth: true }))
    .data;
}

export async function deleteServerDraft(id: string): Promise<void> {
  await api.del(`/api/v1/drafts/${encodeURIComponent(id)}`);
}

export interface Submitted {
  id: string;
  code: string;
}

/** Submits the draft: the draft's id is the idempotency key, so a double click makes one dossier. */
export async function submitServerDraft(id: string): Promise<Submitted> {
  const r = await api.post<Submitted>(`/api/v1/drafts/${encodeURIComponent(id)}/submit`, undefined, { headers: { 'Idempotency-Key': id } });
  return { id: r.data.id, code: r.data.code };
}

/** Another device saved first (412 draft_version_mismatch). */
export function isConflict(e: unknown): boolean {
  return e instanceof ApiError && e.status === 412;
}

/** The server no longer has the draft (expired, or deleted on another device). */
export function isGone(e: unknown): boolean {
  return e instanceof ApiError && e.status === 404;
}

export function isOffline(e: unknown): boolean {
  return e instanceof ApiError && e.status === 0;
}

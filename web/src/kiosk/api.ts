// The kiosk's own calls (docs/openapi.yaml, tag citizen): no login. Its credential is the
// HttpOnly cookie `motcua_kiosk` set by POST /api/v1/kiosk/pair; its CSRF token comes with
// every GET /api/v1/kiosk/current.

export interface KioskDossier {
  code: string;
  procedure_name: string;
  masked_name: string;
}

export interface KioskState {
  desk: string;
  agency_name: string;
  csrf_token: string;
  dossier: KioskDossier | null;
}

export type Score = 'very_satisfied' | 'satisfied' | 'dissatisfied';

export class KioskError extends Error {
  constructor(readonly status: number, readonly code: string, detail: string) {
    super(detail);
  }
}

async function call<T>(method: string, path: string, body?: unknown, csrf?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const type: string = data?.type ?? '';
    throw new KioskError(res.status, type.substring(type.lastIndexOf('/') + 1), data?.detail ?? 'Có lỗi xảy ra.');
  }
  return data as T;
}

export const current = () => call<KioskState>('GET', '/api/v1/kiosk/current');
export const pair = (code: string) => call<{ desk: string; agency_name: string; csrf_token: string }>('POST', '/api/v1/kiosk/pair', { code });
export const rate = (score: Score, csrf: string) => call<{ score: Score }>('POST', '/api/v1/kiosk/rating', { score }, csrf);

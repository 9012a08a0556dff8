// Thin client for the MotCua JSON API (docs/openapi.yaml).
// - The session cookie is HttpOnly and set by the server; we only keep the CSRF token,
//   in memory and in sessionStorage (so a reload in the same tab keeps it; /auth/me
//   restores it otherwise).
// - Every non-GET request carries X-CSRF-Token.
// - A 401 during use (session expired) asks the registered handler to log in again
//   (a dialog), then retries the request once: what the user typed is never lost.

export interface FieldError {
  field: string;
  detail: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  correlation_id?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly code: string;
  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.status = problem.status;
    this.problem = problem;
    this.code = problem.type ? problem.type.substring(problem.type.lastIndexOf('/') + 1) : '';
  }
}

const CSRF_KEY = 'motcua.csrf';
let csrfToken: string | null = readSession(CSRF_KEY);

function readSession(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  try {
    if (token) sessionStorage.setItem(CSRF_KEY, token);
    else sessionStorage.removeItem(CSRF_KEY);
  } catch {
    /* storage may be disabled: memory is enough */
  }
}

/** Called when a request meets 401 while the app believes it is logged in.
 *  Resolves true once the user has logged in again (the request is then retried). */
export type ReauthHandler = (problem: Problem) => Promise<boolean>;
let reauthHandler: ReauthHandler | null = null;
let pendingReauth: Promise<boolean> | null = null;

export function setReauthHandler(h: ReauthHandler | null): void {
  reauthHandler = h;
}

function reauthenticate(problem: Problem): Promise<boolean> {
  if (!reauthHandler) return Promise.resolve(false);
  if (!pendingReauth) {
    pendingReauth = reauthHandler(problem).finally(() => {
      pendingReauth = null;
    });
  }
  return pendingReauth;
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  etag: string | null;
  /** The answer's headers (for a file: Content-Disposition, Content-Type). */
  headers?: Headers;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Do not open the login dialog on 401 (login, me). */
  noReauth?: boolean;
  signal?: AbortSignal;
  /** A raw body (a File for uploads), sent as is instead of JSON. */
  raw?: Blob;
  /** The answer is a file: `data` is its Blob (errors are still problem+json). */
  blob?: boolean;
}

const NETWORK_PROBLEM: Problem = {
  type: 'https://motcua.vn/problems/network',
  title: 'Mất kết nối',
  status: 0,
  detail: 'Không kết nối được với máy chủ. Kiểm tra mạng rồi thử lại; dữ liệu đã nhập vẫn được giữ.',
};

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
  for (let attempt = 0; ; attempt++) {
    const headers: Record<string, string> = { Accept: 'application/json', ...(opts.headers ?? {}) };
    if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
    let body: string | Blob | undefined;
    if (opts.raw !== undefined) {
      body = opts.raw;
    } else if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    let res: Response;
    try {
      res = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: opts.signal });
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      throw new ApiError(NETWORK_PROBLEM);
    }
    if (res.ok && opts.blob) {
      return { data: (await res.blob()) as T, status: res.status, etag: res.headers.get('ETag'), headers: res.headers };
    }
    if (res.ok) {
      const text = res.status === 204 ? '' : await res.text();
      const data = (text ? JSON.parse(text) : null) as T;
      return { data, status: res.status, etag: res.headers.get('ETag') };
    }
    const problem = await readProblem(res);
    if (res.status === 401 && !opts.noReauth && attempt === 0) {
      if (await reauthenticate(problem)) continue;
    }
    throw new ApiError(problem);
  }
}

async function readProblem(res: Response): Promise<Problem> {
  try {
    const p = (await res.json()) as Partial<Problem>;
    return {
      type: p.type ?? 'about:blank',
      title: p.title ?? res.statusText,
      status: p.status ?? res.status,
      detail: p.detail ?? p.title ?? `Lỗi ${res.status}`,
      errors: p.errors,
      correlation_id: p.correlation_id,
    };
  } catch {
    return {
      type: 'about:blank',
      title: res.statusText,
      status: res.status,
      detail: `Máy chủ trả lời lỗi ${res.status}. Vui lòng thử lại sau.`,
    };
  }
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, { ...opts, body }),
  del: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
  /** POST of raw bytes (a File): the body is the file itself, not multipart. */
  upload: <T>(path: string, file: Blob, opts?: RequestOptions) => request<T>('POST', path, { ...opts, raw: file }),
  /** GET of a file (PDF, XLSX) as a Blob, with its file name from Content-Disposition. */
  file: async (path: string, accept: string, opts?: RequestOptions): Promise<{ blob: Blob; fileName: string | null }> => {
    const r = await request<Blob>('GET', path, { ...opts, blob: true, headers: { Accept: `${accept}, application/problem+json`, ...(opts?.headers ?? {}) } });
    const cd = r.headers?.get('Content-Disposition') ?? '';
    const m = /filename="([^"]+)"/.exec(cd);
    return { blob: r.data, fileName: m ? m[1] : null };
  },
};

/** Query string from defined, non-empty values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

/** Random UUID v4 (crypto.randomUUID needs a secure context; getRandomValues does not). */
export function uuid(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// Resumable uploads of a draft's files (`/api/v1/drafts/{id}/uploads`): the file is announced
// (name, size, component), then sent in chunks with Content-Range; after a dropped connection
// the server says how many bytes it holds and sending goes on from there, not from the start.
// XMLHttpRequest (not fetch) for the progress events of each chunk.
import { api, ApiError, type Problem } from '../../ui/api';
import type { ServerUpload } from '../drafts/server';

export const CHUNK = 256 * 1024;

export async function startUpload(draftId: string, component: string, file: File, key: string): Promise<ServerUpload> {
  const r = await api.post<ServerUpload>(`/api/v1/drafts/${encodeURIComponent(draftId)}/uploads`, {
    component,
    file_name: file.name,
    size: file.size,
  }, { headers: { 'Idempotency-Key': key } });
  return r.data;
}

/** «Never ask twice»: a document of the citizen's data store for `component`, instead of an upload. */
export async function reuseFromStore(draftId: string, component: string, documentId: string, key: string): Promise<ServerUpload> {
  const r = await api.post<ServerUpload>(`/api/v1/drafts/${encodeURIComponent(draftId)}/reuses`, { document_id: documentId, component }, { headers: { 'Idempotency-Key': key } });
  return r.data;
}

export async function uploadStatus(draftId: string, uploadId: string): Promise<ServerUpload> {
  return (await api.get<ServerUpload>(`/api/v1/drafts/${encodeURIComponent(draftId)}/uploads/${encodeURIComponent(uploadId)}`)).data;
}

export async function removeUpload(draftId: string, uploadId: string): Promise<void> {
  await api.del(`/api/v1/drafts/${encodeURIComponent(draftId)}/uploads/${encodeURIComponent(uploadId)}`);
}

function csrf(): string | null {
  try {
    return sessionStorage.getItem('motcua.csrf');
  } catch {
    return null;
  }
}

function sendChunk(url: string, blob: Blob, start: number, total: number, onBytes: (n: number) => void, signal: AbortSignal): Promise<ServerUpload> {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open('PUT', url);
    x.setRequestHeader('Content-Type', 'application/octet-stream');
    x.setRequestHeader('Content-Range', `bytes ${start}-${start + blob.size - 1}/${total}`);
    x.setRequestHeader('Accept', 'application/json');
    const t = csrf();
    if (t) x.setRequestHeader('X-CSRF-Token', t);
    x.upload.onprogress = (e) => onBytes(start + e.loaded);
    x.onload = () => {
      let body: unknown = null;
      try {
        body = x.responseText ? JSON.parse(x.responseText) : null;
      } catch {
        /* not JSON */
      }
      if (x.status >= 200 && x.status < 300) resolve(body as ServerUpload);
      else if (x.status === 409 && body && typeof body === 'object' && 'upload' in body && (body as { upload: unknown }).upload) {
        // Not where the server is (a chunk lost on the way): go on from what it holds.
        resolve((body as { upload: ServerUpload }).upload);
      } else {
        const p = (body ?? {}) as Partial<Problem>;
        reject(
          new ApiError({
            type: p.type ?? 'about:blank',
            title: p.title ?? '',
            status: x.status,
            detail: p.detail ?? `Máy chủ trả lời lỗi ${x.status}.`,
            errors: p.errors,
          }),
        );
      }
    };
    const net = () =>
      reject(
        new ApiError({
          type: 'https://motcua.vn/problems/network',
          title: 'Mất kết nối',
          status: 0,
          detail: 'Mất kết nối khi đang tải tệp lên. Phần đã gửi được giữ lại: bấm «Tiếp tục tải lên» khi có mạng.',
        }),
      );
    x.onerror = net;
    x.ontimeout = net;
    signal.addEventListener('abort', () => x.abort());
    x.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    x.send(blob);
  });
}

/** Sends `file` from the byte the server already holds; `onProgress` gets bytes held so far. */
export async function sendFrom(draftId: string, up: ServerUpload, file: File, onProgress: (n: number) => void, signal: AbortSignal): Promise<ServerUpload> {
  const url = `/api/v1/drafts/${encodeURIComponent(draftId)}/uploads/${encodeURIComponent(up.id)}`;
  let cur = up;
  let offset = up.received;
  onProgress(offset);
  for (let guard = 0; !cur.complete && offset < file.size && guard < 100_000; guard++) {
    const end = Math.min(offset + CHUNK, file.size);
    cur = await sendChunk(url, file.slice(offset, end), offset, file.size, onProgress, signal);
    offset = cur.received;
    onProgress(offset);
  }
  return cur;
}

// One file attached to a dossier (`POST /api/v1/dossiers/{id}/documents`, the body is the file)
// with upload progress; the Idempotency-Key makes a retry after a dropped connection safe.
import { ApiError, type Problem } from '../../ui/api';

export interface DossierDoc {
  id: string;
  file_name: string;
  size_bytes: number;
  component: string | null;
}

export function uploadToDossier(dossierId: string, file: File, component: string, key: string, onProgress: (pct: number) => void): Promise<DossierDoc> {
  const q = new URLSearchParams({ name: file.name, component });
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open('POST', `/api/v1/dossiers/${encodeURIComponent(dossierId)}/documents?${q.toString()}`);
    x.setRequestHeader('Accept', 'application/json');
    x.setRequestHeader('Content-Type', 'application/octet-stream');
    x.setRequestHeader('Idempotency-Key', key);
    let csrf: string | null = null;
    try {
      csrf = sessionStorage.getItem('motcua.csrf');
    } catch {
      /* no storage */
    }
    if (csrf) x.setRequestHeader('X-CSRF-Token', csrf);
    x.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.floor((e.loaded / e.total) * 100));
    x.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(x.responseText);
      } catch {
        /* not JSON */
      }
      if (x.status >= 200 && x.status < 300) return resolve(body as DossierDoc);
      const p = (body ?? {}) as Partial<Problem>;
      reject(new ApiError({ type: p.type ?? 'about:blank', title: p.title ?? '', status: x.status, detail: p.detail ?? `Máy chủ trả lời lỗi ${x.status}.` }));
    };
    x.onerror = () =>
      reject(new ApiError({ type: 'network', title: 'Mất kết nối', status: 0, detail: 'Mất kết nối khi đang tải tệp lên. Bấm «Thử lại» khi có mạng.' }));
    x.send(file);
  });
}

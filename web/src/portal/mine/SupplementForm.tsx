// Answering a supplement request online: what was asked (form 02), a file per item (or one
// taken from the data store), a note; then the dossier goes back to the agency.
import { useRef, useState } from 'react';
import { api, ApiError, uuid } from '../../ui/api';
import { ErrorBox, Field, Message } from '../../ui/components';
import { FilePicker } from '../../ui/FilePicker';
import { useLoad } from '../useLoad';
import type { MyDocument, MyDossierView } from './types';
import { uploadToDossier, type DossierDoc } from './upload';

interface Row {
  label: string;
  file: File | null;
  pct: number;
  doc: DossierDoc | null;
  error: string | null;
  key: string;
}

export function SupplementForm({ d, items, onDone }: { d: MyDossierView; items: string[]; onDone: (v: MyDossierView) => void }) {
  const [rows, setRows] = useState<Row[]>(() => (items.length ? items : ['Giấy tờ bổ sung']).map((label) => ({ label, file: null, pct: 0, doc: null, error: null, key: uuid() })));
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const [noteErr, setNoteErr] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  // «Never ask twice»: a document from the citizen's data store instead of a new upload.
  const store = useLoad(
    () => api.get<{ items: MyDocument[] }>('/api/v1/me/documents').then((r) => r.data.items.filter((x) => x.dossier_id !== d.id)),
    `store:${d.id}`,
  );

  async function reuse(i: number, docId: string) {
    if (!docId) return;
    const src = store.data?.find((x) => x.id === docId);
    set(i, { file: null, pct: 0, error: null, doc: null });
    try {
      const r = await api.post<DossierDoc>(
        `/api/v1/me/dossiers/${encodeURIComponent(d.id)}/documents/reuse`,
        { document_id: docId, component: rows[i].label },
        { headers: { 'Idempotency-Key': uuid() } },
      );
      set(i, { doc: { ...r.data, file_name: r.data.file_name ?? src?.file_name ?? '' }, pct: 100 });
    } catch (e) {
      set(i, { error: e instanceof ApiError ? e.problem.detail : String(e) });
    }
  }

  const set = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  async function upload(i: number, file: File) {
    set(i, { file, pct: 0, error: null, doc: null });
    try {
      const doc = await uploadToDossier(d.id, file, rows[i].label, rows[i].key, (pct) => set(i, { pct }));
      set(i, { doc, pct: 100 });
    } catch (e) {
      set(i, { error: e instanceof ApiError ? e.problem.detail : String(e), key: e instanceof ApiError && e.status === 0 ? rows[i].key : uuid() });
    }
  }

  async function send(e: React.FormEvent) {
    e.preventDefault();
    setProblem(null);
    const ids = rows.filter((r) => r.doc).map((r) => r.doc!.id);
    if (!ids.length && !note.trim()) {
      setNoteErr('Vui lòng tải lên ít nhất một giấy tờ hoặc ghi nội dung bổ sung.');
      noteRef.current?.focus();
      return;
    }
    setNoteErr(null);
    setBusy(true);
    try {
      const body: { document_ids: string[]; note?: string } = { document_ids: ids };
      if (note.trim()) body.note = note.trim();
      const r = await api.post<MyDossierView>(`/api/v1/me/dossiers/${encodeURIComponent(d.id)}/supplement`, body);
      onDone(r.data);
    } catch (e2) {
      setProblem(e2);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={send} noValidate aria-label="Gửi giấy tờ bổ sung">
      {problem !== null && <ErrorBox error={problem} />}
      <ul className="upload-list">
        {rows.map((r, i) => (
          <li key={i} className="upload-item">
            <span className="upload-name">{r.label}</span>
            <div className="upload-controls">
              <FilePicker
                label={`Chọn tệp cho «${r.label}»`}
                file={r.file}
                accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                onChange={(f) => f && void upload(i, f)}
                aria-invalid={!!r.error}
              />
              {r.error && r.file && (
                <button type="button" className="btn btn-secondary btn-small" onClick={() => void upload(i, r.file!)}>
                  Thử lại
                </button>
              )}
            </div>
            {(store.data?.length ?? 0) > 0 && !r.doc && (
              <div className="field small">
                <label htmlFor={`reuse-${i}`}>Hoặc lấy từ Kho dữ liệu của tôi</label>
                <select id={`reuse-${i}`} value="" onChange={(e) => void reuse(i, e.target.value)}>
                  <option value="">— Chọn giấy tờ đã nộp trước đây —</option>
                  {store.data!.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.file_name} ({x.kind === 'result' ? 'kết quả' : 'đã nộp'}, hồ sơ {x.dossier_code})
                    </option>
                  ))}
                </select>
              </div>
            )}
            {r.file && !r.doc && !r.error && <progress className="upload-progress" max={100} value={r.pct} aria-label={`Tiến độ tải lên «${r.label}»`} />}
            {r.doc && <p className="upload-state is-done">Đã tải lên: {r.doc.file_name}</p>}
            {r.error && (
              <p className="upload-state is-error" role="alert">
                {r.error}
              </p>
            )}
          </li>
        ))}
      </ul>
      <Field label="Nội dung bổ sung, giải trình (nếu có)" error={noteErr}>
        {({ id, describedBy, invalid }) => (
          <textarea ref={noteRef} id={id} rows={3} maxLength={2000} value={note} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setNote(e.target.value)} />
        )}
      </Field>
      <button type="submit" className="btn btn-primary" disabled={busy || rows.some((r) => r.file && !r.doc && !r.error)}>
        {busy ? 'Đang gửi…' : 'Gửi bổ sung'}
      </button>
      <Message kind="info">Sau khi gửi, hồ sơ được chuyển lại cho cơ quan và thời hạn giải quyết tiếp tục được tính.</Message>
    </form>
  );
}

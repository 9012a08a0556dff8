// One upload control per dossier component: choose a file, watch it go up (progress bar), and
// after a dropped connection continue from what the server already holds. The chosen file is
// also kept on the device (IndexedDB) until it is complete, so a reload can resume it too.
// PDF, JPEG or PNG: the server recognises the type by content and says no with its own message.
// Or, «never ask twice», a document from «Kho dữ liệu của tôi» (submitted before, or a result
// issued): taken by reference, the server checks it is the citizen's and still valid.
import { useEffect, useRef, useState } from 'react';
import { api, ApiError, uuid } from '../../ui/api';
import { FilePicker } from '../../ui/FilePicker';
import type { CatalogueComponent } from '../../ui/types';
import { idbDelete, idbGet, idbPut } from '../drafts/idb';
import type { ServerUpload } from '../drafts/server';
import type { MyDocument } from '../mine/types';
import { useLoad } from '../useLoad';
import { removeUpload, reuseFromStore, sendFrom, startUpload, uploadStatus } from './uploads';

const MAX_FILE_MB = 20;
const ACCEPT = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';

interface Props {
  /** The server draft the files belong to (null until the draft reached the server). */
  draftId: string | null;
  /** Sends the draft to the server now if it is not there yet; its id. */
  ensureDraft: () => Promise<string>;
  /** Local key of the draft (for the files kept on the device). */
  draftKey: string;
  components: CatalogueComponent[];
  uploads: ServerUpload[];
  onChange: () => void;
  errors: Record<string, string>;
}

export function Uploads({ draftId, ensureDraft, draftKey, components, uploads, onChange, errors }: Props) {
  // The citizen's data store (empty when offline or nothing was filed before).
  const store = useLoad(
    () => api.get<{ items: MyDocument[] }>('/api/v1/me/documents').then((r) => r.data.items).catch(() => [] as MyDocument[]),
    'store',
  );
  return (
    <ul className="upload-list">
      {components.map((c, i) => (
        <UploadItem
          key={c.name}
          index={i}
          draftId={draftId}
          ensureDraft={ensureDraft}
          draftKey={draftKey}
          component={c}
          existing={uploads.filter((u) => u.component === c.name)}
          store={(store.data ?? []).filter((x) => !uploads.some((u) => u.reused_from === x.id))}
          onChange={onChange}
          errors={errors}
          error={errors[`components[${i}]`] ?? errors[c.name]}
        />
      ))}
    </ul>
  );
}

/** The store's documents for one component: those filed under the same name first. */
function ranked(store: MyDocument[], component: string): MyDocument[] {
  return [...store.filter((x) => x.component === component), ...store.filter((x) => x.component !== component)];
}

type Phase = { s: 'idle' } | { s: 'sending'; sent: number; total: number } | { s: 'paused'; sent: number; total: number; msg: string } | { s: 'error'; msg: string };

interface Kept {
  key: string;
  file: File;
  upload_id: string;
}

function UploadItem({ index, draftId: knownDraftId, ensureDraft, draftKey, component, existing, store, onChange, errors, error }: {
  index: number;
  draftId: string | null;
  ensureDraft: () => Promise<string>;
  draftKey: string;
  component: CatalogueComponent;
  existing: ServerUpload[];
  store: MyDocument[];
  onChange: () => void;
  errors: Record<string, string>;
  error?: string;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ s: 'idle' });
  const [upload, setUpload] = useState<ServerUpload | null>(null);
  const abort = useRef<AbortController | null>(null);
  const keptKey = `${draftKey}:${component.name}`;
  const draftId = knownDraftId;
  const errId = `up-${index}-err`;
  const done = existing.filter((u) => u.complete);
  const unfinished = existing.find((u) => !u.complete);

  // A file chosen before a reload, not yet complete: offer to continue with it.
  useEffect(() => {
    let live = true;
    idbGet<Kept>('uploads', keptKey)
      .then(async (k) => {
        if (!live || !k || !draftId) return;
        try {
          const st = await uploadStatus(draftId, k.upload_id);
          if (!live) return;
          if (st.complete) {
            void idbDelete('uploads', keptKey);
            return;
          }
          setFile(k.file);
          setUpload(st);
          setPhase({ s: 'paused', sent: st.received, total: k.file.size, msg: 'Tệp chưa tải xong lần trước.' });
        } catch {
          /* gone or offline: choose again */
        }
      })
      .catch(() => undefined);
    return () => {
      live = false;
      abort.current?.abort();
    };
  }, [draftId, keptKey]);

  async function go(f: File, up: ServerUpload | null) {
    let draftId: string;
    try {
      draftId = knownDraftId ?? (await ensureDraft());
    } catch {
      setPhase({ s: 'error', msg: 'Bản nháp chưa được lưu lên máy chủ (cần có mạng) nên chưa tải tệp lên được. Vui lòng chọn lại tệp khi có mạng.' });
      return;
    }
    const ctrl = new AbortController();
    abort.current = ctrl;
    let u = up;
    setPhase({ s: 'sending', sent: u?.received ?? 0, total: f.size });
    try {
      u = u ?? (await startUpload(draftId, component.name, f, uuid()));
      setUpload(u);
      const started = u;
      idbPut<Kept>('uploads', { key: keptKey, file: f, upload_id: started.id }).catch(() => undefined);
      const fin = await sendFrom(draftId, started, f, (n) => setPhase({ s: 'sending', sent: n, total: f.size }), ctrl.signal);
      setUpload(fin);
      void idbDelete('uploads', keptKey);
      setPhase({ s: 'idle' });
      setFile(null);
      onChange();
    } catch (e) {
      const held = async () => {
        try {
          return u ? (await uploadStatus(draftId, u.id)).received : 0;
        } catch {
          return null;
        }
      };
      if ((e as Error).name === 'AbortError') {
        const n = await held();
        setPhase((p) => ({ s: 'paused', sent: n ?? (p.s === 'sending' ? p.sent : 0), total: f.size, msg: 'Anh/chị đã tạm dừng.' }));
        return;
      }
      if (e instanceof ApiError && e.status === 0) {
        const n = await held();
        setPhase((p) => ({ s: 'paused', sent: n ?? (p.s === 'sending' ? p.sent : 0), total: f.size, msg: e.problem.detail }));
      } else {
        setPhase({ s: 'error', msg: e instanceof ApiError ? e.problem.detail : String(e) });
        void idbDelete('uploads', keptKey);
        setUpload(null);
      }
    }
  }

  async function reuse(documentId: string) {
    if (!documentId) return;
    setPhase({ s: 'idle' });
    let draftId: string;
    try {
      draftId = knownDraftId ?? (await ensureDraft());
      await reuseFromStore(draftId, component.name, documentId, uuid());
      onChange();
    } catch (e) {
      setPhase({ s: 'error', msg: e instanceof ApiError ? e.problem.detail : 'Bản nháp chưa được lưu lên máy chủ (cần có mạng). Vui lòng thử lại khi có mạng.' });
    }
  }

  function choose(f: File | null) {
    setFile(f);
    setUpload(null);
    if (!f) return setPhase({ s: 'idle' });
    if (f.size > MAX_FILE_MB * 1024 * 1024) {
      setPhase({ s: 'error', msg: `Tệp lớn hơn ${MAX_FILE_MB} MB. Vui lòng chọn tệp nhỏ hơn (có thể chụp ảnh với độ phân giải thấp hơn).` });
      return;
    }
    void go(f, null);
  }

  async function resume() {
    if (!file || !draftId) return;
    let u = upload ?? unfinished ?? null;
    try {
      if (u) u = await uploadStatus(draftId, u.id);
    } catch (e) {
      setPhase({ s: 'paused', sent: 0, total: file.size, msg: e instanceof ApiError ? e.problem.detail : String(e) });
      return;
    }
    void go(file, u);
  }

  const pct = phase.s === 'sending' || phase.s === 'paused' ? Math.floor((phase.sent / Math.max(1, phase.total)) * 100) : 0;
  return (
    <li className="upload-item">
      <span className="upload-name" id={`up-${index}-name`}>
        {component.name}
      </span>
      {done.length > 0 && (
        <ul className="plain-list small">
          {done.map((u) => (
            <li key={u.id}>
              <span className="upload-state is-done">{u.reused_from ? 'Lấy từ kho dữ liệu:' : 'Đã tải lên:'}</span> {u.file_name} ({Math.ceil(u.size / 1024)} KB){' '}
              <button
                type="button"
                className="btn btn-link btn-small"
                aria-label={`Xóa tệp ${u.file_name}`}
                onClick={async () => {
                  if (draftId) await removeUpload(draftId, u.id).catch(() => undefined);
                  onChange();
                }}
              >
                Xóa
              </button>
              {errors[`uploads.${u.id}`] && (
                <p className="upload-state is-error" role="alert">
                  {errors[`uploads.${u.id}`]}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="upload-controls">
        <FilePicker
          label={`Chọn tệp cho «${component.name}»`}
          file={file}
          onChange={choose}
          accept={ACCEPT}
          disabled={phase.s === 'sending'}
          buttonText={done.length ? 'Thêm tệp…' : 'Chọn tệp…'}
          aria-describedby={error || phase.s === 'error' ? errId : undefined}
          aria-invalid={!!error || phase.s === 'error'}
        />
        {phase.s === 'paused' && (
          <button type="button" className="btn btn-primary btn-small" onClick={() => void resume()}>
            Tiếp tục tải lên
          </button>
        )}
        {phase.s === 'sending' && (
          <button type="button" className="btn btn-link btn-small" onClick={() => abort.current?.abort()}>
            Tạm dừng
          </button>
        )}
      </div>
      {store.length > 0 && phase.s !== 'sending' && (
        <div className="field small">
          <label htmlFor={`reuse-${index}`}>Hoặc lấy từ Kho dữ liệu của tôi (không phải tải lại)</label>
          <select id={`reuse-${index}`} value="" onChange={(e) => void reuse(e.target.value)}>
            <option value="">— Chọn giấy tờ đã nộp hoặc kết quả đã nhận —</option>
            {ranked(store, component.name).map((x) => (
              <option key={x.id} value={x.id}>
                {x.file_name} ({x.kind === 'result' ? 'kết quả' : 'đã nộp'}, hồ sơ {x.dossier_code})
              </option>
            ))}
          </select>
        </div>
      )}
      {(phase.s === 'sending' || phase.s === 'paused') && (
        <>
          <progress className="upload-progress" max={100} value={pct} aria-label={`Tiến độ tải lên «${component.name}»`} />
          <p className="upload-state" role="status">
            {phase.s === 'sending' ? `Đang tải lên: ${pct}%` : `Đã tạm dừng ở ${pct}%. ${phase.msg}`}
          </p>
        </>
      )}
      {(phase.s === 'error' || error) && (
        <p className="upload-state is-error" id={errId} role="alert">
          {phase.s === 'error' ? phase.msg : error}
        </p>
      )}
    </li>
  );
}

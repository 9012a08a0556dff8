// Files attached to a dossier: list with download links and an in-page preview (PDF, images),
// and one upload control per dossier component (plus "other documents"). The request body is
// the File itself.
import { useId, useRef, useState } from 'react';
import { api } from '../ui/api';
import { problemOf } from '../ui/components';
import { FilePicker } from '../ui/FilePicker';
import { actorLabel, fmtDateTime } from '../ui/format';
import type { DossierDocument } from '../ui/types';
import { MAX_FILE_MB } from './config';
import { DocumentPreview, PREVIEWABLE } from './DocumentPreview';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
const TYPE_LABEL: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

export function fmtSize(n: number): string {
  if (n < 1024) return `${n} byte`;
  if (n < 1024 * 1024) return `${(n / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} KB`;
  return `${(n / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

interface Props {
  dossierId: string;
  components: { name: string }[];
  documents: DossierDocument[];
  canUpload: boolean;
  onUploaded: (doc: DossierDocument) => void;
  /** Heading level of the section title (the card sits under an h1 or h2). */
  level?: 2 | 3;
}

export function DocumentsSection({ dossierId, components, documents, canUpload, onUploaded, level = 2 }: Props) {
  const headingId = useId();
  const H = level === 2 ? 'h2' : 'h3';
  const groups: { key: string; name: string | null; label: string }[] = [
    ...components.map((c) => ({ key: `c:${c.name}`, name: c.name, label: c.name })),
    { key: 'other', name: null, label: 'Tài liệu khác' },
  ];
  const known = new Set(components.map((c) => c.name));
  const [preview, setPreview] = useState<DossierDocument | null>(null);
  return (
    <section className="card documents" aria-labelledby={headingId}>
      <H id={headingId} className="card-title">
        Tài liệu đính kèm
      </H>
      <p className="hint">
        Chỉ nhận tệp PDF, JPEG hoặc PNG, mỗi tệp tối đa {MAX_FILE_MB} MB. «Xem trước» mở tệp ngay trên trang; bấm tên tệp để tải về máy.
      </p>
      <ul className="doc-groups">
        {groups.map((g) => {
          const docs = documents.filter((d) => (g.name === null ? !d.component || !known.has(d.component) : d.component === g.name));
          if (!canUpload && docs.length === 0 && g.name === null) return null;
          return (
            <li key={g.key} className="doc-group">
              <p className="doc-group-name">{g.label}</p>
              {docs.length === 0 ? (
                <p className="muted">Chưa có tệp.</p>
              ) : (
                <ul className="doc-list">
                  {docs.map((d) => (
                    <li key={d.id} className="doc-item">
                      <a href={d.href} download={d.file_name}>
                        {d.file_name}
                      </a>{' '}
                      {PREVIEWABLE.has(d.content_type) && (
                        <>
                          <button type="button" className="btn btn-link btn-small doc-preview-btn" onClick={() => setPreview(d)}>
                            Xem trước<span className="sr-only"> {d.file_name}</span>
                          </button>{' '}
                        </>
                      )}
                      <span className="muted">
                        ({TYPE_LABEL[d.content_type] ?? d.content_type}, {fmtSize(d.size_bytes)}) — {actorLabel(d.uploaded_by)}, {fmtDateTime(d.uploaded_at)}
                        {g.name === null && d.component && ` — ${d.component}`}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              {canUpload && <UploadControl dossierId={dossierId} component={g.name} label={g.label} onUploaded={onUploaded} />}
            </li>
          );
        })}
      </ul>
      {preview && <DocumentPreview doc={preview} onClose={() => setPreview(null)} />}
    </section>
  );
}

function UploadControl({
  dossierId,
  component,
  label,
  onUploaded,
}: {
  dossierId: string;
  component: string | null;
  label: string;
  onUploaded: (doc: DossierDocument) => void;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function pick(f: File | null) {
    setFile(f);
    setDone(null);
    setError(null);
    if (f && f.size > MAX_FILE_MB * 1024 * 1024) {
      setError(`Tệp «${f.name}» có dung lượng ${fmtSize(f.size)}, vượt quá giới hạn ${MAX_FILE_MB} MB cho mỗi tệp. Hãy quét lại với độ phân giải thấp hơn hoặc chia nhỏ tệp.`);
    } else if (f && f.size === 0) {
      setError(`Tệp «${f.name}» rỗng (0 byte). Hãy chọn tệp khác.`);
    }
  }

  async function upload() {
    if (!file) {
      setError('Hãy chọn một tệp trước khi tải lên.');
      input.current?.focus();
      return;
    }
    if (error) {
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const q = new URLSearchParams({ name: file.name });
      if (component) q.set('component', component);
      const { data } = await api.upload<DossierDocument>(`/api/v1/dossiers/${encodeURIComponent(dossierId)}/documents?${q.toString()}`, file);
      onUploaded(data);
      setDone(`Đã tải lên «${data.file_name}».`);
      setFile(null);
      if (input.current) input.current.value = '';
    } catch (e) {
      setError(problemOf(e).detail);
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  const errId = `${id}-err`;
  const okId = `${id}-ok`;
  return (
    <div className={`upload ${error ? 'field-invalid' : ''}`}>
      <p className="upload-label" aria-hidden="true">
        Chọn tệp cho «{label}»
      </p>
      <div className="upload-row">
        <FilePicker
          ref={input}
          id={id}
          label={`Chọn tệp cho «${label}»`}
          file={file}
          accept={ACCEPT}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errId : done ? okId : undefined}
          onChange={pick}
        />
        <button type="button" className="btn btn-secondary btn-small" disabled={busy} onClick={() => void upload()}>
          {busy ? 'Đang tải lên…' : 'Tải lên'}
          <span className="sr-only"> tệp cho «{label}»</span>
        </button>
      </div>
      <div>
        {error && (
          <p className="field-error" id={errId} role="alert">
            {error}
          </p>
        )}
        {done && (
          <p className="upload-ok" id={okId} role="status">
            {done}
          </p>
        )}
      </div>
    </div>
  );
}

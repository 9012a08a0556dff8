// Online filing of one procedure: the e-form, the files per component, the receiving agency and
// a note; saved on the device at every keystroke and on the server when online (drafts/); the
// form is checked in the browser with the same schema and messages as the server, and the
// server's 422 errors are shown on the same fields; submitting is idempotent (the draft's id).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../../ui/api';
import { ErrorBox, Field, Loading, Message } from '../../ui/components';
import { fmtDateTime } from '../../ui/format';
import type { ProcedureFull } from '../../ui/types';
import { loadAgencies, loadProcedure } from '../catalog';
import { getServerDraft, submitServerDraft, type ServerUpload } from '../drafts/server';
import { useDraft, type SyncStatus } from '../drafts/useDraft';
import { A, dossierHref, procedureHref } from '../nav';
import { useCitizen } from '../session';
import { Title } from '../Title';
import { useLoad } from '../useLoad';
import { EFormFields, focusFirstError, type Errors } from './EForm';
import type { ESchema } from './schema';
import { Uploads } from './uploads-view';
import { validateForm } from './validate';

async function loadSchema(p: ProcedureFull): Promise<ESchema | null> {
  const inline = (p as unknown as { eform?: ESchema }).eform ?? (p.catalogue.eform as ESchema | undefined);
  if (inline?.fields) return inline;
  try {
    const r = await api.get<ESchema | { schema: ESchema }>(`/api/v1/procedures/${encodeURIComponent(p.id)}/eform`);
    const s = 'schema' in r.data ? r.data.schema : r.data;
    return s?.fields ? s : null;
  } catch {
    return null;
  }
}

const STATUS_TEXT: Record<SyncStatus, string> = {
  loading: 'Đang mở bản nháp…',
  saved: 'Đã lưu trên máy này và trên máy chủ.',
  pending: 'Đã lưu trên máy này; đang chờ gửi lên máy chủ…',
  saving: 'Đã lưu trên máy này; đang lưu lên máy chủ…',
  offline: 'Mất kết nối mạng: nội dung đã lưu trên máy này và sẽ tự gửi lên máy chủ khi có mạng. Anh/chị cứ tiếp tục nhập.',
  conflict: 'Bản nháp đã được sửa trên thiết bị khác.',
  error: 'Chưa lưu được lên máy chủ (nội dung vẫn được giữ trên máy này).',
};

export default function FilingPage({ procedureId }: { procedureId: string }) {
  const { user } = useCitizen();
  const params = new URLSearchParams(location.search);
  const want = useMemo(() => ({ key: params.get('ban-nhap'), serverId: params.get('ban-nhap-may-chu') }), [location.search]); // eslint-disable-line react-hooks/exhaustive-deps
  const proc = useLoad(() => loadProcedure(procedureId), procedureId);
  const schema = useLoad(() => (proc.data ? loadSchema(proc.data) : Promise.resolve(null)), `${procedureId}:${proc.data ? 1 : 0}`);
  const agencies = useLoad(loadAgencies, 'agencies');
  const h = useDraft(user!.id, procedureId, want);
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [uploads, setUploads] = useState<ServerUpload[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const d = h.draft;

  const refreshUploads = useCallback(async () => {
    if (!d?.server_id) return;
    try {
      const s = await getServerDraft(d.server_id);
      setUploads(s.uploads ?? []);
    } catch {
      /* offline: keep the list */
    }
  }, [d?.server_id]);
  useEffect(() => {
    void refreshUploads();
  }, [refreshUploads]);

  const agencyName = useMemo(() => new Map((agencies.data ?? []).map((a) => [a.id, a.name])), [agencies.data]);

  if (proc.error !== undefined) return <div className="page"><ErrorBox error={proc.error} /></div>;
  if (!proc.data || !d || schema.loading) return <Loading label="Đang mở tờ khai…" />;
  const p = proc.data;
  const points = (p.catalogue.reception_points as string[] | undefined) ?? (p.catalogue.handling_agencies as string[] | undefined) ?? [];
  const components = p.catalogue.components ?? [];
  const fields = schema.data?.fields ?? [];

  if (d.submitted)
    return (
      <div className="page">
        <div className="card result-card">
          <h1 className="page-title" tabIndex={-1} ref={doneRef}>
            Đã nộp hồ sơ
          </h1>
          <Message kind="success">
            <p>Hồ sơ «{p.name}» đã được gửi đến cơ quan. Mã hồ sơ của anh/chị:</p>
            <p className="done-code" data-testid="dossier-code">
              {d.submitted.code}
            </p>
            <p>Cơ quan sẽ kiểm tra và báo kết quả tiếp nhận. Anh/chị theo dõi hồ sơ trong «Hồ sơ của tôi» hoặc tra cứu bằng mã hồ sơ.</p>
          </Message>
          <p className="actions-row">
            <A className="btn btn-primary" href={dossierHref(d.submitted.id)}>
              Xem hồ sơ
            </A>
            <A className="btn btn-secondary" href="/ho-so-cua-toi">
              Hồ sơ của tôi
            </A>
          </p>
        </div>
      </div>
    );

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (busy || !d) return;
    setProblem(null);
    const errs = validateForm(schema.data ?? null, d.data);
    setErrors(errs);
    if (Object.keys(errs).length) {
      requestAnimationFrame(() => focusFirstError(Object.keys(errs)) || summaryRef.current?.focus());
      return;
    }
    setBusy(true);
    try {
      const synced = await h.flush();
      const s = await submitServerDraft(synced.server_id!, synced.server_version!);
      h.markSubmitted(s);
      window.scrollTo(0, 0);
      requestAnimationFrame(() => doneRef.current?.focus());
    } catch (err) {
      if (err instanceof ApiError && err.problem.errors?.length) {
        const m: Errors = {};
        for (const fe of err.problem.errors) m[fe.field.replace(/^data\./, '')] ??= fe.detail;
        setErrors(m);
        setProblem(err);
        requestAnimationFrame(() => focusFirstError(Object.keys(m)) || summaryRef.current?.focus());
      } else {
        setProblem(err instanceof ApiError ? err : new ApiError({ type: 'about:blank', title: '', status: 0, detail: (err as Error).message }));
        requestAnimationFrame(() => summaryRef.current?.focus());
      }
    } finally {
      setBusy(false);
    }
  }

  const errorCount = Object.keys(errors).length;
  return (
    <div className="page">
      <nav aria-label="Đường dẫn" className="breadcrumb">
        <A href={procedureHref(p.id)}>{p.name}</A> › Nộp trực tuyến
      </nav>
      <Title title={`Nộp hồ sơ: ${p.name}`}>Nộp hồ sơ: {p.name}</Title>
      <p className={`save-status ${h.status === 'offline' || h.status === 'error' ? 'is-offline' : ''}`} role="status" data-testid="save-status">
        {STATUS_TEXT[h.status]} {d.rev > 0 && h.status !== 'offline' ? `Lần sửa cuối: ${fmtDateTime(d.updated_at)}.` : ''}
      </p>
      {h.expiresAt && (
        <Message kind="warning">Bản nháp này sẽ bị xóa vào {fmtDateTime(h.expiresAt)} nếu chưa nộp. Vui lòng hoàn tất và nộp trước thời điểm đó.</Message>
      )}
      {h.conflict && (
        <Message kind="warning">
          <p>
            Bản nháp này đã được sửa trên một thiết bị khác lúc {fmtDateTime(h.conflict.updated_at)}, trong khi máy này cũng có nội dung chưa gửi. Anh/chị
            muốn giữ bản nào?
          </p>
          <p className="actions-row">
            <button type="button" className="btn btn-primary btn-small" onClick={() => h.resolveConflict('device')}>
              Giữ bản trên máy này
            </button>
            <button type="button" className="btn btn-secondary btn-small" onClick={() => h.resolveConflict('server')}>
              Dùng bản từ thiết bị khác
            </button>
          </p>
        </Message>
      )}
      <div ref={summaryRef} tabIndex={-1} className="form-messages">
        {problem !== null && <ErrorBox error={problem} />}
        {problem === null && errorCount > 0 && (
          <Message kind="error">
            <p className="msg-title">Còn {errorCount} mục cần sửa. Các mục được đánh dấu đỏ bên dưới.</p>
          </Message>
        )}
      </div>
      <form onSubmit={submit} noValidate>
        <section className="card" aria-labelledby="h-where">
          <h2 id="h-where" className="card-title">
            Nơi nhận hồ sơ
          </h2>
          <Field label="Cơ quan tiếp nhận" error={errors.receiving_agency_id} hint="Chọn cơ quan gần nơi anh/chị cư trú hoặc nơi muốn nhận kết quả.">
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                data-path="ef-receiving_agency_id"
                value={d.agency_id}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                onChange={(e) => h.update({ agency_id: e.target.value })}
              >
                <option value="">Để cơ quan mặc định của thủ tục</option>
                {points.map((a) => (
                  <option key={a} value={a}>
                    {agencyName.get(a) ?? a}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </section>

        <section className="card" aria-labelledby="h-form">
          <h2 id="h-form" className="card-title">
            {schema.data?.title ?? 'Tờ khai'}
          </h2>
          <p className="hint">Các mục có dấu * là bắt buộc. Nội dung được lưu tự động sau mỗi lần nhập.</p>
          {fields.length > 0 ? (
            <EFormFields fields={fields} value={d.data} onChange={(v) => h.update({ data: v })} errors={errors} />
          ) : (
            <p className="muted">Thủ tục này chưa có tờ khai điện tử: vui lòng tải lên tờ khai đã điền ở phần thành phần hồ sơ.</p>
          )}
        </section>

        <section className="card" aria-labelledby="h-files">
          <h2 id="h-files" className="card-title">
            Thành phần hồ sơ
          </h2>
          <p className="hint">Tệp PDF, JPG hoặc PNG, mỗi tệp tối đa 20 MB. Có thể chụp giấy tờ bằng điện thoại.</p>
          <Uploads draftId={d.server_id} draftKey={d.key} components={components} uploads={uploads} onChange={() => void refreshUploads()} errors={errors} />
        </section>

        <section className="card" aria-labelledby="h-note">
          <h2 id="h-note" className="card-title">
            Ghi chú cho cơ quan
          </h2>
          <Field label="Ghi chú (không bắt buộc)" error={errors.note}>
            {({ id, describedBy, invalid }) => (
              <textarea
                id={id}
                data-path="ef-note"
                rows={3}
                maxLength={2000}
                value={d.note}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                onChange={(e) => h.update({ note: e.target.value })}
              />
            )}
          </Field>
        </section>

        <div className="submit-bar">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Đang nộp…' : 'Nộp hồ sơ'}
          </button>
          <A href={procedureHref(p.id)} className="btn btn-secondary">
            Để sau (bản nháp được giữ)
          </A>
        </div>
      </form>
    </div>
  );
}

// Online filing of one procedure: the e-form, the files per component, the receiving agency and,
// when filing for someone else, the right to do so; saved on the device at every keystroke and on
// the server when online (drafts/); the
// form is checked in the browser with the same schema and messages as the server, and the
// server's 422 errors are shown on the same fields; submitting is idempotent (the draft's id).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../../ui/api';
import { ErrorBox, Field, Loading, Message } from '../../ui/components';
import { fmtDateTime, ON_BEHALF_LABEL } from '../../ui/format';
import { loadAgencies, loadProcedure } from '../catalog';
import { getServerDraft, submitServerDraft, type OnBehalf, type ServerUpload } from '../drafts/server';
import { useDraft, type SyncStatus } from '../drafts/useDraft';
import { A, dossierHref, procedureHref } from '../nav';
import { useCitizen } from '../session';
import { Title } from '../Title';
import { useLoad } from '../useLoad';
import { EFormFields, focusFirstError, type Errors } from './EForm';
import type { ESchema } from './schema';
import { Uploads } from './uploads-view';
import { validateForm } from './validate';
import { applyPaths, populationUse, PopulationLookup, type PopulationLookupResult } from '../../ui/PopulationLookup';

interface MyComponents {
  items: { name: string; replaceable_by: string | null; source_name?: string | null; asked: boolean }[];
  national_databases: { connected: boolean; message: string };
}

interface EformAnswer {
  procedure_id: string;
  generic: boolean;
  schema: ESchema;
  components: { name: string; kind: string; count: number }[];
}

/** The procedure version's e-form (its own, or the generic one): `GET /api/v1/procedures/{id}/eform`. */
async function loadEform(id: string): Promise<EformAnswer> {
  return (await api.get<EformAnswer>(`/api/v1/procedures/${encodeURIComponent(id)}/eform`)).data;
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
  const eform = useLoad(() => loadEform(procedureId), procedureId);
  const agencies = useLoad(loadAgencies, 'agencies');
  // «Never ask twice»: which components are still asked of this citizen (the server's answer).
  const mine = useLoad(
    () => api.get<MyComponents>(`/api/v1/me/procedures/${encodeURIComponent(procedureId)}/components`).then((r) => r.data).catch(() => null),
    `mine:${procedureId}`,
  );
  const h = useDraft(user!.id, procedureId, want);
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [uploads, setUploads] = useState<ServerUpload[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);
  const d = h.draft;

  // The latest server id (an upload may create the server draft after this render).
  const serverIdRef = useRef<string | null>(null);
  serverIdRef.current = d?.server_id ?? null;
  const refreshUploads = useCallback(async () => {
    const id = serverIdRef.current;
    if (!id) return;
    try {
      const s = await getServerDraft(id);
      setUploads(s.uploads ?? []);
    } catch {
      /* offline: keep the list */
    }
  }, []);
  useEffect(() => {
    void refreshUploads();
  }, [refreshUploads, d?.server_id]);

  const agencyName = useMemo(() => new Map((agencies.data ?? []).map((a) => [a.id, a.name])), [agencies.data]);

  const failed = proc.error ?? eform.error;
  if (failed !== undefined)
    return (
      <div className="page">
        <Title title="Không mở được tờ khai">Không mở được tờ khai</Title>
        <ErrorBox error={failed} />
      </div>
    );
  if (!proc.data || !d || !eform.data) return <Loading label="Đang mở tờ khai…" />;
  const p = proc.data;
  const schemaData = eform.data.schema;
  const points = (p.catalogue.handling_agencies as string[] | undefined) ?? [];
  // The component the e-form stands for (its paper declaration) is filed by the form itself.
  const formTemplate = eform.data.generic ? null : schemaData.template ?? null;
  // Not asked: what the population database lookup in use replaces (the server's answer).
  const used = d.population ?? null;
  const notAsked = new Map((used?.satisfies ?? []).map((n) => [n, used!.source_name]));
  const components = (p.catalogue.components ?? []).filter((c) => (!formTemplate || c.template !== formTemplate) && !notAsked.has(c.name));
  const connected = !!mine.data?.national_databases.connected;
  const dbMessage = mine.data && components.some((c) => c.replaceable_by) ? mine.data.national_databases.message : null;
  function foundPopulation(r: PopulationLookupResult): string {
    const { value, changed } = applyPaths(d!.data, r.fills.form);
    const use = populationUse(r);
    h.update({ data: value, population: use });
    setErrors((x) => Object.fromEntries(Object.entries(x).filter(([k]) => !changed.some((c) => c === k || c.startsWith(`${k}.`)))));
    return (
      `Đã lấy thông tin của ${r.person.full_name} từ ${r.source_name}` +
      (changed.length ? `; đã điền ${changed.length} mục của tờ khai` : '') +
      '.' +
      (use.satisfies.length ? ` Không cần nộp: ${use.satisfies.map((n) => `«${n}»`).join(', ')}.` : '')
    );
  }
  const fields = schemaData.fields ?? [];

  if (d.submitted)
    return (
      <div className="page">
        <div className="card result-card">
          <Title title="Đã nộp hồ sơ">Đã nộp hồ sơ</Title>
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
    const errs = validateForm(schemaData, d.data);
    setErrors(errs);
    if (Object.keys(errs).length) {
      requestAnimationFrame(() => focusFirstError(Object.keys(errs)) || summaryRef.current?.focus());
      return;
    }
    setBusy(true);
    try {
      const synced = await h.flush();
      const s = await submitServerDraft(synced.server_id!);
      h.markSubmitted(s);
      window.scrollTo(0, 0); // the page's heading takes the focus when it shows (Title)
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
        {d.rev === 0 && !d.server_id
          ? 'Nội dung được lưu tự động trên máy này và trên máy chủ ngay khi anh/chị nhập.'
          : `${STATUS_TEXT[h.status]} ${h.status !== 'offline' ? `Lần sửa cuối: ${fmtDateTime(d.updated_at)}.` : ''}`}
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

        <OnBehalfSection value={d.on_behalf} components={p.catalogue.components ?? []} errors={errors} onChange={(v) => h.update({ on_behalf: v })} />

        <section className="card" aria-labelledby="h-form">
          <h2 id="h-form" className="card-title">
            {schemaData.title || 'Tờ khai'}
          </h2>
          <p className="hint">Các mục có dấu * là bắt buộc. Nội dung được lưu tự động sau mỗi lần nhập.</p>
          {connected && !d.on_behalf && (
            <PopulationLookup
              who="online"
              idNumber={user!.id}
              fullName={user!.full_name}
              procedureId={p.id}
              used={used}
              onFound={foundPopulation}
              onDrop={() => h.update({ population: null })}
            />
          )}
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
          {notAsked.size > 0 && (
            <ul className="plain-list small">
              {[...notAsked].map(([name, source]) => (
                <li key={name}>
                  Không cần nộp «{name}»: cơ quan tự lấy từ {source}.
                </li>
              ))}
            </ul>
          )}
          {dbMessage && <p className="hint">{dbMessage}</p>}
          <Uploads
            draftId={d.server_id}
            ensureDraft={async () => {
              if (d.rev === 0) h.update({ data: { ...d.data } });
              return (await h.flush()).server_id!;
            }}
            draftKey={d.key} components={components} uploads={uploads} onChange={() => void refreshUploads()} errors={errors} />
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

const RELATIONSHIPS: { id: NonNullable<OnBehalf>['relationship']; label: string; proof: boolean }[] = [
  { id: 'authorised', label: ON_BEHALF_LABEL.authorised, proof: true },
  { id: 'guardian', label: ON_BEHALF_LABEL.guardian, proof: true },
  { id: 'legal_representative', label: ON_BEHALF_LABEL.legal_representative, proof: false },
];

/** Filing for someone else (nộp thay): the right and, except for a legal representative, the
 *  component that proves it. The server decides whether it is needed and right. */
function OnBehalfSection({ value, components, errors, onChange }: {
  value: OnBehalf | null;
  components: { name: string }[];
  errors: Errors;
  onChange: (v: OnBehalf | null) => void;
}) {
  const on = !!value;
  const rel = RELATIONSHIPS.find((r) => r.id === value?.relationship);
  return (
    <section className="card" aria-labelledby="h-behalf">
      <h2 id="h-behalf" className="card-title">
        Người nộp hồ sơ
      </h2>
      <div className="eform-check field">
        <input id="ob-on" type="checkbox" checked={on} onChange={(e) => onChange(e.target.checked ? { relationship: '' } : null)} />
        <label htmlFor="ob-on">Tôi nộp thay cho người khác hoặc cho tổ chức</label>
      </div>
      {on && (
        <>
          <fieldset className={`radios ${errors['on_behalf.relationship'] ? 'field-invalid' : ''}`} id="ef-on_behalf_relationship" tabIndex={-1}>
            <legend>Tư cách nộp thay</legend>
            {RELATIONSHIPS.map((r, i) => (
              <label key={r.id} className="radio">
                <input
                  type="radio"
                  name="ob-rel"
                  id={i === 0 ? 'ef-on_behalf_relationship-0' : undefined}
                  checked={value?.relationship === r.id}
                  onChange={() => onChange({ relationship: r.id, ...(r.proof ? { document: value?.document ?? '' } : {}) })}
                />
                {r.label}
              </label>
            ))}
            {errors['on_behalf.relationship'] && <p className="field-error">{errors['on_behalf.relationship']}</p>}
          </fieldset>
          {rel?.proof && (
            <Field label="Giấy tờ chứng minh quyền nộp thay (tải lên ở phần thành phần hồ sơ)" error={errors['on_behalf.document']}>
              {({ id, describedBy, invalid }) => (
                <select
                  id={id}
                  data-path="ef-on_behalf_document"
                  value={value?.document ?? ''}
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                  onChange={(e) => onChange({ ...value!, document: e.target.value })}
                >
                  <option value="">— Chọn —</option>
                  {components.map((c) => (
                    <option key={c.name} value={c.name}>
                      {c.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </>
      )}
    </section>
  );
}

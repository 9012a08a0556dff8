import { DocumentsSection } from './Documents';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError, qs, uuid } from '../ui/api';
import { Badge, ErrorBox, Field, Link, Loading, Message, PageTitle } from '../ui/components';
import { COMPONENT_KIND_LABEL, fmtDateTime, fmtPerPage, fmtVnd, timeLimitLabel } from '../ui/format';
import type { DossierView, Procedure, ProcedureFull } from '../ui/types';
import { checkPersonalId, checkPhone, checkTaxCode } from '../ui/validation';
import { loadAgencies, useNameMap } from './catalog';
import { useSession } from './session';
import { AddressUnitText, UnitPicker } from '../ui/UnitPicker';
import { applyFlat, populationUse, PopulationLookup, type PopulationLookupResult, type PopulationUse } from '../ui/PopulationLookup';

interface ApplicantDraft {
  kind: 'citizen' | 'organisation';
  full_name: string;
  id_number: string;
  tax_code: string;
  phone: string;
  email: string;
  address: string;
  /** The current commune-level unit; with a former unit, the one it became (chosen when it was split). */
  address_unit_id: string;
  /** The pre-2025 unit the applicant gave, kept as written (drafts saved before it existed lack it). */
  address_former_unit_id?: string;
}

interface ComponentDraft {
  name: string;
  kind: string;
  count: number;
  provided: boolean;
  /** Satisfied by the population database lookup in use (not handed in). */
  from_population?: boolean;
}

interface Draft {
  version: 1;
  idemKey: string;
  procedure: Procedure | null;
  channel: 1 | 3;
  receiving_agency_id: string;
  applicant: ApplicantDraft;
  components: ComponentDraft[];
  note: string;
  /** The national population database lookup filling this dossier (population_lookup_id). */
  population?: PopulationUse | null;
  savedAt?: number;
}

function emptyDraft(agency: string): Draft {
  return {
    version: 1,
    idemKey: uuid(),
    procedure: null,
    channel: 1,
    receiving_agency_id: agency,
    applicant: { kind: 'citizen', full_name: '', id_number: '', tax_code: '', phone: '', email: '', address: '', address_unit_id: '', address_former_unit_id: '' },
    components: [],
    note: '',
  };
}

function draftKey(username: string) {
  return `motcua.staff.reception-draft.${username}`;
}

function loadDraft(username: string): Draft | null {
  try {
    const raw = localStorage.getItem(draftKey(username));
    if (!raw) return null;
    const d = JSON.parse(raw) as Draft;
    return d && d.version === 1 && typeof d.idemKey === 'string' ? d : null;
  } catch {
    return null;
  }
}

// The catalogue's name for the national population database as a component's replaceable_by
// (the source a counter lookup reads, as intake records it).
const POPULATION_SOURCE = 'csdl_dan_cu';

// Another procedure: a lookup is of the person, so it stays in use with the applicant it filled;
// what it said of the old procedure's components goes, and is redone from the new procedure's
// catalogue when it loads (the components its catalogue says the database replaces, which intake
// then records as taken from it).
function withProcedure(d: Draft, procedure: Procedure | null): Draft {
  return { ...d, procedure, components: [], population: d.population ? { ...d.population, satisfies: [] } : null };
}

function withoutPopulation(d: Draft): Draft {
  return { ...d, population: null, components: d.components.map((c) => (c.from_population ? { ...c, provided: false, from_population: false } : c)) };
}

function isBlank(d: Draft): boolean {
  const a = d.applicant;
  return !d.procedure && !a.full_name && !a.id_number && !a.tax_code && !a.phone && !a.address && !a.address_unit_id && !a.address_former_unit_id && !d.note;
}

type Errors = Partial<Record<'procedure' | 'full_name' | 'id_number' | 'tax_code' | 'phone' | 'address' | 'address_unit' | 'receiving_agency_id', string>>;

function validate(d: Draft, needAgency: boolean): Errors {
  const e: Errors = {};
  if (!d.procedure) e.procedure = 'Vui lòng chọn thủ tục hành chính.';
  const a = d.applicant;
  if (!a.full_name.trim()) e.full_name = a.kind === 'citizen' ? 'Vui lòng nhập họ và tên người nộp.' : 'Vui lòng nhập tên tổ chức.';
  if (a.kind === 'citizen') {
    const err = a.id_number.trim() ? checkPersonalId(a.id_number.trim()) : 'Vui lòng nhập số định danh cá nhân.';
    if (err) e.id_number = err;
  } else {
    const err = a.tax_code.trim() ? checkTaxCode(a.tax_code.trim()) : 'Vui lòng nhập mã số thuế.';
    if (err) e.tax_code = err;
  }
  const ph = checkPhone(a.phone.trim());
  if (ph) e.phone = ph;
  if (a.address_former_unit_id && !a.address_unit_id) e.address_unit = 'Vui lòng chọn xã, phường, đặc khu hiện nay mà đơn vị cũ đã được chia về.';
  if (needAgency && !d.receiving_agency_id) e.receiving_agency_id = 'Vui lòng chọn nơi tiếp nhận.';
  return e;
}

const SERVER_FIELD: Record<string, keyof Errors> = {
  'applicant.full_name': 'full_name',
  'applicant.id_number': 'id_number',
  'applicant.tax_code': 'tax_code',
  'applicant.phone': 'phone',
  'applicant.address': 'address',
  'applicant.address_unit_id': 'address_unit',
  'applicant.address_former_unit_id': 'address_unit',
  procedure_id: 'procedure',
  receiving_agency_id: 'receiving_agency_id',
};

export function ReceptionPage() {
  const { user } = useSession();
  const receptionAgencies = useMemo(() => user.receive_agencies ?? [], [user]);
  const agencyNames = useNameMap(loadAgencies);

  const restored = useRef(loadDraft(user.username));
  const [draft, setDraft] = useState<Draft>(() => restored.current ?? emptyDraft(receptionAgencies[0] ?? ''));
  const [restoredNotice, setRestoredNotice] = useState(!!restored.current && !isBlank(restored.current));
  const [catalogue, setCatalogue] = useState<ProcedureFull | null>(null);
  const [catalogueError, setCatalogueError] = useState<unknown>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [busy, setBusy] = useState<null | 'receive' | 'save'>(null);
  const [done, setDone] = useState<{ dossier: DossierView; received: boolean } | null>(null);
  const [missingWarn, setMissingWarn] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);

  // Keep a local draft so a lost connection or a reload loses nothing.
  useEffect(() => {
    if (done) return;
    try {
      if (isBlank(draft)) localStorage.removeItem(draftKey(user.username));
      else localStorage.setItem(draftKey(user.username), JSON.stringify({ ...draft, savedAt: Date.now() }));
    } catch {
      /* storage full or disabled */
    }
  }, [draft, done, user.username]);

  // The chosen procedure's catalogue record (components, fees).
  const procId = draft.procedure?.id;
  useEffect(() => {
    if (!procId) {
      setCatalogue(null);
      return;
    }
    let live = true;
    setCatalogueError(null);
    api.get<ProcedureFull>(`/api/v1/procedures/${encodeURIComponent(procId)}`).then(
      ({ data }) => {
        if (!live) return;
        setCatalogue(data);
        setDraft((d) => {
          if (d.procedure?.id !== procId || d.components.length !== 0) return d;
          const comps = data.catalogue.components ?? [];
          const satisfies = d.population ? comps.filter((c) => c.replaceable_by === POPULATION_SOURCE).map((c) => c.name) : [];
          return {
            ...d,
            population: d.population ? { ...d.population, satisfies } : d.population,
            components: comps.map((c) => ({
              name: c.name,
              kind: c.kind || 'original',
              count: c.count || 1,
              provided: satisfies.includes(c.name),
              ...(satisfies.includes(c.name) ? { from_population: true } : {}),
            })),
          };
        });
      },
      (e) => live && setCatalogueError(e),
    );
    return () => {
      live = false;
    };
  }, [procId]);

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setApplicant = (patch: Partial<ApplicantDraft>) =>
    setDraft((d) => {
      const next = { ...d, applicant: { ...d.applicant, ...patch } };
      // A lookup is of one person: another number, or an organisation, no longer uses it.
      return d.population && (next.applicant.id_number !== d.population.id_number || next.applicant.kind !== 'citizen') ? withoutPopulation(next) : next;
    });
  function foundPopulation(r: PopulationLookupResult): string {
    const { value, changed } = applyFlat(draft.applicant, r.fills.applicant);
    const use = populationUse(r);
    setDraft((d) => ({
      ...d,
      applicant: applyFlat(d.applicant, r.fills.applicant).value,
      population: use,
      components: d.components.map((c) => (use.satisfies.includes(c.name) ? { ...c, provided: true, from_population: true } : c)),
    }));
    setErrors((x) => ({ ...x, full_name: undefined, id_number: undefined, address: undefined }));
    const labels: Record<string, string> = { full_name: 'họ và tên', id_number: 'số định danh', address: 'địa chỉ' };
    const filled = changed.map((k) => labels[k] ?? k);
    return (
      `Đã lấy thông tin của ${value.full_name} từ ${r.source_name}` +
      (filled.length ? `; đã điền ${filled.join(', ')}` : '') +
      '.' +
      (use.satisfies.length ? ` Không cần nộp: ${use.satisfies.map((n) => `«${n}»`).join(', ')}.` : '')
    );
  }
  const setComponent = (i: number, patch: Partial<ComponentDraft>) =>
    setDraft((d) => ({ ...d, components: d.components.map((c, j) => (j === i ? { ...c, ...patch } : c)) }));

  function reset() {
    try {
      localStorage.removeItem(draftKey(user.username));
    } catch {
      /* ignore */
    }
    setDraft(emptyDraft(receptionAgencies[0] ?? ''));
    setErrors({});
    setSubmitError(null);
    setDone(null);
    setRestoredNotice(false);
    setMissingWarn(false);
    setAttempted(false);
  }

  const missing = draft.components.filter((c) => !c.provided);

  async function submit(receive: boolean) {
    const errs = validate(draft, receptionAgencies.length > 1);
    setAttempted(true);
    setErrors(errs);
    setSubmitError(null);
    if (Object.keys(errs).length > 0) {
      setTimeout(() => errorRef.current?.focus(), 0);
      return;
    }
    if (receive && missing.length > 0 && !missingWarn) {
      // First click: warn that the checklist is incomplete; a second click confirms.
      setMissingWarn(true);
      setTimeout(() => errorRef.current?.focus(), 0);
      return;
    }
    const a = draft.applicant;
    const applicant: Record<string, string> = { kind: a.kind, full_name: a.full_name.trim() };
    if (a.kind === 'citizen') applicant.id_number = a.id_number.trim();
    else applicant.tax_code = a.tax_code.trim();
    if (a.phone.trim()) applicant.phone = a.phone.trim();
    if (a.email.trim()) applicant.email = a.email.trim();
    if (a.address.trim()) applicant.address = a.address.trim();
    if (a.address_unit_id) applicant.address_unit_id = a.address_unit_id;
    if (a.address_former_unit_id) applicant.address_former_unit_id = a.address_former_unit_id;
    const body: Record<string, unknown> = {
      procedure_id: draft.procedure!.id,
      channel: draft.channel,
      receive,
      applicant,
      components: draft.components.map((c) => ({ name: c.name, kind: c.kind, count: c.count, provided: c.provided })),
    };
    if (draft.note.trim()) body.note = draft.note.trim();
    if (draft.population && a.kind === 'citizen') body.population_lookup_id = draft.population.id;
    if (receptionAgencies.length > 1 && draft.receiving_agency_id) body.receiving_agency_id = draft.receiving_agency_id;
    setBusy(receive ? 'receive' : 'save');
    try {
      const { data } = await api.post<DossierView>('/api/v1/dossiers', body, { headers: { 'Idempotency-Key': draft.idemKey } });
      try {
        localStorage.removeItem(draftKey(user.username));
      } catch {
        /* ignore */
      }
      setDone({ dossier: data, received: data.state.id === 'received' });
      setTimeout(() => doneRef.current?.focus(), 0);
    } catch (e) {
      setSubmitError(e);
      if (e instanceof ApiError && e.problem.errors) {
        const fe: Errors = {};
        for (const x of e.problem.errors) {
          const k = SERVER_FIELD[x.field];
          if (k) fe[k] = x.detail;
        }
        setErrors(fe);
      }
      setTimeout(() => errorRef.current?.focus(), 0);
    } finally {
      setBusy(null);
    }
  }

  if (receptionAgencies.length === 0) {
    return (
      <div className="page">
        <PageTitle title="Tiếp nhận hồ sơ">Tiếp nhận hồ sơ</PageTitle>
        <Message kind="error">Tài khoản của bạn không có quyền tiếp nhận hồ sơ.</Message>
      </div>
    );
  }

  if (done) {
    const d = done.dossier;
    return (
      <div className="page">
        <PageTitle title="Đã tiếp nhận hồ sơ">{done.received ? 'Đã tiếp nhận hồ sơ' : 'Đã lưu hồ sơ chờ kiểm tra'}</PageTitle>
        <div className="card result-card" role="status">
          <h2 ref={doneRef} tabIndex={-1}>
            Mã hồ sơ: <span className="code code-big" data-testid="dossier-code">{d.code}</span>
          </h2>
          <dl className="dl">
            <dt>Thủ tục</dt>
            <dd>{d.procedure.name}</dd>
            <dt>Người nộp</dt>
            <dd>{d.applicant.full_name}</dd>
            {d.applicant.address && (
              <>
                <dt>Địa chỉ</dt>
                <dd>{d.applicant.address}</dd>
              </>
            )}
            {d.applicant.address_unit_id && (
              <>
                <dt>Xã, phường, đặc khu</dt>
                <dd data-testid="address-unit">
                  <AddressUnitText applicant={d.applicant} />
                </dd>
              </>
            )}
            <dt>Trạng thái</dt>
            <dd>{d.state.label}</dd>
            {d.due_at && (
              <>
                <dt>Hẹn trả kết quả</dt>
                <dd>{fmtDateTime(d.due_at)}</dd>
              </>
            )}
          </dl>
          <div className="actions-row">
            <Link className="btn btn-primary" href={`/staff/ho-so/${encodeURIComponent(d.id)}`}>
              Xem hồ sơ
            </Link>
            {done.received && (
              <a className="btn btn-secondary" href={`/api/v1/dossiers/${encodeURIComponent(d.id)}/forms/01.pdf`} target="_blank" rel="noopener">
                In phiếu tiếp nhận
              </a>
            )}
            <button type="button" className="btn btn-secondary" onClick={reset}>
              Tiếp nhận hồ sơ mới
            </button>
          </div>
        </div>
        <DocumentsSection
          dossierId={d.id}
          components={d.details.components ?? []}
          documents={d.documents ?? []}
          canUpload
          onUploaded={(doc) => setDone((x) => (x ? { ...x, dossier: { ...x.dossier, documents: [...(x.dossier.documents ?? []), doc] } } : x))}
        />
      </div>
    );
  }

  // The summary appears after a submit attempt; before that, errors show beside their fields only.
  const errorList = attempted ? (Object.values(errors).filter(Boolean) as string[]) : [];
  const a = draft.applicant;
  const fees = catalogue?.catalogue.fees ?? [];

  return (
    <div className="page">
      <PageTitle title="Tiếp nhận hồ sơ">Tiếp nhận hồ sơ</PageTitle>
      {restoredNotice && (
        <Message kind="info" onDismiss={() => setRestoredNotice(false)}>
          Đã khôi phục bản nháp chưa gửi{draft.savedAt ? ` (lưu lúc ${fmtDateTime(draft.savedAt)})` : ''}.{' '}
          <button type="button" className="btn btn-link" onClick={reset}>
            Xóa bản nháp, nhập mới
          </button>
        </Message>
      )}
      <p className="muted draft-note">Nội dung nhập được tự động lưu tạm trên máy này cho đến khi gửi thành công.</p>

      <form
        className="reception-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(true);
        }}
      >
        <fieldset className="card">
          <legend>1. Thủ tục hành chính</legend>
          {receptionAgencies.length > 1 && (
            <Field label="Nơi tiếp nhận" required error={errors.receiving_agency_id}>
              {({ id, describedBy, invalid }) => (
                <select id={id} value={draft.receiving_agency_id} onChange={(e) => set({ receiving_agency_id: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
                  {receptionAgencies.map((ag) => (
                    <option key={ag} value={ag}>
                      {agencyNames.get(ag) ?? ag}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {draft.procedure ? (
            <div className="selected-proc">
              <p>
                <strong>{draft.procedure.name}</strong>
                <br />
                <span className="muted">
                  Mã {draft.procedure.national_code} · Lĩnh vực {draft.procedure.field}
                </span>
              </p>
              <p>
                Thời hạn giải quyết: {timeLimitLabel(draft.procedure.time_limit)}
                {!draft.procedure.time_limit.verified && (
                  <>
                    {' '}
                    <Badge tone="muted">chưa xác minh</Badge>
                  </>
                )}
              </p>
              <button type="button" className="btn btn-secondary btn-small" onClick={() => setDraft((d) => withProcedure(d, null))}>
                Chọn thủ tục khác
              </button>
            </div>
          ) : (
            <ProcedurePicker error={errors.procedure} onPick={(p) => setDraft((d) => withProcedure(d, p))} />
          )}
          <fieldset className="radios">
            <legend>Hình thức nộp</legend>
            <label className="radio">
              <input type="radio" name="channel" checked={draft.channel === 1} onChange={() => set({ channel: 1 })} /> Trực tiếp tại Bộ phận Một cửa
            </label>
            <label className="radio">
              <input type="radio" name="channel" checked={draft.channel === 3} onChange={() => set({ channel: 3 })} /> Qua dịch vụ bưu chính công ích
            </label>
          </fieldset>
        </fieldset>

        <fieldset className="card">
          <legend>2. Người nộp hồ sơ</legend>
          <fieldset className="radios">
            <legend>Loại người nộp</legend>
            <label className="radio">
              <input type="radio" name="kind" checked={a.kind === 'citizen'} onChange={() => setApplicant({ kind: 'citizen' })} /> Công dân
            </label>
            <label className="radio">
              <input type="radio" name="kind" checked={a.kind === 'organisation'} onChange={() => setApplicant({ kind: 'organisation' })} /> Tổ chức, doanh nghiệp
            </label>
          </fieldset>
          <div className="grid-2">
            <Field label={a.kind === 'citizen' ? 'Họ và tên' : 'Tên tổ chức'} required error={errors.full_name}>
              {({ id, describedBy, invalid }) => (
                <input id={id} value={a.full_name} onChange={(e) => setApplicant({ full_name: e.target.value })} autoComplete="off" maxLength={200} aria-describedby={describedBy} aria-invalid={invalid || undefined} aria-required="true" />
              )}
            </Field>
            {a.kind === 'citizen' ? (
              <Field label="Số định danh cá nhân" required error={errors.id_number} hint="12 chữ số trên thẻ căn cước.">
                {({ id, describedBy, invalid }) => (
                  <input
                    id={id}
                    value={a.id_number}
                    onChange={(e) => setApplicant({ id_number: e.target.value.replace(/\s/g, '') })}
                    onBlur={() => setErrors((x) => ({ ...x, id_number: a.id_number ? checkPersonalId(a.id_number) ?? undefined : x.id_number }))}
                    inputMode="numeric"
                    autoComplete="off"
                    maxLength={12}
                    aria-describedby={describedBy}
                    aria-invalid={invalid || undefined}
                    aria-required="true"
                  />
                )}
              </Field>
            ) : (
              <Field label="Mã số thuế" required error={errors.tax_code} hint="10 chữ số, hoặc 10 chữ số - 3 chữ số.">
                {({ id, describedBy, invalid }) => (
                  <input
                    id={id}
                    value={a.tax_code}
                    onChange={(e) => setApplicant({ tax_code: e.target.value.replace(/\s/g, '') })}
                    onBlur={() => setErrors((x) => ({ ...x, tax_code: a.tax_code ? checkTaxCode(a.tax_code) ?? undefined : x.tax_code }))}
                    autoComplete="off"
                    maxLength={14}
                    aria-describedby={describedBy}
                    aria-invalid={invalid || undefined}
                    aria-required="true"
                  />
                )}
              </Field>
            )}
            <Field label="Số điện thoại" error={errors.phone}>
              {({ id, describedBy, invalid }) => (
                <input id={id} type="tel" value={a.phone} onChange={(e) => setApplicant({ phone: e.target.value.replace(/\s/g, '') })} inputMode="tel" autoComplete="off" maxLength={12} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
              )}
            </Field>
            <Field label="Thư điện tử">
              {({ id }) => <input id={id} type="email" value={a.email} onChange={(e) => setApplicant({ email: e.target.value })} autoComplete="off" maxLength={200} />}
            </Field>
            <Field label="Địa chỉ" error={errors.address} className="span-2" hint="Ghi như người nộp khai, kể cả tên xã, huyện cũ trước 01/7/2025: nội dung này được giữ nguyên.">
              {({ id, describedBy, invalid }) => (
                <input id={id} value={a.address} onChange={(e) => setApplicant({ address: e.target.value })} autoComplete="off" maxLength={500} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
              )}
            </Field>
            <div className="span-2">
              <UnitPicker
                value={{ address_unit_id: a.address_unit_id, address_former_unit_id: a.address_former_unit_id ?? '' }}
                onChange={(v) => {
                  setApplicant(v);
                  setErrors((x) => ({ ...x, address_unit: undefined }));
                }}
                error={errors.address_unit}
              />
            </div>
          </div>
          {a.kind === 'citizen' && (
            <PopulationLookup
              level={2}
              who="counter"
              idNumber={a.id_number}
              fullName={a.full_name}
              procedureId={draft.procedure?.id}
              used={draft.population ?? null}
              onFound={foundPopulation}
              onDrop={() => setDraft(withoutPopulation)}
            />
          )}
        </fieldset>

        <fieldset className="card">
          <legend>3. Thành phần hồ sơ</legend>
          {!draft.procedure ? (
            <p className="muted">Chọn thủ tục để hiện danh mục giấy tờ.</p>
          ) : catalogueError ? (
            <ErrorBox error={catalogueError} />
          ) : !catalogue ? (
            <Loading label="Đang tải danh mục giấy tờ…" />
          ) : draft.components.length === 0 ? (
            <p className="muted">Thủ tục này không có danh mục giấy tờ trong cơ sở dữ liệu.</p>
          ) : (
            <ul className="checklist">
              {draft.components.map((c, i) => (
                <li key={i} className={`check-item ${c.provided ? 'is-provided' : ''}`}>
                  <label className="check-main">
                    <input type="checkbox" checked={c.provided} disabled={c.from_population} onChange={(e) => setComponent(i, { provided: e.target.checked })} />
                    <span>
                      {c.name}
                      {c.from_population && draft.population && (
                        <span className="check-source">Không cần nộp: đã lấy từ {draft.population.source_name}.</span>
                      )}
                    </span>
                  </label>
                  <div className="check-opts">
                    <label>
                      <span className="sr-only">Loại bản của «{c.name}»</span>
                      <select value={c.kind} onChange={(e) => setComponent(i, { kind: e.target.value })}>
                        {Object.entries(COMPONENT_KIND_LABEL).map(([k, v]) => (
                          <option key={k} value={k}>
                            {v}
                          </option>
                        ))}
                        {!COMPONENT_KIND_LABEL[c.kind] && <option value={c.kind}>{c.kind}</option>}
                      </select>
                    </label>
                    <label className="count">
                      <span>Số bản</span>
                      <input
                        type="number"
                        min={1}
                        max={100}
                        value={c.count}
                        onChange={(e) => setComponent(i, { count: Math.max(1, Math.min(100, Number(e.target.value) || 1)) })}
                        aria-label={`Số bản của «${c.name}»`}
                      />
                    </label>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </fieldset>

        {draft.procedure && catalogue && (
          <section className="card" aria-labelledby="fees-h">
            <h2 id="fees-h" className="card-title">
              Phí, lệ phí
            </h2>
            {fees.length === 0 ? (
              <p>Không thu phí, lệ phí (theo danh mục).</p>
            ) : (
              <ul className="fees">
                {fees.map((f, i) => (
                  <li key={i}>
                    <span className="fee-name">{f.name}:</span>{' '}
                    <strong>{f.amount_vnd === null ? 'Chưa có mức phí được công bố' : f.per === 'page' ? fmtPerPage({ ...f, amount_vnd: f.amount_vnd }) : f.amount_vnd === 0 ? 'Miễn phí (0 đồng)' : fmtVnd(f.amount_vnd)}</strong>
                    {!f.verified && (
                      <>
                        {' '}
                        <Badge tone="muted">chưa xác minh</Badge>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}

        <fieldset className="card">
          <legend>4. Ghi chú</legend>
          <Field label="Ghi chú khi tiếp nhận">
            {({ id }) => <textarea id={id} value={draft.note} onChange={(e) => set({ note: e.target.value })} rows={2} maxLength={2000} />}
          </Field>
        </fieldset>

        <div ref={errorRef} tabIndex={-1} className="form-messages" aria-live="polite">
          {errorList.length > 0 && (
            <Message kind="error">
              <p className="msg-title">Vui lòng kiểm tra lại thông tin:</p>
              <ul className="msg-list">
                {errorList.map((x, i) => (
                  <li key={i}>{x}</li>
                ))}
              </ul>
            </Message>
          )}
          {submitError !== null && errorList.length === 0 && <ErrorBox error={submitError} />}
          {missingWarn && missing.length > 0 && errorList.length === 0 && submitError === null && (
            <Message kind="warning">
              <p className="msg-title">Chưa đánh dấu đã nộp {missing.length} giấy tờ:</p>
              <ul className="msg-list">
                {missing.map((c, i) => (
                  <li key={i}>{c.name}</li>
                ))}
              </ul>
              <p>Nếu hồ sơ chưa đầy đủ, chọn «Lưu chờ kiểm tra» rồi yêu cầu bổ sung. Bấm «Tiếp nhận» lần nữa để vẫn tiếp nhận.</p>
            </Message>
          )}
        </div>

        <div className="actions-row form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy !== null}>
            {busy === 'receive' ? 'Đang tiếp nhận…' : 'Tiếp nhận'}
          </button>
          <button type="button" className="btn btn-secondary" disabled={busy !== null} onClick={() => void submit(false)}>
            {busy === 'save' ? 'Đang lưu…' : 'Lưu chờ kiểm tra'}
          </button>
          <button type="button" className="btn btn-link" onClick={reset} disabled={busy !== null}>
            Xóa và nhập lại
          </button>
        </div>
      </form>
    </div>
  );
}

function ProcedurePicker({ onPick, error }: { onPick: (p: Procedure) => void; error?: string }) {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<Procedure[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      api.get<{ items: Procedure[] }>(`/api/v1/procedures${qs({ agency: 'me', q: q.trim() })}`).then(
        ({ data }) => {
          if (!live) return;
          setItems(data.items);
          setLoadError(null);
        },
        (e) => live && setLoadError(e),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q]);

  return (
    <div className="proc-picker">
      <Field label="Tìm thủ tục theo tên hoặc mã" required error={error} hint="Gõ không dấu cũng được, ví dụ «dang ky khai sinh» hoặc «1.001193».">
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            aria-controls="proc-results"
            autoComplete="off"
            maxLength={200}
          />
        )}
      </Field>
      {loadError !== null && <ErrorBox error={loadError} />}
      <p className="sr-only" role="status">
        {items ? `${items.length} thủ tục phù hợp` : ''}
      </p>
      <ul id="proc-results" className="proc-results" aria-label="Kết quả tìm thủ tục">
        {items === null ? (
          <li className="muted">Đang tải…</li>
        ) : items.length === 0 ? (
          <li className="muted">Không tìm thấy thủ tục phù hợp.</li>
        ) : (
          items.slice(0, 30).map((p) => (
            <li key={p.id}>
              <button type="button" className="proc-option" onClick={() => onPick(p)}>
                <span className="proc-name">{p.name}</span>
                <span className="proc-meta">
                  {p.national_code} · {p.field}
                </span>
              </button>
            </li>
          ))
        )}
      </ul>
    </div>
  );
}

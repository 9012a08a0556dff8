// "Thủ tục hành chính": search the catalogue, see a procedure's versions and each version's
// internal process (steps, roles, hours) and time limit; a province administrator publishes a
// new version with edited steps and time limit (the server checks; its field errors are shown
// beside the fields).
import { useEffect, useRef, useState } from 'react';
import { api, qs, type Problem } from '../../ui/api';
import { ErrorBox, Field, Link, Loading, Message, PageTitle, problemOf } from '../../ui/components';
import { timeLimitLabel } from '../../ui/format';
import type { Procedure, ProcedureFull, Role } from '../../ui/types';
import { DateInput } from '../../ui/DateField';
import { may, useSession } from '../session';
import { DOSSIER_ROLES, fieldErrors, fmtIsoDate, ROLE_LABEL, todayIso } from './common';
import { focusFirstInvalid } from '../../ui/focus';

interface ProcedureVersion extends Procedure {
  effective_from: string | null;
}
interface Step {
  name: string;
  role: Role | string;
  agency: 'receiving' | 'competent' | string;
  hours: number;
}
type Unit = 'working_days' | 'working_hours' | 'calendar_days' | 'same_day';
const UNIT_LABEL: Record<Unit, string> = {
  working_days: 'Ngày làm việc',
  working_hours: 'Giờ làm việc',
  calendar_days: 'Ngày (theo lịch)',
  same_day: 'Trong ngày',
};
const AGENCY_LABEL: Record<string, string> = { receiving: 'Nơi tiếp nhận', competent: 'Cơ quan có thẩm quyền' };

function stepsOf(p: ProcedureFull | null): Step[] {
  const raw = (p?.catalogue as { process?: Step[] } | undefined)?.process;
  return Array.isArray(raw) ? raw.map((s) => ({ name: s.name, role: s.role, agency: s.agency, hours: s.hours })) : [];
}

export function ProceduresPage() {
  const { search } = locationSearch();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Procedure[] | null>(null);
  const [searchError, setSearchError] = useState<unknown>(null);
  const [picked, setPicked] = useState<string | null>(search);
  const [flash, setFlash] = useState<string | null>(null);

  async function find(e?: React.FormEvent) {
    e?.preventDefault();
    setSearchError(null);
    setResults(null);
    try {
      const { data } = await api.get<{ items: Procedure[] }>(`/api/v1/procedures${qs({ q: q.trim() })}`);
      setResults(data.items);
    } catch (x) {
      setSearchError(x);
    }
  }
  useEffect(() => {
    void find();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div className="page page-wide">
      <p className="breadcrumb">
        <Link href="/staff/quan-tri">← Quản trị</Link>
      </p>
      <PageTitle title="Thủ tục hành chính">Thủ tục hành chính</PageTitle>
      {picked ? (
        <>
          <div className="flash" aria-live="polite">
            {flash && (
              <Message kind="success" onDismiss={() => setFlash(null)}>
                {flash}
              </Message>
            )}
          </div>
          <ProcedureDetail
            key={picked}
            id={picked}
            onBack={() => {
              setFlash(null);
              setPicked(null);
            }}
            onOpen={(x) => {
              setFlash(null);
              setPicked(x);
            }}
            onCreated={(text, x) => {
              setPicked(x);
              setFlash(text);
            }}
          />
        </>
      ) : (
        <>
          <form className="filters" role="search" onSubmit={(e) => void find(e)}>
            <Field label="Tìm thủ tục theo tên hoặc mã">
              {({ id }) => <input id={id} type="search" value={q} onChange={(e) => setQ(e.currentTarget.value)} />}
            </Field>
            <button type="submit" className="btn btn-primary">
              Tìm
            </button>
          </form>
          {searchError !== null && <ErrorBox error={searchError} />}
          {!results && searchError === null && <Loading label="Đang tải danh mục thủ tục…" />}
          {results && (
            <>
              <p className="muted" role="status">
                {results.length} thủ tục
              </p>
              <ul className="proc-admin-list">
                {results.map((p) => (
                  <li key={p.id}>
                    <button type="button" className="btn btn-link proc-admin-open" onClick={() => setPicked(p.id)}>
                      {p.name}
                    </button>{' '}
                    <span className="muted">
                      {p.national_code}, phiên bản {p.version} — {p.field} — {timeLimitLabel(p.time_limit)}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </div>
  );
}

function locationSearch(): { search: string | null } {
  return { search: new URLSearchParams(location.search).get('thu-tuc') };
}

function ProcedureDetail({
  id,
  onBack,
  onOpen,
  onCreated,
}: {
  id: string;
  onBack: () => void;
  onOpen: (id: string) => void;
  onCreated: (text: string, id: string) => void;
}) {
  const { user } = useSession();
  const canEdit = may(user, 'change_procedures');
  const [versions, setVersions] = useState<ProcedureVersion[] | null>(null);
  const [proc, setProc] = useState<ProcedureFull | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const headRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    Promise.all([
      api.get<{ items: ProcedureVersion[] }>(`/api/v1/admin/procedures/${encodeURIComponent(id)}/versions`),
      api.get<ProcedureFull>(`/api/v1/procedures/${encodeURIComponent(id)}`),
    ]).then(
      ([v, p]) => {
        if (!live) return;
        setVersions(v.data.items);
        setProc(p.data);
        setTimeout(() => headRef.current?.focus(), 0);
      },
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [id]);

  if (error !== null) return <ErrorBox error={error} />;
  if (!versions || !proc) return <Loading label="Đang tải thủ tục…" />;
  const steps = stepsOf(proc);
  const latest = versions[versions.length - 1];
  const total = steps.reduce((a, s) => a + (Number(s.hours) || 0), 0);
  const effective = versions.find((v) => v.id === proc.id)?.effective_from ?? null;

  return (
    <>
      <p>
        <button type="button" className="btn btn-link" onClick={onBack}>
          ← Danh sách thủ tục
        </button>
      </p>
      <section className="card" aria-labelledby="h-proc">
        <h2 id="h-proc" ref={headRef} tabIndex={-1} className="card-title">
          {proc.name} — phiên bản {proc.version}
        </h2>
        <dl className="dl">
          <dt>Mã thủ tục</dt>
          <dd>{proc.national_code}</dd>
          <dt>Lĩnh vực</dt>
          <dd>{proc.field}</dd>
          <dt>Thời hạn giải quyết</dt>
          <dd data-testid="time-limit">{timeLimitLabel(proc.time_limit)}</dd>
          <dt>Ngày áp dụng</dt>
          <dd>{fmtIsoDate(effective)}</dd>
        </dl>
        <h3 className="sub-title">Quy trình nội bộ</h3>
        {steps.length === 0 ? (
          <p className="muted">Chưa có quy trình nội bộ.</p>
        ) : (
          <ol className="process-steps" data-testid="process-steps">
            {steps.map((s, i) => (
              <li key={i}>
                <strong>{s.name}</strong>
                <span className="muted">
                  {' '}
                  — {ROLE_LABEL[s.role as Role] ?? s.role}, {AGENCY_LABEL[s.agency] ?? s.agency}, {s.hours} giờ
                </span>
              </li>
            ))}
          </ol>
        )}
        <p className="muted">Tổng: {total} giờ làm việc.</p>
      </section>

      <section className="card" aria-labelledby="h-versions">
        <h2 id="h-versions" className="card-title">
          Các phiên bản
        </h2>
        <ul className="versions">
          {versions.map((v) => (
            <li key={v.id}>
              {v.id === proc.id ? (
                <strong aria-current="true">Phiên bản {v.version} (đang xem)</strong>
              ) : (
                <button type="button" className="btn btn-link" onClick={() => onOpen(v.id)}>
                  Phiên bản {v.version}
                </button>
              )}{' '}
              <span className="muted">
                — áp dụng từ {fmtIsoDate(v.effective_from)}, {timeLimitLabel(v.time_limit)}
              </span>
            </li>
          ))}
        </ul>
      </section>

      {canEdit && !editing && (
        <p>
          <button type="button" className="btn btn-primary" onClick={() => setEditing(true)}>
            Tạo phiên bản mới
          </button>
        </p>
      )}
      {canEdit && editing && (
        <NewVersion
          base={proc}
          latest={latest}
          steps={steps}
          onCancel={() => setEditing(false)}
          onCreated={(p) => {
            setEditing(false);
            onCreated(`Đã ban hành phiên bản ${p.version} của thủ tục ${p.national_code}.`, p.id);
          }}
        />
      )}
    </>
  );
}

function NewVersion({
  base,
  latest,
  steps: initial,
  onCancel,
  onCreated,
}: {
  base: ProcedureFull;
  latest: ProcedureVersion;
  steps: Step[];
  onCancel: () => void;
  onCreated: (p: ProcedureFull) => void;
}) {
  const today = todayIso();
  const [effective, setEffective] = useState(latest.effective_from && latest.effective_from > today ? latest.effective_from : today);
  const [unit, setUnit] = useState<Unit>((base.time_limit.unit as Unit) in UNIT_LABEL ? (base.time_limit.unit as Unit) : 'working_days');
  const [amount, setAmount] = useState(String(base.time_limit.amount || 1));
  const [steps, setSteps] = useState<Step[]>(initial.length ? initial : [{ name: '', role: 'reception', agency: 'receiving', hours: 1 }]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(problem);
  const total = steps.reduce((a, s) => a + (Number(s.hours) || 0), 0);

  const set = (i: number, patch: Partial<Step>) => setSteps((xs) => xs.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const move = (i: number, d: -1 | 1) =>
    setSteps((xs) => {
      const ys = [...xs];
      [ys[i], ys[i + d]] = [ys[i + d], ys[i]];
      return ys;
    });

  async function submit() {
    setBusy(true);
    setProblem(null);
    try {
      const { data } = await api.post<ProcedureFull>(`/api/v1/admin/procedures/${encodeURIComponent(base.id)}/versions`, {
        effective_from: effective,
        time_limit: unit === 'same_day' ? { unit } : { unit, amount: Number(amount) },
        process: steps.map((s) => ({ name: s.name.trim(), role: s.role, agency: s.agency, hours: Number(s.hours) })),
      });
      onCreated(data);
    } catch (e) {
      setProblem(problemOf(e));
      focusFirstInvalid(formRef, '.msg');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      ref={formRef}
      className="card"
      aria-labelledby="h-new-version"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="h-new-version" className="card-title">
        Tạo phiên bản mới (phiên bản {latest.version + 1})
      </h2>
      <p className="hint">
        Phiên bản đã ban hành không thay đổi: hồ sơ đã tiếp nhận giữ phiên bản cũ. Tổng số giờ các bước phải nằm trong thời hạn giải quyết (8 giờ mỗi ngày làm việc).
      </p>
      <div className="grid-2">
        <Field label="Ngày áp dụng" required error={errors.effective_from}>
          {({ id, describedBy, invalid }) => (
            <DateInput id={id} value={effective} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={setEffective} />
          )}
        </Field>
        <div className="grid-2 nested">
          <Field label="Đơn vị thời hạn" error={errors['time_limit.unit']}>
            {({ id, describedBy, invalid }) => (
              <select id={id} value={unit} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setUnit(e.currentTarget.value as Unit)}>
                {(Object.keys(UNIT_LABEL) as Unit[]).map((u) => (
                  <option key={u} value={u}>
                    {UNIT_LABEL[u]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {unit !== 'same_day' && (
            <Field label="Thời hạn" error={errors['time_limit.amount']}>
              {({ id, describedBy, invalid }) => (
                <input id={id} type="number" inputMode="numeric" min={1} max={3650} value={amount} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setAmount(e.currentTarget.value)} />
              )}
            </Field>
          )}
        </div>
      </div>
      <fieldset className="fieldset">
        <legend>Quy trình nội bộ</legend>
        <ol className="step-editor">
          {steps.map((s, i) => {
            const p = `process[${i}].`;
            return (
              <li key={i} className="step-edit">
                <p className="step-edit-title">Bước {i + 1}</p>
                <Field label={`Tên bước ${i + 1}`} required error={errors[`${p}name`]}>
                  {({ id, describedBy, invalid }) => (
                    <input id={id} type="text" maxLength={300} value={s.name} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => set(i, { name: e.currentTarget.value })} />
                  )}
                </Field>
                <div className="step-edit-row">
                  <Field label={`Vai trò bước ${i + 1}`} error={errors[`${p}role`]}>
                    {({ id, describedBy, invalid }) => (
                      <select id={id} value={s.role} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => set(i, { role: e.currentTarget.value })}>
                        {DOSSIER_ROLES.map((r) => (
                          <option key={r} value={r}>
                            {ROLE_LABEL[r]}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Field label={`Cơ quan thực hiện bước ${i + 1}`} error={errors[`${p}agency`]}>
                    {({ id, describedBy, invalid }) => (
                      <select id={id} value={s.agency} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => set(i, { agency: e.currentTarget.value })}>
                        <option value="receiving">{AGENCY_LABEL.receiving}</option>
                        <option value="competent">{AGENCY_LABEL.competent}</option>
                      </select>
                    )}
                  </Field>
                  <Field label={`Số giờ bước ${i + 1}`} error={errors[`${p}hours`]}>
                    {({ id, describedBy, invalid }) => (
                      <input
                        id={id}
                        type="number"
                        inputMode="numeric"
                        min={1}
                        max={2000}
                        value={String(s.hours)}
                        aria-describedby={describedBy}
                        aria-invalid={invalid || undefined}
                        onChange={(e) => set(i, { hours: e.currentTarget.value === '' ? 0 : Number(e.currentTarget.value) })}
                      />
                    )}
                  </Field>
                </div>
                <div className="actions-row">
                  <button type="button" className="btn btn-secondary btn-small" disabled={i === 0} onClick={() => move(i, -1)}>
                    Lên<span className="sr-only"> (bước {i + 1})</span>
                  </button>
                  <button type="button" className="btn btn-secondary btn-small" disabled={i === steps.length - 1} onClick={() => move(i, 1)}>
                    Xuống<span className="sr-only"> (bước {i + 1})</span>
                  </button>
                  <button type="button" className="btn btn-danger-outline btn-small" disabled={steps.length === 1} onClick={() => setSteps((xs) => xs.filter((_, j) => j !== i))}>
                    Xóa bước {i + 1}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
        <button type="button" className="btn btn-secondary btn-small" onClick={() => setSteps((xs) => [...xs, { name: '', role: 'specialist', agency: 'competent', hours: 8 }])}>
          Thêm bước
        </button>
        <p className="muted" aria-live="polite">
          Tổng số giờ: {total}
        </p>
        {errors.process && <p className="field-error">{errors.process}</p>}
      </fieldset>
      {problem && (
        <div className="msg msg-error" role="alert" tabIndex={-1}>
          <div className="msg-body">
            <p className="msg-title">{problem.detail}</p>
            {problem.errors && problem.errors.length > 0 && (
              <ul className="msg-list">
                {problem.errors.map((e, i) => (
                  <li key={i}>{fieldName(e.field)}: {e.detail}</li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
      <div className="actions-row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Ban hành phiên bản mới
        </button>
        <button type="button" className="btn btn-link" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

function fieldName(f: string): string {
  const m = /^process\[(\d+)\]\.(\w+)$/.exec(f);
  if (m) return `Bước ${Number(m[1]) + 1}, ${({ name: 'tên', role: 'vai trò', agency: 'cơ quan', hours: 'số giờ' } as Record<string, string>)[m[2]] ?? m[2]}`;
  return (
    ({ effective_from: 'Ngày áp dụng', 'time_limit.unit': 'Đơn vị thời hạn', 'time_limit.amount': 'Thời hạn', process: 'Quy trình nội bộ' } as Record<string, string>)[f] ?? f
  );
}

// "Đánh giá giải quyết TTHC" (DOMAIN.md §7): the quarterly evaluation of each agency on nine
// indicators. The list shows the agencies the server lets this reader see (GET
// /api/v1/evaluations); one agency's quarter shows the six points the dossiers decide (with what
// they came from), the three a person decides, the total, band, rules and history, and the form
// the server offers this reader (may.self_score: the agency's leader; may.appraise: the
// superior). Loaded on demand.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Problem, uuid } from '../ui/api';
import { Badge, ErrorBox, Field, Link, Loading, Message, PageTitle, ProblemView, problemOf } from '../ui/components';
import { useLocation } from '../ui/router';
import { fieldErrors } from './admin/common';
import { focusFirstInvalid } from '../ui/focus';

interface Summary {
  agency: { id: string; name: string };
  quarter?: string;
  state: 'open' | 'self_scored' | 'appraised';
  total: number | null;
  band: string | null;
  band_label?: string;
}

interface Indicator {
  number: number;
  id: string;
  label: string;
  computed: boolean;
  points: number | null;
  basis?: string;
  empty?: boolean;
  self_points?: number | null;
  appraised_points?: number | null;
}

interface HistoryEntry {
  action: 'self_scored' | 'appraised';
  by: string;
  at: string;
  total: number;
  band: string;
  note: string;
  points: Record<string, number>;
}

interface Evaluation {
  agency: { id: string; name: string; parent_name: string };
  quarter: string;
  period_from: string;
  period_to: string;
  state: Summary['state'];
  rules: { effective_from: string; legal_basis: string; verified: boolean; note: string; bands: { id: string; label: string; min_points: number; inclusive: boolean }[] };
  indicators: Indicator[];
  total: number;
  max: number;
  complete: boolean;
  band: { id: string; label: string } | null;
  self_score: { by: string; at: string; note: string } | null;
  appraisal: { by: string; at: string; note: string } | null;
  history: HistoryEntry[];
  ratings: { very_satisfied: number; satisfied: number; dissatisfied: number; total: number };
  may: { self_score: boolean; appraise: boolean };
}

const ENTERED = ['published', 'attitude', 'feedback'] as const;
const STATE_LABEL: Record<Summary['state'], string> = {
  open: 'Chưa tự chấm',
  self_scored: 'Đã tự chấm, chờ thẩm định',
  appraised: 'Đã thẩm định',
};

const fmtPoints = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toLocaleString('vi-VN', { maximumFractionDigits: 2 }));
const fmtDate = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
};
const fmtInstant = (iso: string) => `${iso.slice(11, 16)} ${fmtDate(iso)}`;
const who = (label: string) => label.replace(/^staff:/, '');

/** The current quarter and the seven before it, latest first ("2026-Q4"). */
function recentQuarters(): string[] {
  const now = new Date(Date.now() + 7 * 3600_000);
  let y = now.getUTCFullYear();
  let q = Math.floor(now.getUTCMonth() / 3) + 1;
  const out: string[] = [];
  for (let i = 0; i < 8; i++) {
    out.push(`${y}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      y -= 1;
    }
  }
  return out;
}
const quarterLabel = (q: string) => `Quý ${['I', 'II', 'III', 'IV'][Number(q.slice(-1)) - 1]} năm ${q.slice(0, 4)}`;

export default function EvaluationPage() {
  const { pathname } = useLocation();
  const m = /^\/staff\/danh-gia\/([^/]+)\/(\d{4}-Q[1-4])$/.exec(pathname);
  if (m) return <AgencyEvaluation key={pathname} agency={decodeURIComponent(m[1])} quarter={m[2]} />;
  return <Overview />;
}

function Overview() {
  const quarters = recentQuarters();
  const [quarter, setQuarter] = useState(quarters[0]);
  const [items, setItems] = useState<Summary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    setItems(null);
    setError(null);
    api.get<{ items: Summary[] }>(`/api/v1/evaluations?quarter=${quarter}`).then(
      ({ data }) => live && setItems(data.items),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [quarter]);
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link href="/staff">← Hàng đợi hồ sơ</Link>
      </p>
      <PageTitle title="Đánh giá giải quyết thủ tục hành chính">Đánh giá giải quyết thủ tục hành chính</PageTitle>
      <p className="hint">
        Mỗi quý, mỗi cơ quan được đánh giá theo 9 chỉ số, mỗi chỉ số từ 0 đến 2 điểm (tối đa 18 điểm). Sáu chỉ số do hệ thống tính từ hồ sơ; ba chỉ số do lãnh đạo cơ quan tự chấm và cấp trên thẩm định.
      </p>
      <div className="card">
        <Field label="Kỳ đánh giá">
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} value={quarter} onChange={(e) => setQuarter(e.currentTarget.value)}>
              {quarters.map((q) => (
                <option key={q} value={q}>
                  {quarterLabel(q)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {error ? (
          <ErrorBox error={error} />
        ) : !items ? (
          <Loading label="Đang tải danh sách cơ quan…" />
        ) : items.length === 0 ? (
          <Message kind="info">Tài khoản không có cơ quan nào để xem kết quả đánh giá.</Message>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Bảng kết quả đánh giá các cơ quan">
            <table className="table eval-table">
              <caption className="sr-only">Kết quả đánh giá {quarterLabel(quarter)}</caption>
              <thead>
                <tr>
                  <th scope="col">Cơ quan</th>
                  <th scope="col">Tình trạng</th>
                  <th scope="col">Tổng điểm</th>
                  <th scope="col">Xếp loại</th>
                </tr>
              </thead>
              <tbody>
                {items.map((s) => (
                  <tr key={s.agency.id}>
                    <td>
                      <Link href={`/staff/danh-gia/${encodeURIComponent(s.agency.id)}/${quarter}`}>{s.agency.name}</Link>
                    </td>
                    <td>
                      <Badge tone={s.state === 'appraised' ? 'ok' : s.state === 'self_scored' ? 'warning' : 'muted'}>{STATE_LABEL[s.state]}</Badge>
                    </td>
                    <td>{fmtPoints(s.total)}</td>
                    <td>{s.band_label || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}

function AgencyEvaluation({ agency, quarter }: { agency: string; quarter: string }) {
  const [ev, setEv] = useState<Evaluation | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const { data } = await api.get<Evaluation>(`/api/v1/agencies/${encodeURIComponent(agency)}/evaluations/${quarter}`);
      setEv(data);
    } catch (e) {
      setError(e);
    }
  }, [agency, quarter]);
  useEffect(() => {
    void load();
  }, [load]);

  if (error)
    return (
      <div className="page">
        <PageTitle title="Đánh giá cơ quan">Đánh giá cơ quan</PageTitle>
        <ErrorBox error={error} />
      </div>
    );
  if (!ev) return <Loading label="Đang tải kết quả đánh giá…" />;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link href="/staff/danh-gia">← Đánh giá các cơ quan</Link>
      </p>
      <PageTitle title={`Đánh giá ${ev.agency.name}`}>
        {ev.agency.name}: {quarterLabel(ev.quarter)}
      </PageTitle>
      <p className="hint">
        Từ {fmtDate(ev.period_from)} đến {fmtDate(ev.period_to)}. <Badge tone={ev.state === 'appraised' ? 'ok' : ev.state === 'self_scored' ? 'warning' : 'muted'}>{STATE_LABEL[ev.state]}</Badge>
      </p>
      {saved && <Message kind="success">{saved}</Message>}
      <section className="card" aria-labelledby="eval-total">
        <h2 id="eval-total" className="card-title">
          Tổng điểm: {fmtPoints(ev.total)} / {fmtPoints(ev.max)}
          {ev.band ? ` — Xếp loại ${ev.band.label}` : ''}
        </h2>
        {!ev.complete && <p className="hint">Chưa đủ điểm ba chỉ số do con người chấm: tổng điểm hiện chỉ gồm các chỉ số tính từ hồ sơ.</p>}
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Bảng điểm từng chỉ số">
          <table className="table eval-table">
            <caption className="sr-only">Điểm từng chỉ số</caption>
            <thead>
              <tr>
                <th scope="col">TT</th>
                <th scope="col">Chỉ số</th>
                <th scope="col">Cách tính</th>
                <th scope="col">Tự chấm</th>
                <th scope="col">Thẩm định</th>
                <th scope="col">Điểm</th>
              </tr>
            </thead>
            <tbody>
              {ev.indicators.map((i) => (
                <tr key={i.id}>
                  <td>{i.number}</td>
                  <th scope="row">{i.label}</th>
                  <td>
                    {i.computed ? <>Hệ thống tính: {i.basis}</> : 'Con người chấm'}
                    {i.id === 'attitude' && (
                      <>
                        {'. '}
                        {ev.ratings.total === 0
                          ? 'Chưa có đánh giá nào của người dân trong quý.'
                          : `Người dân đánh giá trong quý: ${ev.ratings.very_satisfied} rất hài lòng, ${ev.ratings.satisfied} hài lòng, ${ev.ratings.dissatisfied} không hài lòng.`}
                      </>
                    )}
                  </td>
                  <td>{i.computed ? '' : fmtPoints(i.self_points)}</td>
                  <td>{i.computed ? '' : fmtPoints(i.appraised_points)}</td>
                  <td>
                    <strong>{fmtPoints(i.points)}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="hint">
          Căn cứ: {ev.rules.legal_basis} (áp dụng từ {fmtDate(ev.rules.effective_from)}).{' '}
          {!ev.rules.verified && (
            <>
              <Badge tone="warning">chưa kiểm chứng</Badge> Ngưỡng điểm chưa được đối chiếu với văn bản gốc.
            </>
          )}
        </p>
        <p className="hint">
          Xếp loại:{' '}
          {ev.rules.bands.map((b, k) => (
            <span key={b.id}>
              {k > 0 && '; '}
              {b.label} {b.min_points > 0 || k === 0 ? `${b.inclusive ? 'từ' : 'trên'} ${fmtPoints(b.min_points)} điểm` : `dưới ${fmtPoints(ev.rules.bands[k - 1].min_points)} điểm`}
            </span>
          ))}
          .
        </p>
      </section>
      {ev.may.self_score && (
        <ScoreForm
          title="Tự chấm điểm của cơ quan"
          action="self-score"
          ev={ev}
          initial={Object.fromEntries(ENTERED.map((k) => [k, ev.indicators.find((i) => i.id === k)?.self_points ?? null]))}
          onSaved={(e) => {
            setEv(e);
            setSaved(`Đã ghi kết quả tự chấm: ${fmtPoints(e.total)} điểm${e.band ? `, xếp loại ${e.band.label}` : ''}.`);
          }}
        />
      )}
      {ev.may.appraise && (
        <ScoreForm
          title="Thẩm định kết quả tự chấm"
          action="appraisal"
          ev={ev}
          initial={Object.fromEntries(ENTERED.map((k) => [k, ev.indicators.find((i) => i.id === k)?.self_points ?? null]))}
          onSaved={(e) => {
            setEv(e);
            setSaved(`Đã ghi kết quả thẩm định: ${fmtPoints(e.total)} điểm${e.band ? `, xếp loại ${e.band.label}` : ''}.`);
          }}
        />
      )}
      <section className="card" aria-labelledby="eval-history">
        <h2 id="eval-history" className="card-title">
          Lịch sử chấm điểm
        </h2>
        {ev.history.length === 0 ? (
          <p className="empty">Chưa có lần chấm nào trong quý này.</p>
        ) : (
          <ol className="eval-history">
            {ev.history.map((h, k) => (
              <li key={k}>
                {fmtInstant(h.at)}: {h.action === 'appraised' ? 'thẩm định' : 'tự chấm'} bởi {who(h.by)}, tổng {fmtPoints(h.total)} điểm
                {h.note ? ` — “${h.note}”` : ''}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function ScoreForm({ title, action, ev, initial, onSaved }: { title: string; action: 'self-score' | 'appraisal'; ev: Evaluation; initial: Record<string, number | null>; onSaved: (e: Evaluation) => void }) {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(ENTERED.map((k) => [k, initial[k] === null || initial[k] === undefined ? '' : String(initial[k])])));
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(uuid());
  const formRef = useRef<HTMLFormElement>(null);
  const errors = { ...fieldErrors(problem), ...local };
  const headingId = `form-${action}`;

  async function submit() {
    setProblem(null);
    const v: Record<string, string> = {};
    const points: Record<string, number> = {};
    for (const k of ENTERED) {
      const raw = values[k].trim().replace(',', '.');
      const n = Number(raw);
      if (raw === '' || !Number.isFinite(n) || n < 0 || n > 2) v[`points.${k}`] = 'Nhập điểm từ 0 đến 2 (ví dụ 1,5).';
      else points[k] = n;
    }
    setLocal(v);
    if (Object.keys(v).length) {
      focusFirstInvalid(formRef);
      return;
    }
    setBusy(true);
    try {
      const { data } = await api.post<Evaluation>(`/api/v1/agencies/${encodeURIComponent(ev.agency.id)}/evaluations/${ev.quarter}/${action}`, { points, note }, { headers: { 'Idempotency-Key': key.current } });
      key.current = uuid();
      onSaved(data);
    } catch (e) {
      setProblem(problemOf(e));
      focusFirstInvalid(formRef);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      ref={formRef}
      className="card"
      aria-labelledby={headingId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id={headingId} className="card-title">
        {title}
      </h2>
      <p className="hint">Ba chỉ số do con người đánh giá, mỗi chỉ số từ 0 đến 2 điểm; sáu chỉ số còn lại hệ thống đã tính từ hồ sơ.</p>
      <div className="grid-3">
        {ENTERED.map((k) => (
          <Field key={k} label={ev.indicators.find((i) => i.id === k)?.label ?? k} required error={errors[`points.${k}`]}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                inputMode="decimal"
                autoComplete="off"
                value={values[k]}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                onChange={(e) => {
                  const val = e.currentTarget.value;
                  setValues((old) => ({ ...old, [k]: val }));
                }}
              />
            )}
          </Field>
        ))}
      </div>
      <Field label="Ghi chú" error={errors.note}>
        {({ id, describedBy, invalid }) => <textarea id={id} rows={2} maxLength={2000} value={note} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setNote(e.currentTarget.value)} />}
      </Field>
      {problem && (
        <Message kind="error">
          <ProblemView problem={problem} />
        </Message>
      )}
      <div className="actions-row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Đang ghi…' : action === 'appraisal' ? 'Ghi kết quả thẩm định' : 'Ghi kết quả tự chấm'}
        </button>
      </div>
    </form>
  );
}

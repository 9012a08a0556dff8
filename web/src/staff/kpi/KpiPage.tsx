// "Chỉ số giải quyết TTHC" (issue 14, DOMAIN.md §9): the figures of a scope and period read from the
// counters (GET /api/v1/kpi/summary), each with its formula, against the targets in force
// (GET /api/v1/kpi/targets, data with their legal basis), and the dossiers behind a reception or
// decision figure (/staff/chi-so/ho-so, GET /api/v1/kpi/dossiers: the list has exactly that many).
// Loaded on demand with chart.js: no other page carries it.
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { api, qs } from '../../ui/api';
import { ErrorBox, Field, Link, Loading, Message, PageTitle } from '../../ui/components';
import { useLocation } from '../../ui/router';
import type { Agency, Procedure } from '../../ui/types';
import { loadAgencies, loadProcedures } from '../catalog';
import { may, useSession } from '../session';
import { fmtDay, fmtNum, fmtPct, periodOf, todayVn, type PeriodKind } from './period';
import type { KpiSummary, Targets } from './types';
import KpiDrill from './KpiDrill';
import Index766Section from './Index766Section';
import KpiSteps from './KpiSteps';
import './kpi.css';

const KpiChart = lazy(() => import('./KpiChart'));

const PERIOD_LABEL: Record<PeriodKind, string> = { month: 'Tháng', quarter: 'Quý', year: 'Năm', custom: 'Tùy chọn' };
const LEVEL_LABEL: Record<string, string> = { province: 'Cấp tỉnh', district: 'Cấp huyện (trước 01/7/2025)', commune: 'Cấp xã' };

export default function KpiPage() {
  const { pathname } = useLocation();
  if (pathname === '/staff/chi-so/ho-so') return <KpiDrill />;
  return <Dashboard />;
}

/** The query of the page's URL: what was chosen survives a reload and a link. */
function useQuery() {
  const { search } = useLocation();
  const kind = (search.get('ky') as PeriodKind) || 'quarter';
  const p = periodOf(kind === 'custom' ? 'quarter' : kind, todayVn());
  return {
    scope: search.get('scope') ?? '',
    field: search.get('field') ?? '',
    procedure: search.get('procedure') ?? '',
    kind,
    from: search.get('from') ?? p.from,
    to: search.get('to') ?? p.to,
  };
}

function Dashboard() {
  const { user } = useSession();
  const q = useQuery();
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [procedures, setProcedures] = useState<Procedure[]>([]);
  const [targets, setTargets] = useState<Targets | null>(null);
  const [summary, setSummary] = useState<KpiSummary | null>(null);
  const [error, setError] = useState<unknown>(null);
  const provinceWide = may(user, 'read_kpi_province');
  const scope = q.scope || (provinceWide ? 'province' : `agency:${user.grants[0]?.agency_id ?? ''}`);
  // A period reaching past today is read up to today: nothing is received or decided later, and
  // a stock "at the close of" a future day would count as overdue what is not yet.
  const today = todayVn();
  const to = q.to > today && q.from <= today ? today : q.to;

  useEffect(() => {
    loadAgencies().then(setAgencies, () => undefined);
    loadProcedures().then(setProcedures, () => undefined);
    api.get<Targets>('/api/v1/kpi/targets').then(({ data }) => setTargets(data), () => undefined);
  }, []);
  useEffect(() => {
    let live = true;
    setSummary(null);
    setError(null);
    api
      .get<KpiSummary>(`/api/v1/kpi/summary${qs({ scope, field: q.field, procedure: q.procedure, from: q.from, to })}`)
      .then(({ data }) => live && setSummary(data), (e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [scope, q.field, q.procedure, q.from, to]);

  const fields = useMemo(() => Array.from(new Set(procedures.map((p) => p.field).filter(Boolean))).sort((a, b) => a.localeCompare(b, 'vi')), [procedures]);
  const shownProcedures = useMemo(() => procedures.filter((p) => !q.field || p.field === q.field), [procedures, q.field]);
  const set = (patch: Record<string, string>) => {
    const next = { scope, field: q.field, procedure: q.procedure, ky: q.kind, from: q.from, to: q.to, ...patch };
    const u = new URL(location.href);
    u.search = qs(next);
    history.replaceState(null, '', u.pathname + u.search);
    window.dispatchEvent(new Event('motcua:navigate'));
  };
  const choosePeriod = (kind: PeriodKind, day: string) => {
    const p = kind === 'custom' ? { from: q.from, to: q.to } : periodOf(kind, day);
    set({ ky: kind, ...p });
  };
  const drill = (metric: string) => `/staff/chi-so/ho-so${qs({ scope, field: q.field, procedure: q.procedure, from: q.from, to, metric })}`;

  return (
    <div className="page kpi-page">
      <p className="breadcrumb">
        <Link href="/staff">← Hàng đợi hồ sơ</Link>
      </p>
      <PageTitle title="Chỉ số giải quyết thủ tục hành chính">Chỉ số giải quyết thủ tục hành chính</PageTitle>
      <p className="hint">Số liệu đọc từ bộ đếm cập nhật cùng giao dịch của từng hồ sơ; tồn tính tại cuối ngày kết thúc kỳ.</p>
      <form className="card kpi-filters" onSubmit={(e) => e.preventDefault()} aria-label="Phạm vi và kỳ báo cáo">
        <Field label="Phạm vi">
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} value={scope} onChange={(e) => set({ scope: e.currentTarget.value })}>
              {provinceWide && <option value="province">Toàn tỉnh</option>}
              {provinceWide &&
                Object.entries(LEVEL_LABEL).map(([l, label]) => (
                  <option key={l} value={`level:${l}`}>
                    {label}
                  </option>
                ))}
              {agencies
                .filter((a) => provinceWide || user.grants.some((g) => g.agency_id === a.id))
                .map((a) => (
                  <option key={a.id} value={`agency:${a.id}`}>
                    {a.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Field label="Lĩnh vực">
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} value={q.field} onChange={(e) => set({ field: e.currentTarget.value, procedure: '' })}>
              <option value="">Tất cả lĩnh vực</option>
              {fields.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Thủ tục">
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} value={q.procedure} onChange={(e) => set({ procedure: e.currentTarget.value })}>
              <option value="">Tất cả thủ tục</option>
              {shownProcedures.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Loại kỳ">
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} value={q.kind} onChange={(e) => choosePeriod(e.currentTarget.value as PeriodKind, q.from)}>
              {Object.entries(PERIOD_LABEL).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Từ ngày">
          {({ id, describedBy }) => (
            <input id={id} aria-describedby={describedBy} type="date" value={q.from} required
              onChange={(e) => e.currentTarget.value && (q.kind === 'custom' ? set({ from: e.currentTarget.value }) : choosePeriod(q.kind, e.currentTarget.value))} />
          )}
        </Field>
        <Field label="Đến ngày">
          {({ id, describedBy }) => (
            <input id={id} aria-describedby={describedBy} type="date" value={q.to} required disabled={q.kind !== 'custom'}
              onChange={(e) => e.currentTarget.value && set({ to: e.currentTarget.value })} />
          )}
        </Field>
      </form>
      <p className="kpi-period" aria-live="polite">
        Kỳ: {fmtDay(q.from)} – {fmtDay(q.to)}
        {to !== q.to && ` (số liệu đến hết ngày ${fmtDay(to)})`}
      </p>
      {error ? (
        <ErrorBox error={error} />
      ) : !summary ? (
        <Loading label="Đang tải số liệu…" />
      ) : (
        <Figures s={summary} targets={targets} procedures={shownProcedures} drill={drill} />
      )}
      {!error && <Index766Section scope={scope} field={q.field} procedure={q.procedure} from={q.from} to={to} />}
      <KpiSteps query={{ scope, field: q.field, procedure: q.procedure, from: q.from, to }} />
    </div>
  );
}

function Figures({ s, targets, procedures, drill }: { s: KpiSummary; targets: Targets | null; procedures: Procedure[]; drill: (m: string) => string }) {
  const target = (id: string) => targets?.targets.find((t) => t.id === id);
  const online = procedures.filter((p) => p.online_level === 'full' || p.online_level === 'partial').length;
  const level4 = procedures.filter((p) => p.online_level === 'full').length;
  const directive: { id: string; value: number | null; formula: string }[] = [
    { id: 'online_share', value: s.online_share, formula: `Hồ sơ trực tuyến / hồ sơ tiếp nhận = ${fmtNum(s.received.online)} / ${fmtNum(s.received.total)}` },
    { id: 'procedures_online', value: procedures.length ? online / procedures.length : null, formula: `Thủ tục trực tuyến mức 3, 4 / thủ tục = ${online} / ${procedures.length}` },
    { id: 'level4_share', value: online ? level4 / online : null, formula: `Thủ tục mức 4 / thủ tục trực tuyến = ${level4} / ${online}` },
    { id: 'on_time_rate', value: s.on_time_rate, formula: `(Đã giải quyết − quá hạn) / đã giải quyết = (${fmtNum(s.resolved.total)} − ${fmtNum(s.resolved.late)}) / ${fmtNum(s.resolved.total)}` },
  ];
  const chartLabels = useMemo(() => ['Trực tiếp', 'Trực tuyến', 'Bưu chính'], []);
  const chartSeries = useMemo(() => [{ label: 'Hồ sơ tiếp nhận', values: [s.received.counter, s.received.online, s.received.post], color: '#1d4f91' }], [s]);
  const resLabels = useMemo(() => ['Trước hạn', 'Đúng hạn', 'Quá hạn'], []);
  const resSeries = useMemo(() => [{ label: 'Hồ sơ đã giải quyết', values: [s.resolved.early, s.resolved.on_time, s.resolved.late], color: '#2e7d32' }], [s]);
  const rated = s.ratings.total;
  return (
    <>
      <section className="card" aria-labelledby="kpi-directive">
        <h2 id="kpi-directive">Chỉ tiêu và mức phải đạt</h2>
        {targets && (
          <p className="hint">
            Căn cứ: {targets.legal_basis} (áp dụng từ {fmtDay(targets.effective_from)}){targets.verified ? '' : ' — mức chỉ tiêu chưa được đối chiếu văn bản gốc'}.
          </p>
        )}
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Bảng chỉ tiêu và mức phải đạt">
          <table className="table kpi-table">
            <caption className="sr-only">Chỉ tiêu so với mức phải đạt</caption>
            <thead>
              <tr>
                <th scope="col">Chỉ tiêu</th>
                <th scope="col">Đạt được</th>
                <th scope="col">Mức phải đạt</th>
                <th scope="col">Đánh giá</th>
                <th scope="col">Cách tính</th>
              </tr>
            </thead>
            <tbody>
              {directive.map((d) => {
                const t = target(d.id);
                return (
                  <tr key={d.id}>
                    <th scope="row">{t?.label ?? d.id}</th>
                    <td>{fmtPct(d.value)}</td>
                    <td>{t ? `≥ ${fmtPct(t.target)}` : '—'}</td>
                    <td>{d.value === null || !t ? 'Chưa có số liệu' : d.value >= t.target ? 'Đạt' : 'Chưa đạt'}</td>
                    <td className="kpi-formula">{d.formula}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="kpi-figures">
        <h2 id="kpi-figures">Số liệu của kỳ</h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Bảng số liệu của kỳ">
          <table className="table kpi-table" data-testid="kpi-figures">
            <caption className="sr-only">Số liệu của kỳ và cách tính</caption>
            <thead>
              <tr>
                <th scope="col">Số liệu</th>
                <th scope="col">Giá trị</th>
                <th scope="col">Cách tính</th>
              </tr>
            </thead>
            <tbody>
              <Row label="Hồ sơ tiếp nhận" value={fmtNum(s.received.total)} href={drill('received')} formula="Trực tiếp + trực tuyến + bưu chính, theo ngày tiếp nhận trong kỳ" />
              <Row label="Tiếp nhận trực tuyến" value={fmtNum(s.received.online)} href={drill('received_online')} formula="Hồ sơ nộp trực tuyến đã tiếp nhận trong kỳ" />
              <Row label="Kỳ trước chuyển sang" value={fmtNum(s.carried_over)} formula={`Đang giải quyết tại cuối ngày trước ${fmtDay(s.from)}`} />
              <Row label="Đã giải quyết" value={fmtNum(s.resolved.total)} href={drill('resolved')} formula="Trước hạn + đúng hạn + quá hạn, theo ngày có kết quả trong kỳ" />
              <Row label="Giải quyết quá hạn" value={fmtNum(s.resolved.late)} href={drill('resolved_late')} formula="Kết quả sau hạn hẹn lần đầu (xin lỗi, hẹn lại không làm hồ sơ thành đúng hạn)" />
              <Row label="Tỷ lệ đúng hạn" value={fmtPct(s.on_time_rate)} formula="(Đã giải quyết − quá hạn) / đã giải quyết" />
              <Row label="Đang giải quyết" value={fmtNum(s.in_progress.total)} href={drill('in_progress')} formula={`Tồn tại cuối ngày ${fmtDay(s.in_progress.at)}`} />
              <Row label="Đang giải quyết quá hạn" value={fmtNum(s.in_progress.overdue)} href={drill('overdue')} formula={`Tồn có hạn giải quyết trước hoặc bằng ${fmtDay(s.in_progress.at)}`} />
              <Row label="Tỷ lệ hồ sơ trực tuyến" value={fmtPct(s.online_share)} formula="Tiếp nhận trực tuyến / hồ sơ tiếp nhận" />
              <Row label="Thư xin lỗi" value={fmtNum(s.apologised)} formula="Văn bản xin lỗi, hẹn lại đã gửi trong kỳ" />
              <Row
                label="Yêu cầu bổ sung trên mỗi hồ sơ"
                value={s.supplements_per_dossier === null ? 'Chưa có số liệu' : s.supplements_per_dossier.toLocaleString('vi-VN', { maximumFractionDigits: 2 })}
                formula={`Yêu cầu bổ sung / hồ sơ tiếp nhận = ${fmtNum(s.supplement_requested)} / ${fmtNum(s.received.total)}`}
              />
              <Row
                label="Mức độ hài lòng"
                value={rated === 0 ? 'Chưa có đánh giá' : fmtPct((s.ratings.very_satisfied + s.ratings.satisfied) / rated)}
                formula={`(Rất hài lòng + hài lòng) / lượt đánh giá = (${s.ratings.very_satisfied} + ${s.ratings.satisfied}) / ${rated}`}
              />
            </tbody>
          </table>
        </div>
      </section>
      <div className="kpi-charts">
        <Suspense fallback={<Loading label="Đang tải biểu đồ…" />}>
          <KpiChart title="Hồ sơ tiếp nhận theo kênh" labels={chartLabels} series={chartSeries}>
            <SmallTable caption="Hồ sơ tiếp nhận theo kênh" labels={chartLabels} values={chartSeries[0].values} />
          </KpiChart>
          <KpiChart title="Hồ sơ đã giải quyết theo thời hạn" labels={resLabels} series={resSeries}>
            <SmallTable caption="Hồ sơ đã giải quyết theo thời hạn" labels={resLabels} values={resSeries[0].values} />
          </KpiChart>
        </Suspense>
      </div>
      {s.received.total === 0 && s.resolved.total === 0 && <Message kind="info">Không có hồ sơ nào trong kỳ và phạm vi đã chọn.</Message>}
    </>
  );
}

function Row({ label, value, formula, href }: { label: string; value: string; formula: string; href?: string }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{href ? <Link href={href} aria-label={`${label}: ${value} — xem danh sách hồ sơ`}>{value}</Link> : value}</td>
      <td className="kpi-formula">{formula}</td>
    </tr>
  );
}

function SmallTable({ caption, labels, values }: { caption: string; labels: string[]; values: number[] }) {
  return (
    <table className="table">
      <caption className="sr-only">{caption}</caption>
      <tbody>
        {labels.map((l, i) => (
          <tr key={l}>
            <th scope="row">{l}</th>
            <td>{fmtNum(values[i])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// "Số liệu phản ánh, kiến nghị" (issue 16, DOMAIN.md §9, QĐ 766's satisfaction group): cases by
// channel, field and agency, handled on time, satisfaction with the answers — from the counters
// kept in the same transaction as each step (GET /api/v1/staff/feedback/figures). Who sees it and
// which scopes come from the server (`may.feedback_figures`, `may.feedback_figures_province`);
// the server answers 403 for an agency that is not the reader's. Charts come with chart.js in
// the dashboard's lazy chunk (KpiChart), each with its table as the text alternative.
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { api, qs } from '../../ui/api';
import { ErrorBox, Field, Link, Loading, PageTitle } from '../../ui/components';
import { useLocation } from '../../ui/router';
import type { Agency } from '../../ui/types';
import { loadAgencies } from '../catalog';
import { may, useSession } from '../session';
import { fmtNum, fmtPct, todayVn } from './period';
import './kpi.css';

const KpiChart = lazy(() => import('./KpiChart'));

interface Counter {
  period: string;
  agency_id: string;
  channel: string;
  field: string;
  metric: string;
  n: number;
}

export interface FeedbackFigures {
  from: string;
  to: string;
  agency_id: string | null;
  received: number;
  handled: number;
  handled_on_time: number;
  rated: number;
  satisfied: number;
  on_time_permille: number | null;
  satisfied_permille: number | null;
  received_by_channel: Record<string, number>;
  channel_labels: Record<string, string>;
  classified_by_field: Record<string, number>;
  by_agency: Record<string, Record<string, number>>;
  counters: Counter[];
}

const RATINGS: [string, string][] = [
  ['rated_very_satisfied', 'Rất hài lòng'],
  ['rated_satisfied', 'Hài lòng'],
  ['rated_dissatisfied', 'Không hài lòng'],
];

const permille = (p: number | null) => (p === null ? null : p / 1000);

function useQuery(defaultScope: string) {
  const { search } = useLocation();
  const month = todayVn().slice(0, 7);
  return {
    agency: search.get('agency') ?? defaultScope,
    from: search.get('from') ?? `${month.slice(0, 4)}-01`,
    to: search.get('to') ?? month,
  };
}

export default function FeedbackFiguresPage() {
  const { user } = useSession();
  const province = may(user, 'feedback_figures_province');
  const ownAgencies = useMemo(() => Array.from(new Set(user.grants.map((g) => g.agency_id))), [user]);
  const q = useQuery(province ? '' : ownAgencies[0] ?? '');
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [figures, setFigures] = useState<FeedbackFigures | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    loadAgencies().then(setAgencies, () => undefined);
  }, []);
  useEffect(() => {
    let live = true;
    setFigures(null);
    setError(null);
    api
      .get<FeedbackFigures>(`/api/v1/staff/feedback/figures${qs({ agency_id: q.agency, from: q.from, to: q.to })}`)
      .then(({ data }) => live && setFigures(data), (e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [q.agency, q.from, q.to]);

  const set = (patch: Record<string, string>) => {
    const u = new URL(location.href);
    u.search = qs({ agency: q.agency, from: q.from, to: q.to, ...patch });
    history.replaceState(null, '', u.pathname + u.search);
    window.dispatchEvent(new Event('motcua:navigate'));
  };
  const agencyName = useCallback((id: string) => agencies.find((a) => a.id === id)?.name ?? id, [agencies]);
  const scopes = agencies.filter((a) => province || ownAgencies.includes(a.id));

  return (
    <div className="page kpi-page">
      <p className="breadcrumb">
        <Link href="/staff/phan-anh">← Phản ánh, kiến nghị</Link>
      </p>
      <PageTitle title="Số liệu phản ánh, kiến nghị">Số liệu phản ánh, kiến nghị</PageTitle>
      <p className="hint">
        Nhóm chỉ số mức độ hài lòng (Quyết định 766/QĐ-TTg): phản ánh, kiến nghị được xử lý đúng hạn và mức độ hài lòng với
        kết quả xử lý. Số liệu đọc từ bộ đếm cập nhật cùng giao dịch của từng bước xử lý.
      </p>
      <form className="card kpi-filters" onSubmit={(e) => e.preventDefault()} aria-label="Phạm vi và kỳ số liệu">
        <Field label="Phạm vi">
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} value={q.agency} onChange={(e) => set({ agency: e.currentTarget.value })}>
              {province && <option value="">Toàn tỉnh</option>}
              {scopes.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Từ tháng">
          {({ id, describedBy }) => (
            <input id={id} aria-describedby={describedBy} type="month" value={q.from} max={q.to} onChange={(e) => e.currentTarget.value && set({ from: e.currentTarget.value })} />
          )}
        </Field>
        <Field label="Đến tháng">
          {({ id, describedBy }) => (
            <input id={id} aria-describedby={describedBy} type="month" value={q.to} min={q.from} onChange={(e) => e.currentTarget.value && set({ to: e.currentTarget.value })} />
          )}
        </Field>
      </form>
      {error !== null && <ErrorBox error={error} />}
      {!figures && error === null && <Loading />}
      {figures && <Figures f={figures} agencyName={agencyName} />}
    </div>
  );
}

function Figures({ f, agencyName }: { f: FeedbackFigures; agencyName: (id: string) => string }) {
  const ratings = useMemo(() => {
    const by: Record<string, number> = {};
    for (const c of f.counters) if (c.metric.startsWith('rated_')) by[c.metric] = (by[c.metric] ?? 0) + c.n;
    return by;
  }, [f]);
  const channels = useMemo(() => Object.keys(f.channel_labels).filter((c) => (f.received_by_channel[c] ?? 0) > 0), [f]);
  const fields = useMemo(() => Object.keys(f.classified_by_field).sort((a, b) => a.localeCompare(b, 'vi')), [f]);
  const agencies = useMemo(() => Object.keys(f.by_agency).sort((a, b) => agencyName(a).localeCompare(agencyName(b), 'vi')), [f, agencyName]);
  const channelSeries = useMemo(
    () => [{ label: 'Tiếp nhận', values: channels.map((c) => f.received_by_channel[c] ?? 0), color: '#1f6feb' }],
    [f, channels],
  );
  const channelLabels = useMemo(() => channels.map((c) => f.channel_labels[c] ?? c), [f, channels]);
  const agencySeries = useMemo(
    () => [
      { label: 'Trả lời đúng hạn', values: agencies.map((a) => f.by_agency[a].answered_on_time ?? 0), color: '#1a7f37' },
      { label: 'Trả lời quá hạn', values: agencies.map((a) => f.by_agency[a].answered_late ?? 0), color: '#cf222e' },
    ],
    [f, agencies],
  );
  const agencyLabels = useMemo(() => agencies.map(agencyName), [agencies, agencyName]);

  return (
    <>
      <section className="card" aria-labelledby="fbf-766">
        <h2 id="fbf-766">Nhóm chỉ số mức độ hài lòng</h2>
        <div className="table-wrap">
          <table className="table">
            <caption>Chỉ số của kỳ</caption>
            <thead>
              <tr>
                <th scope="col">Chỉ số</th>
                <th scope="col">Giá trị</th>
                <th scope="col">Cách tính</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Phản ánh, kiến nghị được xử lý đúng hạn</th>
                <td>{fmtPct(permille(f.on_time_permille))}</td>
                <td className="kpi-formula">
                  {fmtNum(f.handled_on_time)} trả lời đúng hạn / {fmtNum(f.handled)} đã trả lời
                </td>
              </tr>
              <tr>
                <th scope="row">Mức độ hài lòng với kết quả xử lý phản ánh, kiến nghị</th>
                <td>{fmtPct(permille(f.satisfied_permille))}</td>
                <td className="kpi-formula">
                  {fmtNum(f.satisfied)} đánh giá hài lòng, rất hài lòng / {fmtNum(f.rated)} lượt đánh giá
                </td>
              </tr>
              <tr>
                <th scope="row">Phản ánh, kiến nghị tiếp nhận</th>
                <td>{fmtNum(f.received)}</td>
                <td className="kpi-formula">mọi kênh, kể cả phản ánh không đủ điều kiện xử lý</td>
              </tr>
            </tbody>
          </table>
        </div>
        <div className="table-wrap">
          <table className="table">
            <caption>Đánh giá của người gửi</caption>
            <thead>
              <tr>
                {RATINGS.map(([, label]) => (
                  <th scope="col" key={label}>
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                {RATINGS.map(([m]) => (
                  <td key={m}>{fmtNum(ratings[m] ?? 0)}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      </section>
      <div className="kpi-charts">
        <Suspense fallback={<Loading label="Đang tải biểu đồ…" />}>
          <KpiChart title="Tiếp nhận theo kênh" labels={channelLabels} series={channelSeries}>
            {channels.length === 0 ? (
              <p>Chưa có phản ánh, kiến nghị trong kỳ.</p>
            ) : (
              <table className="table">
                <caption>Tiếp nhận theo kênh</caption>
                <thead>
                  <tr>
                    <th scope="col">Kênh</th>
                    <th scope="col">Tiếp nhận</th>
                  </tr>
                </thead>
                <tbody>
                  {channels.map((c) => (
                    <tr key={c}>
                      <th scope="row">{f.channel_labels[c]}</th>
                      <td>{fmtNum(f.received_by_channel[c] ?? 0)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </KpiChart>
          <KpiChart title="Trả lời đúng hạn, quá hạn theo cơ quan" labels={agencyLabels} series={agencySeries}>
            {agencies.length === 0 ? (
              <p>Chưa có số liệu của cơ quan nào trong kỳ.</p>
            ) : (
              <table className="table">
                <caption>Theo cơ quan</caption>
                <thead>
                  <tr>
                    <th scope="col">Cơ quan</th>
                    <th scope="col">Tiếp nhận</th>
                    <th scope="col">Được chuyển đến</th>
                    <th scope="col">Đã trả lời</th>
                    <th scope="col">Đúng hạn</th>
                    <th scope="col">Quá hạn</th>
                  </tr>
                </thead>
                <tbody>
                  {agencies.map((a) => {
                    const m = f.by_agency[a];
                    return (
                      <tr key={a}>
                        <th scope="row">{agencyName(a)}</th>
                        <td>{fmtNum(m.received ?? 0)}</td>
                        <td>{fmtNum(m.transferred_in ?? 0)}</td>
                        <td>{fmtNum(m.answered ?? 0)}</td>
                        <td>{fmtNum(m.answered_on_time ?? 0)}</td>
                        <td>{fmtNum(m.answered_late ?? 0)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </KpiChart>
        </Suspense>
      </div>
      <section className="card" aria-labelledby="fbf-fields">
        <h2 id="fbf-fields">Theo lĩnh vực</h2>
        {fields.length === 0 ? (
          <p>Chưa có phản ánh, kiến nghị nào được phân loại trong kỳ.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption>Phản ánh, kiến nghị đã phân loại theo lĩnh vực</caption>
              <thead>
                <tr>
                  <th scope="col">Lĩnh vực</th>
                  <th scope="col">Số phản ánh, kiến nghị</th>
                </tr>
              </thead>
              <tbody>
                {fields.map((x) => (
                  <tr key={x}>
                    <th scope="row">{x}</th>
                    <td>{fmtNum(f.classified_by_field[x])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

// The Quyết định 766 view of the dashboard (GET /api/v1/kpi/index766): each group with its points,
// each indicator with its value, target, points and the server's formula beside it; an indicator
// our data cannot decide says so instead of showing a number. Below, the stocks at the close of
// the period (in progress, overdue, near due) with their lists, apologies and supplements.
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { api, qs } from '../../ui/api';
import { Badge, ErrorBox, Link, Loading, Message } from '../../ui/components';
import { fmtDay, fmtNum, fmtPct } from './period';
import { METRIC_LABEL, type Index766, type Index766Indicator, type ListRef } from './types';

// The drill page of a list the server named (its route and query).
export const listHref = (l: ListRef) => `/staff/chi-so/ho-so${qs({ ...l.query, api: l.path === '/api/v1/kpi/dossiers' ? '' : l.path })}`;

const KpiChart = lazy(() => import('./KpiChart'));

const fmtPoints = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });

export default function Index766Section({ scope, field, procedure, from, to }: {
  scope: string; field: string; procedure: string; from: string; to: string;
}) {
  const [data, setData] = useState<Index766 | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    setData(null);
    setError(null);
    api.get<Index766>(`/api/v1/kpi/index766${qs({ scope, field, procedure, from, to })}`)
      .then(({ data }) => live && setData(data), (e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [scope, field, procedure, from, to]);
  const labels = useMemo(() => data?.groups.map((g) => g.label) ?? [], [data]);
  const series = useMemo(() => data ? [
    { label: 'Điểm đạt', values: data.groups.map((g) => g.points), color: '#1d4f91' },
    { label: 'Điểm tối đa của các chỉ số đo được', values: data.groups.map((g) => g.scored_max_points), color: '#9db4d6' },
  ] : [], [data]);
  if (error) return <ErrorBox error={error} />;
  if (!data) return <Loading label="Đang tải chỉ số Quyết định 766…" />;
  return (
    <>
      <section className="card" aria-labelledby="kpi-766" data-testid="kpi-766">
        <h2 id="kpi-766">Bộ chỉ số Quyết định 766/QĐ-TTg</h2>
        {!data.rules || !data.total ? (
          <Message kind="info">Kỳ đã chọn bắt đầu trước ngày áp dụng bộ chỉ số: không có điểm.</Message>
        ) : (
          <>
            <p className="kpi-766-total" data-testid="kpi-766-total">
              Tổng điểm: <strong>{fmtPoints(data.total.points)}</strong> / {fmtPoints(data.total.scored_max_points)} điểm của các chỉ số đo được
              (thang điểm {fmtPoints(data.total.max_points)}).
            </p>
            <p className="hint">
              Căn cứ: {data.rules.legal_basis} (áp dụng từ {fmtDay(data.rules.effective_from)}).
              {!data.rules.verified && ' Chưa đối chiếu được toàn bộ văn bản gốc: điểm hoặc mức phải đạt ghi «chưa xác minh» là giả định, không phải quy định.'} Điểm đủ khi tỷ lệ đạt mức phải đạt,
              thấp hơn thì tính theo tỷ lệ: điểm tối đa × tỷ lệ đạt / mức phải đạt.
            </p>
            <Suspense fallback={<Loading label="Đang tải biểu đồ…" />}>
              <KpiChart title="Điểm theo nhóm chỉ số Quyết định 766" labels={labels} series={series}>
                <table className="table">
                  <caption className="sr-only">Điểm theo nhóm chỉ số Quyết định 766</caption>
                  <thead>
                    <tr>
                      <th scope="col">Nhóm</th>
                      <th scope="col">Điểm đạt</th>
                      <th scope="col">Điểm tối đa đo được</th>
                      <th scope="col">Điểm tối đa</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.groups.map((g) => (
                      <tr key={g.id}>
                        <th scope="row">{g.label}</th>
                        <td>{fmtPoints(g.points)}</td>
                        <td>{fmtPoints(g.scored_max_points)}</td>
                        <td>{fmtPoints(g.max_points)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </KpiChart>
            </Suspense>
            {data.groups.map((g) => (
              <div key={g.id} className="kpi-766-group">
                <h3 id={`kpi-766-${g.id}`}>
                  {g.label}: {fmtPoints(g.points)} / {fmtPoints(g.max_points)} điểm
                </h3>
                <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`kpi-766-${g.id}`}>
                  <table className="table kpi-table" data-testid={`kpi-766-${g.id}`}>
                    <caption className="sr-only">Các chỉ số của nhóm {g.label}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Chỉ số</th>
                        <th scope="col">Đạt được</th>
                        <th scope="col">Mức phải đạt</th>
                        <th scope="col">Điểm</th>
                        <th scope="col">Cách tính</th>
                      </tr>
                    </thead>
                    <tbody>
                      {g.indicators.map((i) => (
                        <IndicatorRow key={i.id} i={i} />
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            ))}
          </>
        )}
      </section>
      <section className="card" aria-labelledby="kpi-stock" data-testid="kpi-stock">
        <h2 id="kpi-stock">Tồn, sắp đến hạn, xin lỗi và bổ sung</h2>
        <p className="hint">
          Tồn tính tại cuối ngày {fmtDay(data.stock.at)}. Sắp đến hạn: đang giải quyết, hạn hẹn lần đầu trong {data.stock.near_due_working_days} ngày
          làm việc tiếp theo (đến hết {fmtDay(data.stock.near_due_until)}).
        </p>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Bảng tồn, sắp đến hạn, xin lỗi và bổ sung">
          <table className="table kpi-table" data-testid="kpi-stock-table">
            <caption className="sr-only">Tồn, sắp đến hạn, xin lỗi và bổ sung</caption>
            <thead>
              <tr>
                <th scope="col">Số liệu</th>
                <th scope="col">Giá trị</th>
                <th scope="col">Cách tính</th>
              </tr>
            </thead>
            <tbody>
              <StockRow label="Đang giải quyết" n={data.stock.in_progress} href={listHref(data.stock.lists.in_progress)}
                formula={`Hồ sơ đã tiếp nhận, chưa có kết quả, chưa rút hoặc dừng, tại cuối ngày ${fmtDay(data.stock.at)}`} />
              <StockRow label="Đang giải quyết quá hạn" n={data.stock.overdue} href={listHref(data.stock.lists.overdue)}
                formula={`Đang giải quyết, hạn hẹn lần đầu trước hoặc bằng ${fmtDay(data.stock.at)}`} />
              <StockRow label="Sắp đến hạn" n={data.stock.near_due} href={listHref(data.stock.lists.near_due)}
                formula={`Đang giải quyết, hạn hẹn lần đầu sau ${fmtDay(data.stock.at)} và trước hoặc bằng ${fmtDay(data.stock.near_due_until)}`} />
              <StockRow label="Thư xin lỗi" n={data.apologised} href={listHref(data.lists.apologised)} formula="Văn bản xin lỗi, hẹn lại (mẫu 04) đã gửi trong kỳ" />
              <StockRow label="Yêu cầu bổ sung" n={data.supplement_requested} href={listHref(data.lists.supplement_requested)}
                formula="Lần yêu cầu bổ sung hồ sơ (mẫu 02) trong kỳ, khi tiếp nhận và khi giải quyết" />
              <tr>
                <th scope="row">Yêu cầu bổ sung trên mỗi hồ sơ</th>
                <td>{data.supplements_per_dossier === null ? 'Chưa có số liệu' : data.supplements_per_dossier.toLocaleString('vi-VN', { maximumFractionDigits: 2 })}</td>
                <td className="kpi-formula">Yêu cầu bổ sung / hồ sơ tiếp nhận = {fmtNum(data.supplement_requested)} / {fmtNum(data.received)}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

function IndicatorRow({ i }: { i: Index766Indicator }) {
  // The server names the lists whose totals add up to each number: one link, or one per part.
  const link = (refs: ListRef[], n: number | null, part: 'num' | 'den') => {
    if (n === null) return '—';
    if (refs.length === 0) return fmtNum(n);
    const side = part === 'num' ? 'tử số' : 'mẫu số';
    const what = { procedures: 'thủ tục', feedback: 'phản ánh, kiến nghị', components: 'thành phần hồ sơ', dossiers: 'hồ sơ' }[refs[0].kind];
    if (refs.length === 1)
      return (
        <Link href={listHref(refs[0])} data-testid={`i766-${i.id}-${part}`} aria-label={`${fmtNum(n)} ${what}, ${side} của chỉ số «${i.label}» — xem danh sách`}>
          {fmtNum(n)}
        </Link>
      );
    return (
      <span data-testid={`i766-${i.id}-${part}`}>
        {fmtNum(n)} (
        {refs.map((r, k) => (
          <span key={r.metric}>
            {k > 0 && ' + '}
            <Link href={listHref(r)} data-testid={`i766-${i.id}-${part}-${r.metric}`} aria-label={`${METRIC_LABEL[r.metric] ?? r.metric}: một phần ${side} của chỉ số «${i.label}» — xem danh sách`}>
              {METRIC_LABEL[r.metric] ?? r.metric}
            </Link>
          </span>
        ))}
        )
      </span>
    );
  };
  return (
    <tr data-testid={`i766-${i.id}`}>
      <th scope="row">{i.label}</th>
      <td>
        {!i.measured ? (
          <span className="kpi-unmeasured">Chưa đo</span>
        ) : i.value === null ? (
          <span>{i.note ?? 'Chưa có số liệu'}</span>
        ) : (
          <>
            {fmtPct(i.value)} ({link(i.lists.numerator, i.numerator, 'num')} / {link(i.lists.denominator, i.denominator, 'den')})
          </>
        )}
      </td>
      <td>
        {`≥ ${fmtPct(i.target)}`}
        {!i.target_verified && <> <Unverified /></>}
      </td>
      <td>
        {i.points === null ? '—' : `${fmtPoints(i.points)} / ${fmtPoints(i.max_points)}`}
        {!i.points_verified && <> <Unverified what="Điểm tối đa" /></>}
      </td>
      <td className="kpi-formula">
        {i.formula}
        {!i.measured && i.note && <span className="kpi-note"> {i.note}</span>}
        {i.source && (
          <details className="kpi-source">
            <summary>Nguồn đối chiếu</summary>
            {i.source}
          </details>
        )}
      </td>
    </tr>
  );
}

// A value the stored sources do not confirm (docs/legal_sources.md): shown, never presented as law.
function Unverified({ what = 'Mức phải đạt' }: { what?: string }) {
  return <Badge tone="warning"><span className="sr-only">{what} </span>chưa xác minh</Badge>;
}

function StockRow({ label, n, formula, href }: { label: string; n: number; formula: string; href?: string }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{href ? <Link href={href} aria-label={`${label}: ${fmtNum(n)} — xem danh sách hồ sơ`}>{fmtNum(n)}</Link> : fmtNum(n)}</td>
      <td className="kpi-formula">{formula}</td>
    </tr>
  );
}

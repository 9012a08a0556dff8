// "Thời gian theo bước và theo cơ quan" (issue 14): where dossiers wait, from the step-time counters
// (GET /api/v1/kpi/steps) — mean and median working hours per step of the internal process and
// per agency the step is done at, as a chart (chart.js, the dashboard's lazy chunk) with the
// tables as its text alternative.
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { api, qs } from '../../ui/api';
import { ErrorBox, Loading, Message } from '../../ui/components';
import { fmtNum } from './period';
import type { KpiSteps as Steps, StepTime } from './types';

const KpiChart = lazy(() => import('./KpiChart'));

const hours = (m: number | null) => (m === null ? null : Math.round((m / 60) * 10) / 10);
// The median is known to its histogram bucket: shown as that range (an estimate inside it could
// suggest a precision the counters do not have).
const fmtRange = (t: StepTime) => {
  if (!t.median_bucket) return 'Chưa có số liệu';
  const { from, to } = t.median_bucket;
  const h = (m: number) => (m / 60).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
  return to === null ? `từ ${h(from)} giờ trở lên` : from === 0 ? `dưới ${h(to)} giờ` : `${h(from)} – dưới ${h(to)} giờ`;
};
const fmtHours = (m: number | null) => {
  const h = hours(m);
  return h === null ? 'Chưa có số liệu' : `${h.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} giờ`;
};

export default function KpiSteps({ query }: { query: Record<string, string> }) {
  const [data, setData] = useState<Steps | null>(null);
  const [error, setError] = useState<unknown>(null);
  const key = qs(query);
  useEffect(() => {
    let live = true;
    setData(null);
    setError(null);
    api.get<Steps>(`/api/v1/kpi/steps${key}`).then(({ data }) => live && setData(data), (e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [key]);
  const labels = useMemo(() => (data ? data.by_step.map((s) => `Bước ${s.step}: ${s.role_name}`) : []), [data]);
  const series = useMemo(
    () =>
      data
        ? [{ label: 'Trung bình (giờ làm việc)', values: data.by_step.map((s) => hours(s.mean_minutes) ?? 0), color: '#1d4f91' }]
        : [],
    [data],
  );
  if (error) return <ErrorBox error={error} />;
  if (!data) return <Loading label="Đang tải thời gian theo bước…" />;
  return (
    <section className="card" aria-labelledby="kpi-steps" data-testid="kpi-steps">
      <h2 id="kpi-steps">Thời gian theo bước và theo cơ quan</h2>
      <p className="hint">
        Thời gian làm việc của các bước đã kết thúc trong kỳ (theo phiếu kiểm soát), không tính thời gian tạm dừng chờ
        người nộp bổ sung hoặc nộp phí. Trung bình tính chính xác; trung vị cho biết khoảng thời gian chứa nó.
      </p>
      {data.total.n === 0 ? (
        <Message kind="info">Chưa có bước xử lý nào kết thúc trong kỳ và phạm vi đã chọn.</Message>
      ) : (
        <>
          <Suspense fallback={<Loading label="Đang tải biểu đồ…" />}>
            <KpiChart title="Thời gian xử lý theo bước — trung bình (giờ làm việc)" labels={labels} series={series}>
              <StepTable caption="Thời gian xử lý theo bước" head="Bước" rows={data.by_step.map((s) => ({ key: `${s.step}-${s.role}`, label: `Bước ${s.step}: ${s.role_name}`, t: s }))} />
            </KpiChart>
          </Suspense>
          <h3>Theo cơ quan thực hiện bước (nơi hồ sơ chờ lâu nhất trước)</h3>
          <StepTable caption="Thời gian xử lý theo cơ quan thực hiện bước" head="Cơ quan" rows={data.by_agency.map((a) => ({ key: a.agency_id, label: a.agency_name, t: a }))} />
        </>
      )}
    </section>
  );
}

function StepTable({ caption, head, rows }: { caption: string; head: string; rows: { key: string; label: string; t: StepTime }[] }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="table kpi-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col">Số bước đã xong</th>
            <th scope="col">Trung bình</th>
            <th scope="col">Trung vị (khoảng)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>{fmtNum(r.t.n)}</td>
              <td>{fmtHours(r.t.mean_minutes)}</td>
              <td>{fmtRange(r.t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// The dossiers behind one figure of the dashboard: every page of GET /api/v1/kpi/dossiers for the
// same scope, period and metric, so that the list holds exactly as many dossiers as the figure.
import { useEffect, useState } from 'react';
import { api, qs } from '../../ui/api';
import { ErrorBox, Link, Loading, Message, PageTitle } from '../../ui/components';
import { CHANNEL_LABEL, fmtDateTime, TIMELINESS_LABEL } from '../../ui/format';
import { useLocation } from '../../ui/router';
import { fmtDay, fmtNum } from './period';
import { type DrillRow, METRIC_LABEL, STOCK_METRICS } from './types';

interface DrillPage {
  total: number;
  items: DrillRow[];
  next: string | null;
}

const MAX_ROWS = 5000; // beyond this, the list asks for a narrower period

export default function KpiDrill() {
  const { search } = useLocation();
  const params = { scope: search.get('scope') ?? 'province', field: search.get('field') ?? '', procedure: search.get('procedure') ?? '',
    from: search.get('from') ?? '', to: search.get('to') ?? '', metric: search.get('metric') ?? 'received' };
  const key = qs(params);
  const [rows, setRows] = useState<DrillRow[] | null>(null);
  const [total, setTotal] = useState(0);
  const [truncated, setTruncated] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    (async () => {
      const all: DrillRow[] = [];
      let cursor: string | null = '';
      let figure = 0;
      // A stock figure (stock:overdue, …) is listed whole by /kpi/stock-dossiers; the others page.
      // A stock figure (stock:overdue, …) or the apologies and supplement requests (event:…) are
      // listed whole by their own routes; the others page.
      const [prefix, rest] = params.metric.includes(':') ? params.metric.split(':', 2) : ['', ''];
      const whole = prefix === 'stock' ? '/api/v1/kpi/stock-dossiers' : prefix === 'event' ? '/api/v1/kpi/event-dossiers' : '';
      const wholeKey = qs({ ...params, metric: rest });
      while (cursor !== null && all.length < MAX_ROWS) {
        const page: { data: DrillPage } = whole
          ? await api.get<DrillPage>(`${whole}${wholeKey}`)
          : await api.get<DrillPage>(`/api/v1/kpi/dossiers${key}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        figure = page.data.total;
        all.push(...page.data.items);
        cursor = page.data.next;
      }
      if (!live) return;
      setTotal(figure);
      setTruncated(cursor !== null);
      setRows(all);
    })().catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [key]);
  const label = METRIC_LABEL[params.metric] ?? params.metric;
  const back = `/staff/chi-so${qs({ scope: params.scope, field: params.field, procedure: params.procedure, ky: 'custom', from: params.from, to: params.to })}`;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link href={back}>← Chỉ số giải quyết TTHC</Link>
      </p>
      <PageTitle title={`${label} — danh sách hồ sơ`}>{label}</PageTitle>
      <p className="hint">
        {STOCK_METRICS.includes(params.metric)
          ? `Tồn tại cuối ngày ${params.to && fmtDay(params.to)}.`
          : `Kỳ ${params.from && fmtDay(params.from)} – ${params.to && fmtDay(params.to)}.`}{' '}
        Danh sách gồm đúng các hồ sơ được đếm trong số liệu.
      </p>
      {error ? (
        <ErrorBox error={error} />
      ) : !rows ? (
        <Loading label="Đang tải danh sách hồ sơ…" />
      ) : (
        <>
          <p data-testid="drill-count">
            Số liệu: <strong data-testid="drill-total">{fmtNum(total)}</strong> hồ sơ; danh sách: <strong>{fmtNum(rows.length)}</strong> hồ sơ.
          </p>
          {truncated && <Message kind="warning">Danh sách dài quá {fmtNum(MAX_ROWS)} hồ sơ; hãy chọn kỳ ngắn hơn.</Message>}
          {rows.length === 0 ? (
            <Message kind="info">Không có hồ sơ nào.</Message>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Bảng danh sách hồ sơ">
              <table className="table" data-testid="drill-table">
                <caption className="sr-only">Các hồ sơ của số liệu «{label}»</caption>
                <thead>
                  <tr>
                    <th scope="col">Mã hồ sơ</th>
                    <th scope="col">Kênh</th>
                    <th scope="col">Tiếp nhận</th>
                    <th scope="col">Có kết quả</th>
                    <th scope="col">Thời hạn</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r, i) => (
                    <tr key={`${r.id}-${i}`}>
                      <td>
                        <Link href={`/staff/ho-so/${encodeURIComponent(r.id)}`}>{r.code}</Link>
                      </td>
                      <td>{CHANNEL_LABEL[r.channel] ?? '—'}</td>
                      <td>{r.received_at ? fmtDateTime(r.received_at) : '—'}</td>
                      <td>{r.resolved_at ? fmtDateTime(r.resolved_at) : '—'}</td>
                      <td>{TIMELINESS_LABEL[r.timeliness] ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}

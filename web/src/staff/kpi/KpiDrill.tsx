// The dossiers (or procedures, or components of dossiers) behind one figure of the dashboard: every page of GET
// /api/v1/kpi/dossiers (or the route the Quyết định 766 answer named, `api`) for the same scope,
// period and metric, so that the list holds exactly as many items as the figure.
import { useEffect, useState } from 'react';
import { api, qs } from '../../ui/api';
import { ErrorBox, Link, Loading, Message, PageTitle } from '../../ui/components';
import { CHANNEL_LABEL, fmtDateTime, TIMELINESS_LABEL } from '../../ui/format';
import { useLocation } from '../../ui/router';
import { fmtDay, fmtNum } from './period';
import { type ComponentRow, type DrillRow, type ListKind, METRIC_LABEL, STOCK_METRICS } from './types';

interface ProcedureRow {
  id: string;
  name: string;
  level: string;
  field: string;
  online_level: string;
}

// A feedback case behind the feedback indicators (its title without the sender's name).
interface FeedbackRow {
  id: string;
  code: string;
  title: string;
  field: string;
  answered_at: string;
  due_at: string | null;
  timeliness: string;
  dissatisfied: boolean;
  rating: string | null;
}

type Row = DrillRow | ProcedureRow | FeedbackRow | ComponentRow;

interface DrillPage {
  kind?: ListKind;
  total: number;
  items: Row[];
  next: string | null;
}

// The routes a list may be read from (anything else in the address is ignored).
const LIST_ROUTES = ['/api/v1/kpi/dossiers', '/api/v1/kpi/event-dossiers'];

const ONLINE_LABEL: Record<string, string> = { full: 'Toàn trình', partial: 'Một phần' };
const RATING_LABEL: Record<string, string> = { very_satisfied: 'Rất hài lòng', satisfied: 'Hài lòng', dissatisfied: 'Không hài lòng' };
// The databases a component's data may be taken from (catalogue::DataSource).
const SOURCE_LABEL: Record<string, string> = { csdl_dan_cu: 'Cơ sở dữ liệu quốc gia về dân cư' };

const UNIT: Record<ListKind, string> = { dossiers: 'hồ sơ', procedures: 'thủ tục', feedback: 'phản ánh, kiến nghị', components: 'thành phần hồ sơ' };

const MAX_ROWS = 5000; // beyond this, the list asks for a narrower period

export default function KpiDrill() {
  const { search } = useLocation();
  const params = { scope: search.get('scope') ?? 'province', field: search.get('field') ?? '', procedure: search.get('procedure') ?? '',
    from: search.get('from') ?? '', to: search.get('to') ?? '', metric: search.get('metric') ?? 'received' };
  const key = qs(params);
  const route = LIST_ROUTES.includes(search.get('api') ?? '') ? search.get('api')! : LIST_ROUTES[0];
  const [rows, setRows] = useState<Row[] | null>(null);
  const [kind, setKind] = useState<ListKind>('dossiers');
  const [total, setTotal] = useState(0);
  const [truncated, setTruncated] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    (async () => {
      const all: Row[] = [];
      let cursor: string | null = '';
      let figure = 0;
      let got: ListKind = 'dossiers';
      while (cursor !== null && all.length < MAX_ROWS) {
        const page: { data: DrillPage } =
          await api.get<DrillPage>(`${route}${key}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        figure = page.data.total;
        got = page.data.kind ?? 'dossiers';
        all.push(...page.data.items);
        cursor = page.data.next;
      }
      if (!live) return;
      setKind(got);
      setTotal(figure);
      setTruncated(cursor !== null);
      setRows(all);
    })().catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [key, route]);
  const label = METRIC_LABEL[params.metric] ?? params.metric;
  const unit = UNIT[kind];
  const back = `/staff/chi-so${qs({ scope: params.scope, field: params.field, procedure: params.procedure, ky: 'custom', from: params.from, to: params.to })}`;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link href={back}>← Chỉ số giải quyết TTHC</Link>
      </p>
      <PageTitle title={`${label} — danh sách ${unit}`}>{label}</PageTitle>
      <p className="hint">
        {STOCK_METRICS.includes(params.metric)
          ? `Tồn tại cuối ngày ${params.to && fmtDay(params.to)}.`
          : `Kỳ ${params.from && fmtDay(params.from)} – ${params.to && fmtDay(params.to)}.`}{' '}
        Danh sách gồm đúng các {unit} được đếm trong số liệu{kind === 'components' ? ' (một hồ sơ có thể có nhiều thành phần)' : ''}.
      </p>
      {error ? (
        <ErrorBox error={error} />
      ) : !rows ? (
        <Loading label="Đang tải danh sách…" />
      ) : (
        <>
          <p data-testid="drill-count">
            Số liệu: <strong data-testid="drill-total">{fmtNum(total)}</strong> {unit}; danh sách: <strong>{fmtNum(rows.length)}</strong> {unit}.
          </p>
          {truncated && <Message kind="warning">Danh sách dài quá {fmtNum(MAX_ROWS)} {unit}; hãy chọn kỳ ngắn hơn.</Message>}
          {rows.length === 0 ? (
            <Message kind="info">Không có {unit} nào.</Message>
          ) : kind === 'feedback' ? (
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Bảng danh sách phản ánh, kiến nghị">
              <table className="table" data-testid="drill-table">
                <caption className="sr-only">Các phản ánh, kiến nghị của số liệu «{label}»</caption>
                <thead>
                  <tr>
                    <th scope="col">Mã phản ánh</th>
                    <th scope="col">Tiêu đề</th>
                    <th scope="col">Lĩnh vực</th>
                    <th scope="col">Trả lời lần đầu</th>
                    <th scope="col">Hạn trả lời</th>
                    <th scope="col">Thời hạn</th>
                    <th scope="col">Đánh giá</th>
                  </tr>
                </thead>
                <tbody>
                  {(rows as FeedbackRow[]).map((f) => (
                    <tr key={f.id}>
                      <td>
                        <Link href={`/staff/phan-anh/${encodeURIComponent(f.id)}`}>{f.code}</Link>
                      </td>
                      <td>{f.title}</td>
                      <td>{f.field || '—'}</td>
                      <td>{fmtDateTime(f.answered_at)}</td>
                      <td>{f.due_at ? fmtDateTime(f.due_at) : '—'}</td>
                      <td>{TIMELINESS_LABEL[f.timeliness] ?? '—'}</td>
                      <td>
                        {f.rating ? RATING_LABEL[f.rating] ?? f.rating : 'Chưa đánh giá'}
                        {f.dissatisfied && f.rating !== 'dissatisfied' ? ' (đã có lần không hài lòng)' : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : kind === 'procedures' ? (
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Bảng danh sách thủ tục">
              <table className="table" data-testid="drill-table">
                <caption className="sr-only">Các thủ tục của số liệu «{label}»</caption>
                <thead>
                  <tr>
                    <th scope="col">Mã thủ tục</th>
                    <th scope="col">Tên thủ tục</th>
                    <th scope="col">Lĩnh vực</th>
                    <th scope="col">Dịch vụ trực tuyến</th>
                  </tr>
                </thead>
                <tbody>
                  {(rows as ProcedureRow[]).map((p) => (
                    <tr key={p.id}>
                      <td>{p.id}</td>
                      <td>{p.name}</td>
                      <td>{p.field || '—'}</td>
                      <td>{ONLINE_LABEL[p.online_level] ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : kind === 'components' ? (
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Bảng danh sách thành phần hồ sơ">
              <table className="table" data-testid="drill-table">
                <caption className="sr-only">Các thành phần hồ sơ của số liệu «{label}»</caption>
                <thead>
                  <tr>
                    <th scope="col">Mã hồ sơ</th>
                    <th scope="col">Thành phần hồ sơ</th>
                    <th scope="col">Nguồn</th>
                    <th scope="col">Kênh</th>
                    <th scope="col">Nộp lúc</th>
                    <th scope="col">Tiếp nhận</th>
                  </tr>
                </thead>
                <tbody>
                  {(rows as ComponentRow[]).map((r, i) => (
                    <tr key={`${r.id}-${i}`}>
                      <td>
                        <Link href={`/staff/ho-so/${encodeURIComponent(r.id)}`}>{r.code}</Link>
                      </td>
                      <td>{r.component}</td>
                      <td>{r.reused ? `Lấy từ ${SOURCE_LABEL[r.source ?? ''] ?? r.source}` : 'Người nộp vẫn nộp giấy tờ'}</td>
                      <td>{CHANNEL_LABEL[r.channel] ?? '—'}</td>
                      <td>{r.submitted_at ? fmtDateTime(r.submitted_at) : '—'}</td>
                      <td>{r.received_at ? fmtDateTime(r.received_at) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
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
                  {(rows as DrillRow[]).map((r, i) => (
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

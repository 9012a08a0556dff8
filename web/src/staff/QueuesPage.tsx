import { useCallback, useEffect, useRef, useState } from 'react';
import { api, qs } from '../ui/api';
import { Badge, ErrorBox, Link, Loading, PageTitle } from '../ui/components';
import { CHANNEL_LABEL, fmtDateTime } from '../ui/format';
import { navigate, useLocation } from '../ui/router';
import type { DossierList } from '../ui/types';
import { loadAgencies, loadMyProcedures, loadProcedures, useList, useNameMap } from './catalog';
import { COUNT_LIMIT, PAGE_SIZE } from './config';
import { DueBadges, dueRowClass } from './Due';
import { KioskPairing } from './KioskPairing';

type QueueId = 'to_receive' | 'to_process' | 'to_approve' | 'supplement' | 'to_return' | 'to_consult' | 'all';
type QueueItem = DossierList['items'][number];

interface QueueDef {
  id: QueueId;
  label: string;
}

/** The reader's work queues, in order: the server's one table (GET /api/v1/queues). */
function useQueues(): QueueDef[] | null {
  const [queues, setQueues] = useState<QueueDef[] | null>(null);
  useEffect(() => {
    let live = true;
    api.get<{ items: QueueDef[] }>('/api/v1/queues').then(
      ({ data }) => live && setQueues(data.items),
      () => live && setQueues([{ id: 'all', label: 'Tất cả' }]),
    );
    return () => {
      live = false;
    };
  }, []);
  return queues;
}

interface Filters {
  procedure_id: string;
  channel: string;
  q: string;
}

function listPath(queue: QueueId, f: Filters, limit: number, cursor?: string) {
  return `/api/v1/dossiers${qs({ queue, procedure_id: f.procedure_id, channel: f.channel, q: f.q.trim(), limit, cursor })}`;
}

export function QueuesPage() {
  const queues = useQueues();
  if (!queues) return <Loading label="Đang tải hàng đợi…" />;
  return <Queues queues={queues} />;
}

function Queues({ queues }: { queues: QueueDef[] }) {
  const { search } = useLocation();
  const requested = search.get('hang') as QueueId | null;
  const active = queues.find((q) => q.id === requested) ?? queues[0];

  const [filters, setFilters] = useState<Filters>({ procedure_id: '', channel: '', q: '' });
  const [qInput, setQInput] = useState('');
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [items, setItems] = useState<QueueItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reloadTick, setReloadTick] = useState(0);
  const procNames = useNameMap(loadProcedures);
  const agencyNames = useNameMap(loadAgencies);
  const myProcedures = useList(loadMyProcedures);
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  // A search answers across every queue (and each match says where it is), whatever the tab.
  const searching = filters.q.trim() !== '' && active.id !== 'to_consult';
  const listed: QueueId = searching ? 'all' : active.id;

  // Counts of every visible queue, with the current filters.
  useEffect(() => {
    let live = true;
    for (const q of queues) {
      api.get<DossierList>(listPath(q.id, filters, COUNT_LIMIT)).then(
        ({ data }) => {
          if (!live) return;
          const n = data.next_cursor ? `${COUNT_LIMIT}+` : String(data.items.length);
          setCounts((c) => ({ ...c, [q.id]: n }));
        },
        () => live && setCounts((c) => ({ ...c, [q.id]: '?' })),
      );
    }
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters, reloadTick, queues.map((q) => q.id).join()]);

  // The active queue's first page.
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    api.get<DossierList>(listPath(listed, filters, PAGE_SIZE)).then(
      ({ data }) => {
        if (!live) return;
        setItems(data.items);
        setCursor(data.next_cursor);
        setLoading(false);
      },
      (e) => {
        if (!live) return;
        setError(e);
        setItems([]);
        setCursor(null);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [listed, filters, reloadTick]);

  const loadMore = useCallback(async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const { data } = await api.get<DossierList>(listPath(listed, filters, PAGE_SIZE, cursor));
      const key = (d: QueueItem) => `${d.id}:${d.consultation?.id ?? ''}`;
      setItems((xs) => [...xs, ...data.items.filter((d) => !xs.some((x) => key(x) === key(d)))]);
      setCursor(data.next_cursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  }, [listed, cursor, filters]);

  function selectQueue(id: QueueId, focus = false) {
    navigate(`/staff${qs({ hang: id })}`, true);
    if (focus) tabRefs.current[id]?.focus();
  }

  function onTabKey(e: React.KeyboardEvent, idx: number) {
    let next = -1;
    if (e.key === 'ArrowRight') next = (idx + 1) % queues.length;
    else if (e.key === 'ArrowLeft') next = (idx - 1 + queues.length) % queues.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = queues.length - 1;
    if (next >= 0) {
      e.preventDefault();
      selectQueue(queues[next].id, true);
    }
  }

  const filtered = filters.procedure_id !== '' || filters.channel !== '' || filters.q.trim() !== '';

  return (
    <div className="page page-wide">
      <div className="page-head">
        <PageTitle title="Hàng đợi hồ sơ">Hàng đợi hồ sơ</PageTitle>
        <button type="button" className="btn btn-secondary" onClick={() => setReloadTick((t) => t + 1)}>
          Làm mới
        </button>
      </div>
      {queues?.some((q) => q.id === 'to_return') && <KioskPairing />}

      <form
        className="filters"
        role="search"
        aria-label="Lọc hồ sơ"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters((f) => ({ ...f, q: qInput }));
        }}
      >
        <div className="field field-grow">
          <label htmlFor="f-q">Tìm kiếm</label>
          <div className="input-group">
            <input
              id="f-q"
              type="search"
              value={qInput}
              onChange={(e) => setQInput(e.target.value)}
              placeholder="Mã hồ sơ, họ tên, số định danh, số điện thoại"
              aria-describedby="f-q-hint"
              maxLength={100}
            />
            <button type="submit" className="btn btn-primary">
              Tìm
            </button>
          </div>
          <p id="f-q-hint" className="hint">
            Tìm trong mọi hàng đợi: mã hồ sơ (phần đầu, không phân biệt chữ hoa, thường), số định danh cá nhân, mã số thuế hoặc số điện thoại (đầy đủ), hoặc một phần họ tên (không cần dấu).
          </p>
        </div>
        <div className="field">
          <label htmlFor="f-proc">Thủ tục</label>
          <select id="f-proc" value={filters.procedure_id} onChange={(e) => setFilters((f) => ({ ...f, procedure_id: e.target.value }))}>
            <option value="">Tất cả thủ tục</option>
            {myProcedures.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.national_code})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-channel">Kênh nộp</label>
          <select id="f-channel" value={filters.channel} onChange={(e) => setFilters((f) => ({ ...f, channel: e.target.value }))}>
            <option value="">Tất cả các kênh</option>
            <option value="1">Trực tiếp</option>
            <option value="2">Trực tuyến</option>
            <option value="3">Bưu chính</option>
          </select>
        </div>
        {filtered && (
          <button
            type="button"
            className="btn btn-link"
            onClick={() => {
              setQInput('');
              setFilters({ procedure_id: '', channel: '', q: '' });
            }}
          >
            Bỏ lọc
          </button>
        )}
      </form>

      <div className="tabs" role="tablist" aria-label="Hàng đợi">
        {queues.map((q, i) => {
          const selected = q.id === active.id;
          return (
            <button
              key={q.id}
              ref={(el) => {
                tabRefs.current[q.id] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${q.id}`}
              aria-selected={selected}
              aria-controls="queue-panel"
              tabIndex={selected ? 0 : -1}
              className={`tab ${selected ? 'tab-active' : ''}`}
              onClick={() => selectQueue(q.id)}
              onKeyDown={(e) => onTabKey(e, i)}
            >
              <span className="tab-label">{q.label}</span>
              <span className="tab-count" aria-hidden="true">
                {counts[q.id] ?? '…'}
              </span>
              <span className="sr-only">{counts[q.id] ? `, ${counts[q.id]} hồ sơ` : ', đang đếm'}</span>
            </button>
          );
        })}
      </div>

      <section id="queue-panel" role="tabpanel" aria-labelledby={`tab-${active.id}`} className="queue-panel">
        {error !== null && <ErrorBox error={error} />}
        {loading ? (
          <Loading label="Đang tải danh sách hồ sơ…" />
        ) : items.length === 0 ? (
          error === null && <p className="empty">Không có hồ sơ nào{filtered ? ' khớp với bộ lọc' : ' trong hàng đợi này'}.</p>
        ) : (
          <>
            <p className="sr-only" role="status">
              {items.length} hồ sơ đang hiển thị{cursor ? ', còn hồ sơ khác' : ''}.
            </p>
            {searching && (
              <p className="search-scope" data-testid="search-scope">
                Kết quả tìm «{filters.q.trim()}» trong mọi hàng đợi của bạn:{' '}
                {summariseWhere(items)}
              </p>
            )}
            {active.id === 'to_consult' ? (
              <table className="table queue-table">
                <caption className="sr-only">Yêu cầu cho ý kiến gửi cơ quan của bạn, sắp xếp theo hạn cho ý kiến</caption>
                <thead>
                  <tr>
                    <th scope="col">Mã hồ sơ</th>
                    <th scope="col">Thủ tục</th>
                    <th scope="col">Cơ quan hỏi ý kiến</th>
                    <th scope="col">Nội dung xin ý kiến</th>
                    <th scope="col">Hạn cho ý kiến</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((d) => (
                    <ConsultRow key={`${d.id}:${d.consultation?.id}`} d={d} procName={procNames.get(d.procedure_id)} agencyName={agencyNames.get(d.competent_agency_id)} />
                  ))}
                </tbody>
              </table>
            ) : (
              <table className="table queue-table">
                <caption className="sr-only">Hồ sơ hàng đợi «{active.label}», sắp xếp theo hạn trả kết quả</caption>
                <thead>
                  <tr>
                    <th scope="col">Mã hồ sơ</th>
                    <th scope="col">Thủ tục</th>
                    <th scope="col">Người nộp</th>
                    <th scope="col">Kênh</th>
                    <th scope="col">Trạng thái</th>
                    <th scope="col">Hạn trả kết quả</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((d) => (
                    <QueueRow key={d.id} d={d} procName={procNames.get(d.procedure_id)} showWhere={searching} />
                  ))}
                </tbody>
              </table>
            )}
            {cursor && (
              <div className="more">
                <button type="button" className="btn btn-secondary" onClick={() => void loadMore()} disabled={loadingMore}>
                  {loadingMore ? 'Đang tải…' : 'Tải thêm'}
                </button>
              </div>
            )}
          </>
        )}
      </section>
    </div>
  );
}

/** "2 ở «Đang xử lý», 1 ở «Chờ trả kết quả»" — where the matches of a search are. */
function summariseWhere(items: QueueItem[]): string {
  const counts = new Map<string, number>();
  let elsewhere = 0;
  for (const d of items) {
    if (!d.queues?.length) elsewhere += 1;
    for (const q of d.queues ?? []) counts.set(q.label, (counts.get(q.label) ?? 0) + 1);
  }
  const parts = [...counts].map(([label, n]) => `${n} ở «${label}»`);
  if (elsewhere) parts.push(`${elsewhere} đã kết thúc hoặc không chờ bạn xử lý`);
  return parts.join(', ') + '.';
}

function QueueRow({ d, procName, showWhere }: { d: QueueItem; procName?: string; showWhere?: boolean }) {
  return (
    <tr className={dueRowClass(d)}>
      <td data-label="Mã hồ sơ">
        <span>
          <Link href={`/staff/ho-so/${encodeURIComponent(d.id)}`} className="code code-nowrap">
            {d.code}
          </Link>
        </span>
      </td>
      <td data-label="Thủ tục">
        <span>{procName ?? d.procedure_id}</span>
      </td>
      <td data-label="Người nộp">
        <span>{d.applicant_name}</span>
      </td>
      <td data-label="Kênh">
        <span>{CHANNEL_LABEL[d.channel] ?? d.channel}</span>
      </td>
      <td data-label="Trạng thái">
        <span>
          {d.state.label}
          {showWhere &&
            d.queues?.map((q) => (
              <span key={q.id}>
                {' '}
                <Badge tone="info">{q.label}</Badge>
              </span>
            ))}
          {d.paused && (
            <>
              {' '}
              <Badge tone="info">Tạm dừng tính thời gian</Badge>
            </>
          )}
        </span>
      </td>
      <td data-label="Hạn trả kết quả">
        <span>
          <span className="due">{fmtDateTime(d.due_at)}</span> <DueBadges clock={d} />
        </span>
      </td>
    </tr>
  );
}

/** A request for an opinion addressed to the reader's agency; the dossier page has the answer form. */
function ConsultRow({ d, procName, agencyName }: { d: QueueItem; procName?: string; agencyName?: string }) {
  const c = d.consultation;
  if (!c) return null;
  return (
    <tr className={dueRowClass(c)}>
      <td data-label="Mã hồ sơ">
        <span>
          <Link href={`/staff/ho-so/${encodeURIComponent(d.id)}`} className="code code-nowrap">
            {d.code}
          </Link>
        </span>
      </td>
      <td data-label="Thủ tục">
        <span>{procName ?? d.procedure_id}</span>
      </td>
      <td data-label="Cơ quan hỏi ý kiến">
        <span>{agencyName ?? d.competent_agency_id}</span>
      </td>
      <td data-label="Nội dung xin ý kiến">
        <span className="consult-subject">{c.subject}</span>
      </td>
      <td data-label="Hạn cho ý kiến">
        <span>
          <span className="due">{fmtDateTime(c.due_at)}</span> <DueBadges clock={c} />
        </span>
      </td>
    </tr>
  );
}

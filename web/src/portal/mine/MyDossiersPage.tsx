// "Hồ sơ của tôi": the citizen's dossiers (the server gives a citizen only their own), each with
// its state in plain words, due date and what is expected of them now (the server's `awaiting`),
// and the drafts not yet submitted (on this device and on the server).
import { useEffect, useState } from 'react';
import { api } from '../../ui/api';
import { ErrorBox, Loading } from '../../ui/components';
import { fmtDate, fmtDateTime } from '../../ui/format';
import type { DossierList } from '../../ui/types';
import { DraftsList } from '../drafts/DraftsList';
import { STATE_PLAIN } from '../labels';
import { A, dossierHref } from '../nav';
import { Title } from '../Title';
import { useLoad } from '../useLoad';
import { AwaitingBadge, type CitizenDossierFields } from './awaiting';

type Item = DossierList['items'][number] & CitizenDossierFields & { procedure_name?: string };

export default function MyDossiersPage() {
  const [more, setMore] = useState<Item[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const first = useLoad(() => api.get<{ items: Item[]; next_cursor: string | null }>('/api/v1/dossiers?limit=50').then((r) => r.data), 'first');
  useEffect(() => {
    if (first.data) {
      setMore([]);
      setCursor(first.data.next_cursor);
    }
  }, [first.data]);
  const [moreError, setMoreError] = useState<unknown>(null);
  const items = [...(first.data?.items ?? []), ...more];

  async function loadMore() {
    if (!cursor) return;
    try {
      const r = await api.get<{ items: Item[]; next_cursor: string | null }>(`/api/v1/dossiers?limit=50&cursor=${encodeURIComponent(cursor)}`);
      setMore((m) => [...m, ...r.data.items]);
      setCursor(r.data.next_cursor);
    } catch (e) {
      setMoreError(e);
    }
  }

  return (
    <div className="page">
      <Title title="Hồ sơ của tôi">Hồ sơ của tôi</Title>
      <p className="actions-row">
        <A href="/thu-tuc" className="btn btn-primary">
          Nộp hồ sơ mới
        </A>
        <A href="/kho-du-lieu" className="btn btn-secondary">
          Kho dữ liệu của tôi
        </A>
      </p>
      <DraftsList />
      <section aria-labelledby="h-dossiers">
        <h2 id="h-dossiers">Hồ sơ đã nộp</h2>
        {first.loading && !first.data && <Loading />}
        {first.error !== undefined && <ErrorBox error={first.error} />}
        {first.data && items.length === 0 && <p className="muted">Anh/chị chưa có hồ sơ nào.</p>}
        <ul className="dossier-list">
          {items.map((d) => (
            <li key={d.id} className="dossier-card">
              <A className="dossier-card-code" href={dossierHref(d.id)}>
                {d.code}
              </A>
              {d.procedure_name && <p className="small">{d.procedure_name}</p>}
              <p className="proc-card-meta">
                <span className={`state state-${d.state.id}`}>{STATE_PLAIN[d.state.id] ?? d.state.label}</span>
                {d.submitted_at && <span>Nộp lúc {fmtDateTime(d.submitted_at)}</span>}
                {d.due_at && <span>Hẹn trả {fmtDate(d.due_at)}</span>}
              </p>
              <AwaitingBadge d={d} />
            </li>
          ))}
        </ul>
        {moreError !== null && <ErrorBox error={moreError} />}
        {cursor && (
          <button type="button" className="btn btn-secondary" onClick={() => void loadMore()}>
            Xem thêm hồ sơ
          </button>
        )}
      </section>
    </div>
  );
}

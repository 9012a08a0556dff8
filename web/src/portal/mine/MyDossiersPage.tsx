// "Hồ sơ của tôi": the citizen's dossiers, newest first (`GET /api/v1/me/dossiers`), each with
// its state in plain words, due date and what is expected of them now, and the drafts not yet
// submitted (on this device and on the server).
import { useEffect, useState } from 'react';
import { api } from '../../ui/api';
import { ErrorBox, Loading } from '../../ui/components';
import { fmtDate, fmtDateTime } from '../../ui/format';
import { DraftsList } from '../drafts/DraftsList';
import { A, dossierHref } from '../nav';
import { Title } from '../Title';
import { useLoad } from '../useLoad';
import { AwaitingBadges } from './awaiting';
import type { MyDossierSummary } from './types';

type Page = { items: MyDossierSummary[]; next_cursor: string | null };

export default function MyDossiersPage() {
  const first = useLoad(() => api.get<Page>('/api/v1/me/dossiers?limit=20').then((r) => r.data), 'first');
  const [more, setMore] = useState<MyDossierSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  useEffect(() => {
    if (first.data) {
      setMore([]);
      setCursor(first.data.next_cursor);
    }
  }, [first.data]);
  const items = [...(first.data?.items ?? []), ...more];

  async function loadMore() {
    if (!cursor) return;
    try {
      const r = await api.get<Page>(`/api/v1/me/dossiers?limit=20&cursor=${encodeURIComponent(cursor)}`);
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
        <A href="/ho-so-cua-toi/nhan-thong-bao" className="btn btn-secondary">
          Nhận thông báo
        </A>
      </p>
      <DraftsList />
      <section aria-labelledby="h-dossiers">
        <h2 id="h-dossiers">Hồ sơ đã nộp</h2>
        {first.loading && !first.data && <Loading />}
        {first.error !== undefined && <ErrorBox error={first.error} />}
        {first.data && items.length === 0 && <p className="muted">Anh/chị chưa có hồ sơ nào.</p>}
        <ul className="dossier-list" aria-label="Hồ sơ đã nộp">
          {items.map((d) => (
            <li key={d.id} className="dossier-card">
              <A className="dossier-card-code" href={dossierHref(d.id)}>
                {d.procedure_name}
              </A>
              <p className="small">Mã hồ sơ {d.code}</p>
              <p className="proc-card-meta">
                <span className={`state state-${d.state}`}>{d.state_label}</span>
                {d.submitted_at && <span>Nộp lúc {fmtDateTime(d.submitted_at)}</span>}
                {d.due_at && <span>Hẹn trả {fmtDate(d.due_at)}</span>}
              </p>
              <AwaitingBadges list={d.awaiting ?? []} />
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

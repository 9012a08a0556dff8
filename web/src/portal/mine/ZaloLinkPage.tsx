// Linking the citizen's Zalo account (issue 16): the Official Account's bot sends a one-time link
// here (`?ma=…`); the signed-in citizen confirms it (`POST /api/v1/me/zalo-link/confirm`) and
// may unlink later (`DELETE /api/v1/me/zalo-link`). Notices about their dossiers then also go
// to that Zalo account.
import { useState } from 'react';
import { api } from '../../ui/api';
import { ErrorBox, Loading, Message } from '../../ui/components';
import { A } from '../nav';
import { Title } from '../Title';
import { useLoad } from '../useLoad';

interface Link {
  linked: boolean;
  following: boolean;
  linked_at: string | null;
}

export default function ZaloLinkPage() {
  const code = new URLSearchParams(window.location.search).get('ma') ?? '';
  const r = useLoad(() => api.get<Link>('/api/v1/me/zalo-link').then((x) => x.data), 'zalo-link');
  const [link, setLink] = useState<Link | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const shown = link ?? r.data;

  async function run(what: 'confirm' | 'unlink') {
    setBusy(true);
    setProblem(null);
    try {
      const x =
        what === 'confirm'
          ? await api.post<Link>('/api/v1/me/zalo-link/confirm', { code })
          : await api.del<Link>('/api/v1/me/zalo-link');
      setLink(x.data);
      setDone(what === 'confirm' ? 'Đã liên kết tài khoản Zalo. Thông báo về hồ sơ sẽ được gửi qua Zalo.' : 'Đã hủy liên kết Zalo.');
    } catch (err) {
      setProblem(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page">
      <nav aria-label="Đường dẫn" className="breadcrumb">
        <A href="/ho-so-cua-toi">Hồ sơ của tôi</A> › Liên kết Zalo
      </nav>
      <Title title="Liên kết tài khoản Zalo">Liên kết tài khoản Zalo</Title>
      {r.loading && !r.data && <Loading />}
      {r.error !== undefined && <ErrorBox error={r.error} />}
      {problem !== null && <ErrorBox error={problem} />}
      {done && <Message kind="success">{done}</Message>}
      {shown && (
        <div className="card">
          <p>{shown.linked ? 'Tài khoản của Ông/Bà đang liên kết với một tài khoản Zalo quan tâm Zalo OA của tỉnh.' : 'Tài khoản chưa liên kết với Zalo.'}</p>
          {code && !(link && link.linked) && (
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => run('confirm')}>
              {busy ? 'Đang xác nhận…' : 'Xác nhận liên kết tài khoản Zalo này'}
            </button>
          )}
          {!code && !shown.linked && <p className="hint">Nhắn «liên kết» cho Zalo OA của tỉnh để nhận liên kết xác nhận.</p>}
          {shown.linked && (
            <button type="button" className="btn" disabled={busy} onClick={() => run('unlink')}>
              Hủy liên kết
            </button>
          )}
        </div>
      )}
    </div>
  );
}

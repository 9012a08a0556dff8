// Phản ánh, kiến nghị at the desk: the hotline form (an official logs a call), the list of the
// agency's cases, and one case with the steps this reader may take now (the server's `may`):
// classify, assign, transfer to the competent agency, answer (and publish), close.
import { useEffect, useId, useRef, useState } from 'react';
import { api, uuid } from '../ui/api';
import { ErrorBox, Link, Loading, Message, PageTitle } from '../ui/components';
import { fmtDate, fmtDateTime } from '../ui/format';
import type { FeedbackCase, FeedbackRules, Filed } from '../portal/feedback/types';
import { loadAgencies, useList } from './catalog';
import { may, useSession } from './session';

function HotlineForm({ onFiled }: { onFiled: (f: Filed) => void }) {
  const uid = useId();
  const [kind, setKind] = useState('phan_anh');
  const [content, setContent] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(uuid());
  async function send(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const body: Record<string, unknown> = { kind, content };
      if (name.trim()) body.sender_name = name.trim();
      if (phone.trim()) body.sender_phone = phone.trim();
      const r = await api.post<Filed>('/api/v1/staff/feedback/calls', body, { headers: { 'Idempotency-Key': key.current } });
      key.current = uuid();
      setContent('');
      setName('');
      setPhone('');
      onFiled(r.data);
    } catch (e2) {
      setProblem(e2);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={send} className="form card fb-hotline" aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>Ghi nhận cuộc gọi đường dây nóng</h2>
      {problem !== null && <ErrorBox error={problem} />}
      <div className="field">
        <label htmlFor={`${uid}-k`}>Loại</label>
        <select id={`${uid}-k`} value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="phan_anh">Phản ánh</option>
          <option value="kien_nghi">Kiến nghị</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${uid}-n`}>Họ tên người gọi</label>
        <input id={`${uid}-n`} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${uid}-p`}>Số điện thoại người gọi</label>
        <input id={`${uid}-p`} type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${uid}-c`}>Nội dung cuộc gọi</label>
        <textarea id={`${uid}-c`} rows={4} value={content} onChange={(e) => setContent(e.target.value)} />
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? 'Đang ghi…' : 'Ghi nhận cuộc gọi'}
      </button>
    </form>
  );
}

export function FeedbackListPage() {
  const { user } = useSession();
  const [items, setItems] = useState<FeedbackCase[] | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [filed, setFiled] = useState<Filed | null>(null);
  function load() {
    api.get<{ items: FeedbackCase[] }>('/api/v1/staff/feedback?limit=50').then((r) => setItems(r.data.items), setProblem);
  }
  useEffect(load, []);
  return (
    <div className="page">
      <PageTitle title="Phản ánh, kiến nghị">Phản ánh, kiến nghị</PageTitle>
      {filed && (
        <Message kind={filed.accepted ? 'success' : 'warning'}>
          Đã ghi nhận cuộc gọi, mã <Link href={`/staff/phan-anh/${filed.id}`}>{filed.code}</Link>.{filed.reply ? ` ${filed.reply}` : ''}
        </Message>
      )}
      {may(user, 'feedback_calls') && (
        <HotlineForm
          onFiled={(f) => {
            setFiled(f);
            load();
          }}
        />
      )}
      {problem !== null && <ErrorBox error={problem} />}
      {!items ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>Chưa có phản ánh, kiến nghị nào.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption>Phản ánh, kiến nghị của cơ quan</caption>
            <thead>
              <tr>
                <th scope="col">Mã</th>
                <th scope="col">Tiêu đề</th>
                <th scope="col">Kênh</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Hạn trả lời</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link href={`/staff/phan-anh/${c.id}`}>{c.code}</Link>
                  </td>
                  <td>{c.title}</td>
                  <td>{c.channel_label}</td>
                  <td>
                    {c.state_label}
                    {c.overdue ? ' · quá hạn' : ''}
                    {c.escalated_to ? ' · đã báo cấp trên' : ''}
                  </td>
                  <td>{c.due_at ? fmtDate(c.due_at) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function FeedbackCasePage({ id }: { id: string }) {
  const uid = useId();
  const { user } = useSession();
  const [c, setC] = useState<FeedbackCase | null>(null);
  const [rules, setRules] = useState<FeedbackRules | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [field, setField] = useState('');
  const [kind, setKind] = useState('phan_anh');
  const [agency, setAgency] = useState('');
  const [reason, setReason] = useState('');
  const [answer, setAnswer] = useState('');
  const [publish, setPublish] = useState(true);
  const agencies = useList(loadAgencies);
  useEffect(() => {
    api.get<FeedbackCase>(`/api/v1/feedback/${encodeURIComponent(id)}`).then((r) => {
      setC(r.data);
      setField(r.data.field ?? '');
      setKind(r.data.kind ?? 'phan_anh');
    }, setProblem);
    api.get<FeedbackRules>('/api/v1/feedback/rules').then((r) => setRules(r.data), setProblem);
  }, [id]);

  async function act(body: Record<string, unknown>) {
    setProblem(null);
    try {
      const r = await api.post<FeedbackCase>(`/api/v1/feedback/${encodeURIComponent(id)}/actions`, body);
      setC(r.data);
    } catch (e) {
      setProblem(e);
    }
  }

  if (!c) return problem !== null ? <ErrorBox error={problem} /> : <Loading />;
  const can = (a: string) => c.may.includes(a);
  return (
    <div className="page">
      <PageTitle title={`Phản ánh ${c.code}`}>
        Phản ánh, kiến nghị {c.code}
      </PageTitle>
      <p>
        <Link href="/staff/phan-anh">← Danh sách phản ánh, kiến nghị</Link>
      </p>
      {problem !== null && <ErrorBox error={problem} />}
      <dl className="fb-facts">
        <dt>Trạng thái</dt>
        <dd className="fb-state">{c.state_label}</dd>
        <dt>Kênh</dt>
        <dd>{c.channel_label}</dd>
        <dt>Cơ quan xử lý</dt>
        <dd>{c.agency_name}</dd>
        <dt>Lĩnh vực</dt>
        <dd>{c.field ?? '—'}</dd>
        <dt>Hạn trả lời</dt>
        <dd>{c.due_at ? fmtDateTime(c.due_at) : '—'}</dd>
        <dt>Người gửi</dt>
        <dd>{[c.sender?.name, c.sender?.phone, c.sender?.email, c.sender?.address].filter(Boolean).join(' · ') || 'Không rõ'}</dd>
        {c.dossier && (
          <>
            <dt>Hồ sơ liên quan</dt>
            <dd>{c.dossier.id ? <Link href={`/staff/ho-so/${c.dossier.id}`}>{c.dossier.code}</Link> : c.dossier.code}</dd>
          </>
        )}
      </dl>
      <h2>{c.title}</h2>
      <p className="fb-content">{c.content}</p>
      {c.attachments && c.attachments.length > 0 && (
        <ul>
          {c.attachments.map((a) => (
            <li key={a.id}>
              <a href={a.href}>{a.file_name}</a>
            </li>
          ))}
        </ul>
      )}
      {c.answer && (
        <section aria-label="Câu trả lời">
          <h2>Câu trả lời</h2>
          <p className="fb-answer">{c.answer}</p>
        </section>
      )}
      {can('classify') && rules && (
        <form
          className="form card"
          onSubmit={(e) => {
            e.preventDefault();
            void act({ action: 'classify', field, kind });
          }}
        >
          <h2>Phân loại</h2>
          <div className="field">
            <label htmlFor={`${uid}-f`}>Lĩnh vực</label>
            <select id={`${uid}-f`} value={field} onChange={(e) => setField(e.target.value)}>
              <option value="">— Chọn lĩnh vực —</option>
              {rules.fields.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${uid}-k`}>Loại</label>
            <select id={`${uid}-k`} value={kind} onChange={(e) => setKind(e.target.value)}>
              {rules.kinds.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn btn-primary">
            Phân loại
          </button>
        </form>
      )}
      {can('assign') && user && (
        <button type="button" className="btn btn-secondary" onClick={() => void act({ action: 'assign', assignee_id: user.id })}>
          Giao cho tôi xử lý
        </button>
      )}
      {can('transfer') && (
        <form
          className="form card"
          onSubmit={(e) => {
            e.preventDefault();
            void act({ action: 'transfer', agency_id: agency, reason });
          }}
        >
          <h2>Chuyển cơ quan có thẩm quyền</h2>
          <div className="field">
            <label htmlFor={`${uid}-a`}>Cơ quan có thẩm quyền</label>
            <select id={`${uid}-a`} value={agency} onChange={(e) => setAgency(e.target.value)}>
              <option value="">— Chọn cơ quan —</option>
              {agencies
                .filter((a) => a.id !== c.agency_id && !a.valid_to)
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${uid}-r`}>Lý do chuyển</label>
            <input id={`${uid}-r`} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="submit" className="btn btn-secondary">
            Chuyển
          </button>
        </form>
      )}
      {can('answer') && (
        <form
          className="form card"
          onSubmit={(e) => {
            e.preventDefault();
            void act({ action: 'answer', answer, publish });
          }}
        >
          <h2>Trả lời</h2>
          <div className="field">
            <label htmlFor={`${uid}-ans`}>Nội dung trả lời</label>
            <textarea id={`${uid}-ans`} rows={5} value={answer} onChange={(e) => setAnswer(e.target.value)} />
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={publish} onChange={(e) => setPublish(e.target.checked)} /> Công khai trên Cổng dịch vụ công
            {c.private ? ' (người gửi đề nghị không công khai)' : ''}
          </label>
          <button type="submit" className="btn btn-primary">
            Gửi trả lời
          </button>
        </form>
      )}
      {can('publish') && (
        <button type="button" className="btn btn-secondary" onClick={() => void act({ action: 'publish' })}>
          Công khai câu trả lời
        </button>
      )}
      {can('close') && (
        <button type="button" className="btn btn-secondary" onClick={() => void act({ action: 'close' })}>
          Kết thúc
        </button>
      )}
      <h2>Quá trình xử lý</h2>
      <ol className="fb-history">
        {(c.history ?? []).map((h, i) => (
          <li key={i}>
            {fmtDateTime(h.at)} — {h.label}
            {h.actor ? ` (${h.actor})` : ''}
            {h.note ? `: ${h.note}` : ''}
          </li>
        ))}
      </ol>
    </div>
  );
}

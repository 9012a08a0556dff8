// Phản ánh, kiến nghị on the portal: file a case (signed in or not, with attachments), "my
// cases" (follow, rate the answer, reopen once), and the published answers (/phan-anh-kien-nghi)
// searchable without diacritics. Every rule is the server's: the page shows what it answers.
import { useEffect, useId, useRef, useState } from 'react';
import { api, uuid } from '../../ui/api';
import { ErrorBox, Loading, Message, PageTitle } from '../../ui/components';
import { fmtDate, fmtDateTime } from '../../ui/format';
import { A } from '../nav';
import { useCitizen } from '../session';
import { fileToBase64, type FeedbackCase, type FeedbackRules, type Filed, type PublishedAnswer } from './types';

const SCORES = [
  { id: 'very_satisfied', label: 'Rất hài lòng' },
  { id: 'satisfied', label: 'Hài lòng' },
  { id: 'dissatisfied', label: 'Không hài lòng' },
];

export function FilePage() {
  const { user } = useCitizen();
  const uid = useId();
  const [rules, setRules] = useState<FeedbackRules | null>(null);
  const [kind, setKind] = useState('phan_anh');
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [address, setAddress] = useState('');
  const [dossier, setDossier] = useState('');
  const [priv, setPriv] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const [filed, setFiled] = useState<Filed | null>(null);
  const key = useRef(uuid());

  useEffect(() => {
    api.get<FeedbackRules>('/api/v1/feedback/rules').then((r) => setRules(r.data), setProblem);
  }, []);

  async function send(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const attachments = await Promise.all(files.map(async (f) => ({ file_name: f.name, data_base64: await fileToBase64(f) })));
      const body: Record<string, unknown> = { kind, title, content, private: priv };
      if (name.trim()) body.sender_name = name.trim();
      if (phone.trim()) body.sender_phone = phone.trim();
      if (email.trim()) body.sender_email = email.trim();
      if (address.trim()) body.sender_address = address.trim();
      if (dossier.trim()) body.dossier_code = dossier.trim();
      if (attachments.length) body.attachments = attachments;
      const r = await api.post<Filed>('/api/v1/feedback', body, { headers: { 'Idempotency-Key': key.current } });
      setFiled(r.data);
    } catch (e2) {
      setProblem(e2);
    } finally {
      setBusy(false);
    }
  }

  if (filed)
    return (
      <div className="page">
        <PageTitle title="Đã gửi phản ánh, kiến nghị">Đã gửi phản ánh, kiến nghị</PageTitle>
        {filed.accepted ? (
          <Message kind="success">
            Phản ánh, kiến nghị đã được tiếp nhận với mã <strong className="fb-code">{filed.code}</strong>.{' '}
            {user ? (
              <>
                Theo dõi tại <A href="/phan-anh-cua-toi">Phản ánh của tôi</A>.
              </>
            ) : (
              'Vui lòng ghi lại mã để tra cứu.'
            )}
          </Message>
        ) : (
          <Message kind="warning">
            <span className="fb-reply">{filed.reply}</span> (mã <strong className="fb-code">{filed.code}</strong>)
          </Message>
        )}
      </div>
    );

  return (
    <div className="page">
      <PageTitle title="Gửi phản ánh, kiến nghị">Gửi phản ánh, kiến nghị</PageTitle>
      <p>
        Phản ánh về hành vi chậm trễ, gây phiền hà của cơ quan, cán bộ; kiến nghị về quy định hành chính (Nghị định 20/2008/NĐ-CP).
        Cần ghi rõ họ tên và một cách liên hệ để được xem xét, trả lời.
      </p>
      {problem !== null && <ErrorBox error={problem} />}
      {!rules ? (
        <Loading />
      ) : (
        <form onSubmit={send} className="form fb-form">
          <fieldset>
            <legend className="field-label">Loại</legend>
            {rules.kinds.map((k) => (
              <label key={k.id} className="rating-option">
                <input type="radio" name={`${uid}-kind`} value={k.id} checked={kind === k.id} onChange={() => setKind(k.id)} /> {k.label}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${uid}-t`}>Tiêu đề</label>
            <input id={`${uid}-t`} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${uid}-c`}>
              Nội dung <span aria-hidden="true">*</span>
            </label>
            <textarea id={`${uid}-c`} rows={6} required maxLength={10000} value={content} onChange={(e) => setContent(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${uid}-n`}>Họ và tên{user ? ' (mặc định theo tài khoản)' : ''}</label>
            <input id={`${uid}-n`} value={name} autoComplete="name" onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${uid}-p`}>Số điện thoại</label>
            <input id={`${uid}-p`} type="tel" value={phone} autoComplete="tel" onChange={(e) => setPhone(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${uid}-e`}>Thư điện tử</label>
            <input id={`${uid}-e`} type="email" value={email} autoComplete="email" onChange={(e) => setEmail(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${uid}-a`}>Địa chỉ liên hệ</label>
            <input id={`${uid}-a`} value={address} onChange={(e) => setAddress(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${uid}-d`}>Mã hồ sơ liên quan (nếu có)</label>
            <input id={`${uid}-d`} value={dossier} onChange={(e) => setDossier(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${uid}-f`}>Tệp đính kèm (PDF, JPEG, PNG; tối đa {rules.attachments.max_files} tệp)</label>
            <input id={`${uid}-f`} type="file" multiple accept="application/pdf,image/jpeg,image/png" onChange={(e) => setFiles(Array.from(e.target.files ?? []))} />
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={priv} onChange={(e) => setPriv(e.target.checked)} /> Không công khai câu trả lời
          </label>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Đang gửi…' : 'Gửi phản ánh, kiến nghị'}
          </button>
        </form>
      )}
    </div>
  );
}

function CaseCard({ c, onChange }: { c: FeedbackCase; onChange: (c: FeedbackCase) => void }) {
  const uid = useId();
  const [score, setScore] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const ratedThisRound = (c.ratings ?? []).some((r) => r.round === (c.reopened ? 2 : 1));

  async function post(path: string, body: unknown) {
    setProblem(null);
    try {
      const r = await api.post<FeedbackCase>(path, body);
      onChange(r.data);
    } catch (e) {
      setProblem(e);
    }
  }

  return (
    <article className="card fb-case" aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`} className="fb-case-title">
        {c.title}
      </h2>
      <p>
        Mã <strong>{c.code}</strong> · {c.state_label} · gửi {fmtDateTime(c.received_at)}
        {c.due_at && c.state !== 'answered' && c.state !== 'closed' ? ` · hạn trả lời ${fmtDate(c.due_at)}` : ''}
      </p>
      {c.refusal_reason && <Message kind="warning">{c.refusal_reason}</Message>}
      {c.dossier && <p>Hồ sơ liên quan: {c.dossier.code}</p>}
      <p className="fb-content">{c.content}</p>
      {c.answer && (
        <section aria-label="Câu trả lời">
          <h3>Câu trả lời của {c.agency_name}</h3>
          <p className="fb-answer">{c.answer}</p>
        </section>
      )}
      {problem !== null && <ErrorBox error={problem} />}
      {c.may.includes('rate') && !ratedThisRound && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (score) void post(`/api/v1/feedback/${c.id}/rating`, { score });
          }}
        >
          <fieldset>
            <legend className="field-label">Anh/chị có hài lòng với câu trả lời không?</legend>
            {SCORES.map((s) => (
              <label key={s.id} className="rating-option">
                <input type="radio" name={`${uid}-s`} value={s.id} checked={score === s.id} onChange={() => setScore(s.id)} /> {s.label}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="btn btn-secondary">
            Gửi đánh giá
          </button>
        </form>
      )}
      {c.may.includes('reopen') && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void post(`/api/v1/feedback/${c.id}/reopen`, { reason });
          }}
        >
          <div className="field">
            <label htmlFor={`${uid}-r`}>Chưa hài lòng? Đề nghị xem xét lại (một lần)</label>
            <textarea id={`${uid}-r`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="submit" className="btn btn-secondary">
            Đề nghị xem xét lại
          </button>
        </form>
      )}
    </article>
  );
}

export function MyCasesPage() {
  const [items, setItems] = useState<FeedbackCase[] | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  useEffect(() => {
    api.get<{ items: FeedbackCase[] }>('/api/v1/me/feedback').then((r) => setItems(r.data.items), setProblem);
  }, []);
  return (
    <div className="page">
      <PageTitle title="Phản ánh của tôi">Phản ánh, kiến nghị của tôi</PageTitle>
      <p>
        <A className="btn btn-primary" href="/phan-anh-kien-nghi/gui">
          Gửi phản ánh, kiến nghị
        </A>
      </p>
      {problem !== null && <ErrorBox error={problem} />}
      {!items ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>Bạn chưa gửi phản ánh, kiến nghị nào.</p>
      ) : (
        items.map((c) => <CaseCard key={c.id} c={c} onChange={(n) => setItems(items.map((x) => (x.id === n.id ? n : x)))} />)
      )}
    </div>
  );
}

export function PublishedPage() {
  const uid = useId();
  const { user } = useCitizen();
  const [q, setQ] = useState(() => new URLSearchParams(location.search).get('q') ?? '');
  const [items, setItems] = useState<PublishedAnswer[] | null>(null);
  const [problem, setProblem] = useState<unknown>(null);

  function load(query: string) {
    setProblem(null);
    api.get<{ items: PublishedAnswer[] }>(`/api/v1/feedback/published?q=${encodeURIComponent(query)}`).then((r) => setItems(r.data.items), setProblem);
  }
  useEffect(() => load(q), []); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="page">
      <PageTitle title="Phản ánh, kiến nghị">Trả lời phản ánh, kiến nghị</PageTitle>
      <p>
        <A className="btn btn-primary" href="/phan-anh-kien-nghi/gui">
          Gửi phản ánh, kiến nghị
        </A>{' '}
        {user && <A href="/phan-anh-cua-toi">Phản ánh, kiến nghị của tôi</A>}
      </p>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          history.replaceState(null, '', q ? `?q=${encodeURIComponent(q)}` : location.pathname);
          load(q);
        }}
      >
        <label htmlFor={`${uid}-q`}>Tìm câu trả lời (gõ không dấu cũng được)</label>
        <div className="search-row">
          <input id={`${uid}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          <button type="submit" className="btn btn-primary">
            Tìm
          </button>
        </div>
      </form>
      {problem !== null && <ErrorBox error={problem} />}
      {!items ? (
        <Loading />
      ) : items.length === 0 ? (
        <p role="status">Không có câu trả lời nào phù hợp.</p>
      ) : (
        <ul className="fb-published">
          {items.map((a) => (
            <li key={a.code} className="card">
              <h2 className="fb-case-title">{a.title}</h2>
              <p>
                {a.kind} · {a.field} · {a.agency_name} · trả lời {fmtDate(a.answered_at)}
              </p>
              <p className="fb-content">{a.content}</p>
              <h3>Trả lời</h3>
              <p className="fb-answer">{a.answer}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

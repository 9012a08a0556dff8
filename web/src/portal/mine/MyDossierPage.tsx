// One of my dossiers (`GET /api/v1/me/dossiers/{id}`): where it stands in plain words, the due
// date, what is expected of me now (the server's `awaiting` and `may_*`: answer a supplement,
// pay, download the result, rate), withdraw with a reason, the forms issued to me, my documents
// and the history.
import { useRef, useState } from 'react';
import { api } from '../../ui/api';
import { DossierFeedback } from '../../ui/DossierFeedback';
import { ErrorBox, Field, Loading, Message } from '../../ui/components';
import { fmtDate, fmtDateTime } from '../../ui/format';
import { A } from '../nav';
import { Title } from '../Title';
import { useLoad } from '../useLoad';
import { AwaitingBadges } from './awaiting';
import { Deliveries } from './Deliveries';
import { PaidList, PayBox } from './PayBox';
import { RatingDone, RatingForm } from './RatingForm';
import { SupplementForm } from './SupplementForm';
import type { MyDossierView } from './types';

export default function MyDossierPage({ id }: { id: string }) {
  const loaded = useLoad(() => api.get<MyDossierView>(`/api/v1/me/dossiers/${encodeURIComponent(id)}`).then((r) => r.data), id);
  const [override, setOverride] = useState<MyDossierView | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const flashRef = useRef<HTMLDivElement>(null);
  const d = override ?? loaded.data;

  const changed = (v: MyDossierView, msg: string) => {
    setOverride(v);
    setFlash(msg);
    requestAnimationFrame(() => flashRef.current?.focus());
  };

  if (loaded.error !== undefined)
    return (
      <div className="page">
        <Title title="Không tìm thấy hồ sơ">Không tìm thấy hồ sơ</Title>
        <ErrorBox error={loaded.error} />
        <p>
          <A href="/ho-so-cua-toi">Về hồ sơ của tôi</A>
        </p>
      </div>
    );
  if (!d) return <Loading />;
  const awaiting = d.awaiting ?? [];
  const supplement = awaiting.find((a) => a.id === 'send_supplement');
  const pay = awaiting.find((a) => a.id === 'pay_fee');
  const payReturn = new URLSearchParams(location.search).get('thanh-toan');

  return (
    <div className="page">
      <nav aria-label="Đường dẫn" className="breadcrumb">
        <A href="/ho-so-cua-toi">Hồ sơ của tôi</A> › {d.code}
      </nav>
      <Title title={`Hồ sơ ${d.code}`}>{d.procedure_name}</Title>
      <div ref={flashRef} tabIndex={-1} className="flash">
        {flash && <Message kind="success">{flash}</Message>}
      </div>
      {payReturn && !flash && (
        <Message kind="info">Anh/chị vừa quay lại từ trang thanh toán. Trạng thái thanh toán do cơ quan xác nhận với đơn vị thanh toán và hiển thị bên dưới.</Message>
      )}
      <section className="card" aria-labelledby="h-state">
        <h2 id="h-state" className="card-title">
          Tình trạng: <span data-testid="my-state">{d.state_label}</span>
        </h2>
        <dl className="dl">
          <dt>Mã hồ sơ</dt>
          <dd className="code">{d.code}</dd>
          {d.receiving_agency_name && (
            <>
              <dt>Cơ quan tiếp nhận</dt>
              <dd>{d.receiving_agency_name}</dd>
            </>
          )}
          <dt>Ngày nộp</dt>
          <dd>{fmtDateTime(d.submitted_at)}</dd>
          {d.received_at && (
            <>
              <dt>Ngày tiếp nhận</dt>
              <dd>{fmtDateTime(d.received_at)}</dd>
            </>
          )}
          <dt>Ngày hẹn trả kết quả</dt>
          <dd>{d.due_at ? fmtDate(d.due_at) : 'Sau khi cơ quan tiếp nhận hồ sơ'}</dd>
          {d.returned_at && (
            <>
              <dt>Ngày trả kết quả</dt>
              <dd>{fmtDateTime(d.returned_at)}</dd>
            </>
          )}
        </dl>
        <AwaitingBadges list={awaiting} />
      </section>

      {supplement && d.may_answer_supplement && (
        <section className="expect-box" aria-labelledby="h-supp">
          <h2 id="h-supp">{supplement.label}</h2>
          {supplement.items && supplement.items.length > 0 && (
            <>
              <p>Cơ quan đề nghị bổ sung:</p>
              <ul>
                {supplement.items.map((x) => (
                  <li key={x}>{x}</li>
                ))}
              </ul>
            </>
          )}
          <SupplementForm d={d} items={supplement.items ?? []} onDone={(v) => changed(v, 'Đã gửi giấy tờ bổ sung. Hồ sơ đã được chuyển lại cho cơ quan.')} />
        </section>
      )}

      {pay && (
        <section className="expect-box" aria-labelledby="h-pay">
          <h2 id="h-pay">{pay.label}</h2>
          <PayBox dossierId={d.id} />
        </section>
      )}

      {!pay && <PaidList dossierId={d.id} />}

      {d.result && (
        <section className="card" aria-labelledby="h-result">
          <h2 id="h-result" className="card-title">
            Kết quả giải quyết
          </h2>
          <p>
            {d.result.granted ? 'Hồ sơ được giải quyết' : 'Hồ sơ không được giải quyết'}
            {d.result.number && `: văn bản số ${d.result.number}`}
            {d.result.date && `, ngày ${fmtDate(d.result.date)}`}.
          </p>
          {d.result.electronic && d.result.href ? (
            <p>
              <a className="btn btn-primary" href={d.result.href} download>
                Tải kết quả điện tử (PDF)
              </a>
            </p>
          ) : (
            <p className="muted">Kết quả được trả bản giấy{d.result.return_method ? ` (${d.result.return_method})` : ''}.</p>
          )}
        </section>
      )}

      {(d.rating || d.may_rate) && (
        <section className="card" aria-labelledby="h-rate">
          <h2 id="h-rate" className="card-title">
            Đánh giá mức độ hài lòng
          </h2>
          {d.rating ? (
            <RatingDone r={d.rating} />
          ) : (
            <RatingForm
              path={`/api/v1/me/dossiers/${encodeURIComponent(d.id)}/rating`}
              onDone={(r) => changed({ ...d, rating: r, may_rate: false, awaiting: awaiting.filter((a) => a.id !== 'rate') }, 'Cảm ơn anh/chị đã đánh giá.')}
            />
          )}
        </section>
      )}

      {d.forms && d.forms.length > 0 && (
        <section className="card" aria-labelledby="h-forms">
          <h2 id="h-forms" className="card-title">
            Giấy tờ cơ quan đã gửi
          </h2>
          <ul className="plain-list">
            {d.forms.map((f) => (
              <li key={f.form}>
                <a href={f.href} target="_blank" rel="noopener">
                  Mẫu {f.form}: {f.name} (PDF, mở trong thẻ mới)
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}

      {d.documents && d.documents.length > 0 && (
        <section className="card" aria-labelledby="h-docs">
          <h2 id="h-docs" className="card-title">
            Giấy tờ đã nộp
          </h2>
          <ul className="plain-list">
            {d.documents.map((doc) => (
              <li key={doc.id}>
                <a href={doc.href}>{doc.file_name}</a>
                {doc.component && <span className="muted small"> — {doc.component}</span>}
                {doc.reused_from && <span className="muted small"> (lấy từ kho dữ liệu)</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      {d.history && d.history.length > 0 && (
        <section className="card" aria-labelledby="h-hist">
          <h2 id="h-hist" className="card-title">
            Quá trình giải quyết
          </h2>
          <ol className="timeline">
            {d.history.map((h, i) => (
              <li key={i} className="timeline-item">
                <p>
                  <strong>{h.label}</strong> <span className="muted small">{fmtDateTime(h.at)}</span>
                </p>
                {h.items && h.items.length > 0 && (
                  <ul>
                    {h.items.map((x) => (
                      <li key={x}>{x}</li>
                    ))}
                  </ul>
                )}
                {h.note && <p className="small">«{h.note}»</p>}
              </li>
            ))}
          </ol>
        </section>
      )}

      <Deliveries dossierId={d.id} />
      <DossierFeedback dossierId={d.id} hrefOf={() => '/phan-anh-cua-toi'} />

      {d.may_withdraw && <Withdraw d={d} onDone={(v) => changed(v, 'Đã rút hồ sơ.')} />}
    </div>
  );
}

function Withdraw({ d, onDone }: { d: MyDossierView; onDone: (v: MyDossierView) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  if (!open)
    return (
      <p>
        <button type="button" className="btn btn-danger-outline" onClick={() => { setOpen(true); requestAnimationFrame(() => ref.current?.focus()); }}>
          Rút hồ sơ
        </button>
      </p>
    );
  async function send(e: React.FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setErr('Vui lòng ghi lý do rút hồ sơ.');
      ref.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const r = await api.post<MyDossierView>(`/api/v1/me/dossiers/${encodeURIComponent(d.id)}/withdraw`, { reason: reason.trim() });
      onDone(r.data);
    } catch (e2) {
      setProblem(e2);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="card" aria-labelledby="h-wd">
      <h2 id="h-wd" className="card-title">
        Rút hồ sơ
      </h2>
      {problem !== null && <ErrorBox error={problem} />}
      <form onSubmit={send} noValidate>
        <Field label="Lý do rút hồ sơ" required error={err}>
          {({ id, describedBy, invalid }) => (
            <textarea ref={ref} id={id} rows={3} maxLength={1000} value={reason} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setReason(e.target.value)} />
          )}
        </Field>
        <p className="actions-row">
          <button type="submit" className="btn btn-danger" disabled={busy}>
            {busy ? 'Đang gửi…' : 'Xác nhận rút hồ sơ'}
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => setOpen(false)}>
            Không rút
          </button>
        </p>
      </form>
    </section>
  );
}

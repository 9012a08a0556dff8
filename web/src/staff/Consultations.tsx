// Consultations of other agencies on a dossier (lấy ý kiến phối hợp): the list with each
// request's clock, the form to ask (specialist or head of the deciding agency, dossier in
// progress) and the form to answer (specialist, head or leader of the consulted agency).
// The server decides (docs/openapi.yaml, POST /api/v1/dossiers/{id}/consultations and
// …/{cid}/answer); the role and state checks here only hide forms that would surely be refused.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { api, uuid } from '../ui/api';
import { Badge, Field, Message, ProblemView, problemOf } from '../ui/components';
import { actorLabel, fmtDateTime, fromLocalInput, timelinessLabel, toLocalInput } from '../ui/format';
import type { Agency, CatalogueConsultation, Consultation, DossierView, ProcedureFull } from '../ui/types';
import { loadAgencies, useList } from './catalog';
import { DueBadges } from './Due';

const AGENCY_TYPE_LABEL: Record<string, string> = {
  department: 'Sở, ban, ngành',
  vertical: 'Cơ quan ngành dọc',
  commune_committee: 'UBND xã, phường, đặc khu',
  provincial_committee: 'UBND tỉnh',
  service_center: 'Trung tâm Phục vụ hành chính công',
};
const TYPE_ORDER = ['department', 'vertical', 'commune_committee', 'provincial_committee', 'service_center'];

/** The API's default and limits for `hours` (working hours allotted to the answer). */
const DEFAULT_HOURS = 8;
const MAX_HOURS = 480;

type Flash = { kind: 'success'; text: string } | null;

export function ConsultationsSection({ d, onUpdated }: { d: DossierView; onUpdated: (v: DossierView) => void }) {
  const agencies = useList(loadAgencies);
  const names = useMemo(() => new Map(agencies.map((a) => [a.id, a.name])), [agencies]);
  const [open, setOpen] = useState(false);
  const [flash, setFlash] = useState<Flash>(null);
  const flashRef = useRef<HTMLDivElement>(null);
  const canAsk = d.may_consult;
  const nameOf = (id: string) => names.get(id) ?? id;

  if (d.consultations.length === 0 && !canAsk) return null;

  function done(v: DossierView, text: string) {
    onUpdated(v);
    setFlash({ kind: 'success', text });
    setTimeout(() => flashRef.current?.focus(), 0);
  }

  return (
    <section className="card consult-card" aria-labelledby="h-consult" data-testid="consultations">
      <h2 id="h-consult" className="card-title">
        Lấy ý kiến cơ quan phối hợp
      </h2>
      <div ref={flashRef} tabIndex={-1} className="flash" aria-live="polite">
        {flash && (
          <Message kind="success" onDismiss={() => setFlash(null)}>
            {flash.text}
          </Message>
        )}
      </div>
      {d.consultations.length === 0 ? (
        <p className="muted">Chưa lấy ý kiến cơ quan nào.</p>
      ) : (
        <ul className="consultations">
          {d.consultations.map((c) => (
            <ConsultationItem
              key={c.id}
              c={c}
              agencyName={nameOf(c.agency_id)}
              dossierId={d.id}
              closed={!d.consultations_open}
              canAnswer={c.may_answer === true}
              onAnswered={(v) => done(v, 'Đã gửi ý kiến trả lời.')}
            />
          ))}
        </ul>
      )}
      {canAsk &&
        (open ? (
          <ConsultForm
            d={d}
            agencies={agencies}
            onCancel={() => setOpen(false)}
            onDone={(v, agencyId) => {
              setOpen(false);
              done(v, `Đã gửi yêu cầu lấy ý kiến tới ${nameOf(agencyId)}.`);
            }}
          />
        ) : (
          <p className="actions-row">
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => {
                setFlash(null);
                setOpen(true);
              }}
            >
              Lấy ý kiến cơ quan khác
            </button>
          </p>
        ))}
    </section>
  );
}

function ConsultationItem({
  c,
  agencyName,
  dossierId,
  closed,
  canAnswer,
  onAnswered,
}: {
  c: Consultation;
  agencyName: string;
  dossierId: string;
  /** The dossier's handling has ended: an unanswered request will not be answered. */
  closed: boolean;
  canAnswer: boolean;
  onAnswered: (v: DossierView) => void;
}) {
  const titleId = useId();
  return (
    <li className={`consultation ${c.answered_at ? 'is-answered' : closed ? '' : c.overdue ? 'is-overdue' : c.near_due ? 'is-near' : ''}`} aria-labelledby={titleId} data-testid="consultation">
      <p className="consult-head" id={titleId}>
        <strong>{agencyName}</strong>{' '}
        {c.answered_at ? (
          <Badge tone={c.timeliness === 'late' ? 'danger' : 'ok'}>Đã trả lời{c.timeliness ? ` — ${timelinessLabel(c.timeliness).toLowerCase()}` : ''}</Badge>
        ) : closed ? (
          <Badge tone="muted">Không còn nhận ý kiến (hồ sơ đã kết thúc)</Badge>
        ) : (
          <Badge tone="info">Chờ trả lời</Badge>
        )}
      </p>
      <p className="consult-question">
        <span className="consult-label">Nội dung xin ý kiến:</span> {c.subject}
      </p>
      <dl className="dl dl-compact">
        <dt>Người gửi</dt>
        <dd>
          {c.requested_by ? actorLabel(c.requested_by) : '—'}, lúc {fmtDateTime(c.requested_at)}
        </dd>
        <dt>Hạn cho ý kiến</dt>
        <dd data-testid="consultation-due">
          <span className="due">{fmtDateTime(c.due_at)}</span> {!c.answered_at && !closed && <DueBadges clock={c} />}
        </dd>
        {c.answered_at && (
          <>
            <dt>Ý kiến trả lời</dt>
            <dd className="consult-answer" data-testid="consultation-answer">
              {c.answer}
            </dd>
            <dt>Người trả lời</dt>
            <dd>
              {c.answered_by ? actorLabel(c.answered_by) : '—'}, lúc {fmtDateTime(c.answered_at)}
            </dd>
          </>
        )}
      </dl>
      {canAnswer && <AnswerForm dossierId={dossierId} c={c} agencyName={agencyName} onDone={onAnswered} />}
    </li>
  );
}

function AnswerForm({ dossierId, c, agencyName, onDone }: { dossierId: string; c: Consultation; agencyName: string; onDone: (v: DossierView) => void }) {
  const [text, setText] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLTextAreaElement | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setProblem(null);
    if (!text.trim()) {
      setErr('Vui lòng nhập ý kiến của cơ quan.');
      inputRef.current?.focus();
      return;
    }
    setErr(null);
    setBusy(true);
    try {
      const { data } = await api.post<DossierView>(`/api/v1/dossiers/${encodeURIComponent(dossierId)}/consultations/${c.id}/answer`, { answer: text.trim() });
      onDone(data);
    } catch (x) {
      setProblem(x);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="consult-form" onSubmit={submit} noValidate aria-label={`Trả lời yêu cầu lấy ý kiến gửi ${agencyName}`}>
      <Field label="Ý kiến của cơ quan" required error={err} hint="Tối đa 4000 ký tự. Ý kiến được gửi một lần, không sửa được sau khi gửi.">
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            ref={inputRef}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              if (err && e.target.value.trim()) setErr(null);
            }}
            rows={4}
            maxLength={4000}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            aria-required="true"
          />
        )}
      </Field>
      {problem !== null && (
        <Message kind="error">
          <ProblemView problem={problemOf(problem)} />
        </Message>
      )}
      <div className="actions-row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Đang gửi…' : 'Gửi ý kiến'}
        </button>
      </div>
    </form>
  );
}

function ConsultForm({
  d,
  agencies,
  onCancel,
  onDone,
}: {
  d: DossierView;
  agencies: Agency[];
  onCancel: () => void;
  onDone: (v: DossierView, agencyId: string) => void;
}) {
  const [suggestions, setSuggestions] = useState<CatalogueConsultation[]>([]);
  const [pick, setPick] = useState('');
  const [agencyId, setAgencyId] = useState('');
  const [subject, setSubject] = useState('');
  const [hours, setHours] = useState(String(DEFAULT_HOURS));
  const [duePreview, setDuePreview] = useState<string | null>(null);
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // One Idempotency-Key per request: sending the same content again (a retry after a lost
  // answer) reuses it, so the server opens one consultation; changed content gets a new key.
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const firstRef = useRef<HTMLSelectElement | null>(null);
  const today = toLocalInput(new Date()).slice(0, 10);

  // The consultations the procedure's internal process foresees (catalogue), as defaults.
  useEffect(() => {
    let live = true;
    api.get<ProcedureFull>(`/api/v1/procedures/${encodeURIComponent(d.procedure.id)}`).then(
      ({ data }) => live && setSuggestions(Array.isArray(data.catalogue.consultations) ? data.catalogue.consultations : []),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [d.procedure.id]);

  useEffect(() => {
    firstRef.current?.focus();
  }, []);

  // The due instant the server would set now (working hours on the province calendar).
  useEffect(() => {
    const n = Number(hours);
    if (!Number.isInteger(n) || n < 1 || n > MAX_HOURS) {
      setDuePreview(null);
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      const start = fromLocalInput(toLocalInput(new Date()));
      api.get<{ due: string }>(`/api/v1/calendar/due?start=${encodeURIComponent(start)}&amount=${n}&unit=working_hours`).then(
        ({ data }) => live && setDuePreview(data.due),
        () => live && setDuePreview(null),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [hours]);

  const suggested = pick !== '' ? suggestions[Number(pick)] : undefined;
  const choices = agencies.filter((a) => a.id !== d.competent_agency_id && (!a.valid_to || a.valid_to >= today));
  const types = [...TYPE_ORDER, ...new Set(choices.map((a) => a.type).filter((t) => !TYPE_ORDER.includes(t)))];
  // The type the suggestion names comes first.
  if (suggested) types.sort((a, b) => (a === suggested.agency_type ? -1 : b === suggested.agency_type ? 1 : 0));

  function applySuggestion(v: string) {
    setPick(v);
    const s = v !== '' ? suggestions[Number(v)] : undefined;
    if (!s) return;
    setSubject(s.name);
    setHours(String(s.hours));
    if (s.agency && choices.some((a) => a.id === s.agency)) setAgencyId(s.agency);
    else if (!choices.some((a) => a.id === agencyId && a.type === s.agency_type)) setAgencyId('');
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setProblem(null);
    const v: Record<string, string> = {};
    const n = Number(hours);
    if (!agencyId) v.agency_id = 'Vui lòng chọn cơ quan được lấy ý kiến.';
    if (!subject.trim()) v.subject = 'Vui lòng nhập nội dung xin ý kiến.';
    if (!Number.isInteger(n) || n < 1 || n > MAX_HOURS) v.hours = `Thời hạn cho ý kiến từ 1 đến ${MAX_HOURS} giờ làm việc.`;
    setErrs(v);
    if (Object.keys(v).length) return;
    setBusy(true);
    const body = { agency_id: agencyId, subject: subject.trim(), hours: n };
    const text = JSON.stringify(body);
    if (attempt.current?.body !== text) attempt.current = { body: text, key: uuid() };
    try {
      const { data } = await api.post<DossierView>(`/api/v1/dossiers/${encodeURIComponent(d.id)}/consultations`, body, {
        headers: { 'Idempotency-Key': attempt.current.key },
      });
      onDone(data, agencyId);
    } catch (x) {
      const p = problemOf(x);
      const fe: Record<string, string> = {};
      for (const f of p.errors ?? []) fe[f.field] = f.detail;
      if (Object.keys(fe).length) setErrs(fe);
      setProblem(x);
    } finally {
      setBusy(false);
    }
  }

  const suggestedType = suggested && !suggested.agency ? AGENCY_TYPE_LABEL[suggested.agency_type] ?? suggested.agency_type : null;
  return (
    <form className="action-form consult-form" onSubmit={submit} noValidate aria-labelledby="consult-form-title">
      <h3 id="consult-form-title">Lấy ý kiến cơ quan khác</h3>
      <p className="muted">
        Hồ sơ vẫn tiếp tục được xử lý trong khi chờ ý kiến. Cơ quan được hỏi thấy yêu cầu trong hàng đợi «Chờ cho ý kiến» và chỉ xem được thông tin cần để cho ý
        kiến.
      </p>
      {suggestions.length > 0 && (
        <Field label="Theo quy trình của thủ tục" hint="Chọn để điền sẵn nội dung, cơ quan và thời hạn theo quy trình nội bộ đã ban hành.">
          {({ id, describedBy }) => (
            <select id={id} value={pick} onChange={(e) => applySuggestion(e.target.value)} aria-describedby={describedBy}>
              <option value="">Không theo mẫu (tự nhập)</option>
              {suggestions.map((s, i) => (
                <option key={i} value={String(i)}>
                  {s.name} ({s.hours} giờ)
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label="Cơ quan được lấy ý kiến" required error={errs.agency_id} hint={suggestedType ? `Theo quy trình: ${suggestedType}.` : undefined}>
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            ref={firstRef}
            value={agencyId}
            onChange={(e) => setAgencyId(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            aria-required="true"
          >
            <option value="">— Chọn cơ quan —</option>
            {types.map((t) => {
              const xs = choices.filter((a) => a.type === t);
              if (!xs.length) return null;
              return (
                <optgroup key={t} label={AGENCY_TYPE_LABEL[t] ?? t}>
                  {xs.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </select>
        )}
      </Field>
      <Field label="Nội dung xin ý kiến" required error={errs.subject} hint="Tối đa 1000 ký tự.">
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
            rows={3}
            maxLength={1000}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            aria-required="true"
          />
        )}
      </Field>
      <Field
        label="Thời hạn cho ý kiến (giờ làm việc)"
        required
        error={errs.hours}
        hint={duePreview ? `Hạn dự kiến nếu gửi bây giờ: ${fmtDateTime(duePreview)} (theo lịch làm việc).` : `Từ 1 đến ${MAX_HOURS} giờ làm việc.`}
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_HOURS}
            step={1}
            value={hours}
            onChange={(e) => setHours(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            aria-required="true"
          />
        )}
      </Field>
      {problem !== null && (
        <Message kind="error">
          <ProblemView problem={problemOf(problem)} />
        </Message>
      )}
      <div className="actions-row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Đang gửi…' : 'Gửi yêu cầu lấy ý kiến'}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={busy}>
          Hủy
        </button>
      </div>
    </form>
  );
}

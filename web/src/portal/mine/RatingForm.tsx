// Rất hài lòng / Hài lòng / Không hài lòng, with an optional comment: once per dossier (the
// server refuses a second rating). Shared by "Hồ sơ của tôi" and the signed link page.
import { useId, useRef, useState } from 'react';
import { api, uuid } from '../../ui/api';
import { ErrorBox, Message } from '../../ui/components';
import type { Rating } from './types';

const SCORES: { id: Rating['score']; label: string }[] = [
  { id: 'very_satisfied', label: 'Rất hài lòng' },
  { id: 'satisfied', label: 'Hài lòng' },
  { id: 'dissatisfied', label: 'Không hài lòng' },
];

export function RatingForm({ path, onDone }: { path: string; onDone: (r: Rating) => void }) {
  const [score, setScore] = useState<Rating['score'] | ''>('');
  const [comment, setComment] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(uuid());
  const uid = useId();
  const firstRef = useRef<HTMLInputElement>(null);

  async function send(e: React.FormEvent) {
    e.preventDefault();
    setProblem(null);
    if (!score) {
      setErr('Vui lòng chọn một mức đánh giá.');
      firstRef.current?.focus();
      return;
    }
    setErr(null);
    setBusy(true);
    try {
      const body: { score: string; comment?: string } = { score };
      if (comment.trim()) body.comment = comment.trim();
      const r = await api.post<Rating>(path, body, { headers: { 'Idempotency-Key': key.current } });
      onDone(r.data);
    } catch (e2) {
      setProblem(e2);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={send} noValidate className="rating-form">
      {problem !== null && <ErrorBox error={problem} />}
      <fieldset className="rating-buttons" aria-describedby={err ? `${uid}-err` : undefined}>
        <legend className="field-label">Anh/chị có hài lòng với việc giải quyết hồ sơ này không?</legend>
        {SCORES.map((s, i) => (
          <label key={s.id} className="rating-option">
            <input ref={i === 0 ? firstRef : undefined} type="radio" name={`${uid}-score`} value={s.id} checked={score === s.id} onChange={() => setScore(s.id)} />
            {s.label}
          </label>
        ))}
      </fieldset>
      {err && (
        <p className="field-error" id={`${uid}-err`}>
          {err}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${uid}-c`}>Góp ý thêm (không bắt buộc)</label>
        <textarea id={`${uid}-c`} rows={3} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? 'Đang gửi…' : 'Gửi đánh giá'}
      </button>
    </form>
  );
}

export function RatingDone({ r }: { r: Rating }) {
  return (
    <Message kind="success">
      Cảm ơn anh/chị đã đánh giá: <strong>{r.label}</strong>
      {r.comment ? ` — «${r.comment}»` : ''}.
    </Message>
  );
}

// The rating kiosk at a desk (DOMAIN.md §7): a tablet, full screen, no login. An official pairs it
// to their desk with a code; it then shows the dossier that official has just returned and three
// big buttons. It rates only that dossier (the server decides which: the request names none).
import { useCallback, useEffect, useRef, useState } from 'react';
import { current, KioskError, pair, rate, type KioskState, type Score } from './api';

const POLL_MS = 3000;
const THANKS_MS = 6000;

const SCORES: { score: Score; label: string; face: string }[] = [
  { score: 'very_satisfied', label: 'Rất hài lòng', face: '😄' },
  { score: 'satisfied', label: 'Hài lòng', face: '🙂' },
  { score: 'dissatisfied', label: 'Không hài lòng', face: '🙁' },
];

type View =
  | { kind: 'loading' }
  | { kind: 'unpaired'; error?: string }
  | { kind: 'ready'; state: KioskState }
  | { kind: 'thanks'; state: KioskState };

export function Kiosk() {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const thanksUntil = useRef(0);

  const rating = useRef(false);

  const refresh = useCallback(async () => {
    if (rating.current || Date.now() < thanksUntil.current) return;
    try {
      const state = await current();
      // A rating sent meanwhile decides what is shown (its thanks), not this older answer.
      if (rating.current || Date.now() < thanksUntil.current) return;
      setView({ kind: 'ready', state });
    } catch (e) {
      if (e instanceof KioskError && e.status === 401) setView({ kind: 'unpaired' });
    }
  }, []);

  useEffect(() => {
    void refresh();
    const t = window.setInterval(() => void refresh(), POLL_MS);
    return () => window.clearInterval(t);
  }, [refresh]);

  async function onPair(ev: React.FormEvent) {
    ev.preventDefault();
    setBusy(true);
    try {
      await pair(code.trim());
      setCode('');
      await refresh();
    } catch (e) {
      setView({ kind: 'unpaired', error: e instanceof Error ? e.message : 'Không ghép được máy.' });
    } finally {
      setBusy(false);
    }
  }

  async function onRate(state: KioskState, score: Score) {
    setBusy(true);
    setNotice('');
    rating.current = true;
    try {
      await rate(score, state.csrf_token);
      thanksUntil.current = Date.now() + THANKS_MS;
      setView({ kind: 'thanks', state });
      window.setTimeout(() => {
        thanksUntil.current = 0;
        void refresh();
      }, THANKS_MS);
    } catch (e) {
      setNotice(e instanceof Error ? e.message : 'Chưa ghi nhận được đánh giá.');
    } finally {
      rating.current = false;
      setBusy(false);
    }
  }

  function fullScreen() {
    void document.documentElement.requestFullscreen?.().catch(() => undefined);
  }

  if (view.kind === 'loading') return <main className="kiosk"><p className="kiosk-wait">Đang tải…</p></main>;

  if (view.kind === 'unpaired')
    return (
      <main className="kiosk">
        <h1 className="kiosk-title">Ghép máy đánh giá với quầy</h1>
        <p className="kiosk-text">Cán bộ tại quầy tạo mã ghép trên trang cán bộ (8 chữ số, dùng trong 10 phút) rồi nhập vào đây.</p>
        <form className="kiosk-pair" onSubmit={onPair}>
          <label htmlFor="kiosk-code">Mã ghép</label>
          <input id="kiosk-code" inputMode="numeric" autoComplete="off" pattern="[0-9]{8}" maxLength={8} required
            value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} />
          <button type="submit" className="kiosk-btn" disabled={busy || code.length !== 8}>Ghép máy</button>
        </form>
        {view.error && <p role="alert" className="kiosk-error">{view.error}</p>}
      </main>
    );

  const { state } = view;
  return (
    <main className="kiosk">
      <header className="kiosk-head">
        <span>{state.agency_name}</span>
        <span>{state.desk}</span>
        <button type="button" className="kiosk-link" onClick={fullScreen}>Toàn màn hình</button>
      </header>
      {view.kind === 'thanks' ? (
        <section className="kiosk-body" aria-live="polite">
          <h1 className="kiosk-title">Cảm ơn Ông/Bà đã đánh giá!</h1>
          <p className="kiosk-text">Ý kiến của Ông/Bà giúp chúng tôi phục vụ tốt hơn.</p>
        </section>
      ) : state.dossier ? (
        <section className="kiosk-body">
          <h1 className="kiosk-title">Ông/Bà có hài lòng với việc giải quyết hồ sơ?</h1>
          <p className="kiosk-text">
            Hồ sơ <strong>{state.dossier.code}</strong> — {state.dossier.procedure_name}
            {state.dossier.masked_name && <> — {state.dossier.masked_name}</>}
          </p>
          <div className="kiosk-scores">
            {SCORES.map((s) => (
              <button key={s.score} type="button" className={`kiosk-score kiosk-${s.score}`} disabled={busy}
                onClick={() => void onRate(state, s.score)}>
                <span aria-hidden="true" className="kiosk-face">{s.face}</span>
                <span>{s.label}</span>
              </button>
            ))}
          </div>
          {notice && <p role="alert" className="kiosk-error">{notice}</p>}
        </section>
      ) : (
        <section className="kiosk-body" aria-live="polite">
          <h1 className="kiosk-title">Mời Ông/Bà đánh giá sau khi nhận kết quả</h1>
          <p className="kiosk-text">Khi cán bộ trả kết quả hồ sơ tại quầy, màn hình này sẽ hiện ba nút đánh giá.</p>
        </section>
      )}
    </main>
  );
}

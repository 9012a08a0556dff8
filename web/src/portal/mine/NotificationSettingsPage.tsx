// How the citizen wants to hear about their dossiers (`/api/v1/me/notifications`): e-mail, Zalo,
// SMS, and the contacts; the server checks them and says what is wrong, on the field.
import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../ui/api';
import { ErrorBox, Field, Loading, Message } from '../../ui/components';
import { A } from '../nav';
import { Title } from '../Title';
import { useLoad } from '../useLoad';
import { CHANNEL_LABEL } from './Deliveries';

interface Settings {
  channels: string[];
  email: string;
  phone: string;
  updated_at: string | null;
}

const CHANNELS = ['email', 'zalo', 'sms'];

export default function NotificationSettingsPage() {
  const r = useLoad(() => api.get<Settings>('/api/v1/me/notifications').then((x) => x.data), 'settings');
  const [channels, setChannels] = useState<string[]>([]);
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const phoneRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (r.data) {
      setChannels(r.data.channels);
      setEmail(r.data.email);
      setPhone(r.data.phone);
    }
  }, [r.data]);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    setSaved(false);
    try {
      const x = await api.put<Settings>('/api/v1/me/notifications', { channels, email, phone });
      setChannels(x.data.channels);
      setEmail(x.data.email);
      setPhone(x.data.phone);
      setErrors({});
      setSaved(true);
    } catch (err) {
      const fe = err instanceof ApiError ? err.problem.errors ?? [] : [];
      const m: Record<string, string> = {};
      for (const f of fe) m[f.field] ??= f.detail;
      setErrors(m);
      if (m.email) emailRef.current?.focus();
      else if (m.phone) phoneRef.current?.focus();
      if (!fe.length) setProblem(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page">
      <nav aria-label="Đường dẫn" className="breadcrumb">
        <A href="/ho-so-cua-toi">Hồ sơ của tôi</A> › Nhận thông báo
      </nav>
      <Title title="Nhận thông báo về hồ sơ">Nhận thông báo về hồ sơ</Title>
      {r.loading && !r.data && <Loading />}
      {r.error !== undefined && <ErrorBox error={r.error} />}
      {problem !== null && <ErrorBox error={problem} />}
      {saved && <Message kind="success">Đã lưu cách nhận thông báo.</Message>}
      {r.data && (
        <form className="card" onSubmit={save} noValidate>
          <p className="hint">
            Hệ thống báo khi hồ sơ được tiếp nhận, cần bổ sung, cần nộp phí, có kết quả… Nếu chưa chọn, thông báo gửi đến thư điện tử và số điện thoại ghi
            trong hồ sơ.
          </p>
          <fieldset className={`radios ${errors.channels ? 'field-invalid' : ''}`}>
            <legend>Nhận thông báo qua</legend>
            {CHANNELS.map((c) => (
              <label key={c} className="radio">
                <input
                  type="checkbox"
                  checked={channels.includes(c)}
                  onChange={(e) => setChannels((cs) => (e.target.checked ? [...cs, c] : cs.filter((x) => x !== c)))}
                />
                {CHANNEL_LABEL[c]}
              </label>
            ))}
            {errors.channels && <p className="field-error">{errors.channels}</p>}
          </fieldset>
          <Field label="Thư điện tử" error={errors.email}>
            {({ id, describedBy, invalid }) => (
              <input ref={emailRef} id={id} type="email" autoComplete="email" maxLength={254} value={email} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setEmail(e.target.value)} />
            )}
          </Field>
          <Field label="Số điện thoại di động (Zalo, SMS)" error={errors.phone}>
            {({ id, describedBy, invalid }) => (
              <input ref={phoneRef} id={id} type="tel" inputMode="tel" autoComplete="tel" maxLength={20} value={phone} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setPhone(e.target.value)} />
            )}
          </Field>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Đang lưu…' : 'Lưu'}
          </button>
        </form>
      )}
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import { api, setCsrfToken } from '../ui/api';
import { ErrorBox, Field, Message, PageTitle } from '../ui/components';
import type { Actor, LoginResponse } from '../ui/types';

interface LoginFormProps {
  initialUsername?: string;
  onLoggedIn: (user: Actor) => void;
  submitLabel?: string;
  autoFocusPassword?: boolean;
}

export function LoginForm({ initialUsername = '', onLoggedIn, submitLabel = 'Đăng nhập', autoFocusPassword }: LoginFormProps) {
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<{ u?: string; p?: string }>({});
  const [busy, setBusy] = useState(false);
  const pwRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocusPassword) pwRef.current?.focus();
  }, [autoFocusPassword]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const m = {
      u: username.trim() ? undefined : 'Vui lòng nhập tên đăng nhập.',
      p: password ? undefined : 'Vui lòng nhập mật khẩu.',
    };
    setMissing(m);
    if (m.u || m.p) return;
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.post<LoginResponse>('/api/v1/auth/login', { username: username.trim(), password }, { noReauth: true });
      setCsrfToken(data.csrf_token);
      setPassword('');
      onLoggedIn(data.user);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="login-form" onSubmit={submit} noValidate>
      {error !== null && <ErrorBox error={error} />}
      <Field label="Tên đăng nhập" required error={missing.u}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            aria-required="true"
            autoCapitalize="none"
            spellCheck={false}
          />
        )}
      </Field>
      <Field label="Mật khẩu" required error={missing.p}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            ref={pwRef}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            aria-required="true"
          />
        )}
      </Field>
      <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
        {busy ? 'Đang đăng nhập…' : submitLabel}
      </button>
    </form>
  );
}

export function LoginPage({ onLoggedIn, notice }: { onLoggedIn: (u: Actor) => void; notice?: string }) {
  return (
    <div className="login-page">
      <div className="card login-card">
        <PageTitle title="Đăng nhập">Đăng nhập cán bộ</PageTitle>
        <p className="muted">Hệ thống thông tin giải quyết thủ tục hành chính — Bộ phận Một cửa tỉnh Quảng Ngãi.</p>
        {notice && <Message kind="info">{notice}</Message>}
        <LoginForm onLoggedIn={onLoggedIn} />
      </div>
    </div>
  );
}

/** Modal shown when the session expired during work; the interrupted request is retried after. */
export function ReloginDialog({ username, onDone }: { username: string; onDone: (user: Actor | null) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    // showModal() focuses the first control; the username is known, so go to the password.
    d?.querySelector<HTMLInputElement>('input[type="password"]')?.focus();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="relogin-title"
      onCancel={(e) => {
        e.preventDefault();
        onDone(null);
      }}
    >
      <h2 id="relogin-title">Phiên làm việc đã hết hạn</h2>
      <p>Vui lòng đăng nhập lại để tiếp tục. Dữ liệu bạn đang nhập vẫn được giữ nguyên và thao tác sẽ được thực hiện tiếp.</p>
      <LoginForm initialUsername={username} onLoggedIn={(u) => onDone(u)} submitLabel="Đăng nhập và tiếp tục" autoFocusPassword />
      <button type="button" className="btn btn-secondary btn-block" onClick={() => onDone(null)}>
        Hủy
      </button>
    </dialog>
  );
}

// Citizen login: VNeID (the national identity, OpenID Connect: `GET /api/v1/auth/vneid/start`,
// a full-page redirect; the server says in Vietnamese when it is not configured), and, on a
// development or demo server, the DEVELOPMENT login (`POST /api/v1/auth/citizen-dev-login`):
// anyone who types a valid personal ID number becomes that citizen. The page says so plainly.
import { useRef, useState } from 'react';
import { api, ApiError } from '../../ui/api';
import { ErrorBox, Field, Message } from '../../ui/components';
import { navigate, useLocation } from '../../ui/router';
import type { LoginResponse } from '../../ui/types';
import { checkPersonalId } from '../../ui/validation';
import { A, isPortalPath } from '../nav';
import { useCitizen } from '../session';
import { Title } from '../Title';

export function LoginPage({ required = false }: { required?: boolean }) {
  const { user, signIn } = useCitizen();
  const { search } = useLocation();
  const [pid, setPid] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<{ pid?: string; name?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const pidRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  const next = () => {
    const t = search.get('tiep') ?? '';
    try {
      const u = new URL(t, location.origin);
      if (u.origin === location.origin && isPortalPath(u.pathname) && u.pathname !== '/dang-nhap') return u.pathname + u.search;
    } catch {
      /* not a path */
    }
    return '/ho-so-cua-toi';
  };

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const id = pid.replace(/\s+/g, '');
    const errs: { pid?: string; name?: string } = {};
    const pe = checkPersonalId(id);
    if (pe) errs.pid = pe;
    if (!name.trim()) errs.name = 'Vui lòng nhập họ và tên.';
    setErrors(errs);
    setError(null);
    if (errs.pid) return pidRef.current?.focus();
    if (errs.name) return nameRef.current?.focus();
    setBusy(true);
    try {
      const { data } = await api.post<LoginResponse>('/api/v1/auth/citizen-dev-login', { personal_id: id, full_name: name.trim() }, { noReauth: true });
      signIn(data.user, data.csrf_token);
      if (!required) navigate(next(), true);
    } catch (err) {
      const f = err instanceof ApiError ? err.problem.errors?.find((x) => x.field === 'personal_id') : undefined;
      if (f) {
        setErrors({ pid: f.detail });
        pidRef.current?.focus();
      } else setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (user && !required)
    return (
      <div className="page login-page">
        <Title title="Đăng nhập">Bạn đã đăng nhập</Title>
        <p>
          Xin chào {user.full_name}. <A href="/ho-so-cua-toi">Xem hồ sơ của tôi</A>.
        </p>
      </div>
    );

  return (
    <div className="page login-page">
      <div className="card login-card">
        <Title title="Đăng nhập">Đăng nhập</Title>
        {required && <Message kind="info">Vui lòng đăng nhập để nộp hồ sơ và xem hồ sơ của mình. Bản nháp đã nhập trên máy này vẫn được giữ.</Message>}
        <p>
          <a className="btn btn-primary btn-block" href="/api/v1/auth/vneid/start">Đăng nhập bằng VNeID</a>
        </p>
        <h2 className="card-title login-dev-title">Hoặc đăng nhập thử nghiệm</h2>
        <Message kind="warning">
          <strong>Đăng nhập thử nghiệm (môi trường phát triển).</strong> Chỉ dùng trên máy chủ phát triển, trình diễn: chỉ cần số định danh cá nhân hợp
          lệ. Máy chủ chính thức tắt cách đăng nhập này; anh/chị đăng nhập bằng VNeID.
        </Message>
        {error !== null && <ErrorBox error={error} />}
        <form onSubmit={submit} noValidate>
          <Field label="Số định danh cá nhân (12 chữ số)" required error={errors.pid} hint="Số trên căn cước hoặc căn cước công dân gắn chip.">
            {({ id, describedBy, invalid }) => (
              <input
                ref={pidRef}
                id={id}
                inputMode="numeric"
                autoComplete="off"
                maxLength={14}
                value={pid}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                aria-required="true"
                onChange={(e) => setPid(e.target.value)}
              />
            )}
          </Field>
          <Field label="Họ và tên" required error={errors.name}>
            {({ id, describedBy, invalid }) => (
              <input
                ref={nameRef}
                id={id}
                autoComplete="name"
                maxLength={200}
                value={name}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                aria-required="true"
                onChange={(e) => setName(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
            {busy ? 'Đang đăng nhập…' : 'Đăng nhập thử nghiệm'}
          </button>
        </form>
      </div>
    </div>
  );
}

// "Đổi mật khẩu": any logged-in official changes their own password (current, new, confirm).
// The server checks the current password and the new one's strength; this session stays open
// (POST /api/v1/auth/password answers 204 and ends only the user's other sessions), so the page
// simply confirms.
// Loaded on demand: most visits never open it.
import { useRef, useState } from 'react';
import { api, type Problem } from '../ui/api';
import { Field, Link, Message, PageTitle, problemOf } from '../ui/components';
import { fieldErrors } from './admin/common';
import { useSession } from './session';
import { focusFirstInvalid } from '../ui/focus';

export default function PasswordPage() {
  const { user } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const errors = { ...fieldErrors(problem), ...local };

  async function submit() {
    setDone(false);
    setProblem(null);
    const missing: Record<string, string> = {};
    if (!current) missing.current_password = 'Vui lòng nhập mật khẩu hiện tại.';
    if (!next) missing.new_password = 'Vui lòng nhập mật khẩu mới.';
    if (next && confirm !== next) missing.confirm = 'Mật khẩu nhập lại không khớp với mật khẩu mới.';
    setLocal(missing);
    if (Object.keys(missing).length) {
      focusFirstInvalid(formRef);
      return;
    }
    setBusy(true);
    try {
      await api.post('/api/v1/auth/password', { current_password: current, new_password: next });
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(true);
      setTimeout(() => doneRef.current?.focus(), 0);
    } catch (e) {
      setProblem(problemOf(e));
      focusFirstInvalid(formRef);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link href="/staff">← Hàng đợi hồ sơ</Link>
      </p>
      <PageTitle title="Đổi mật khẩu">Đổi mật khẩu</PageTitle>
      <div ref={doneRef} tabIndex={-1} className="flash" aria-live="polite">
        {done && (
          <Message kind="success">
            Đã đổi mật khẩu của tài khoản {user.username}. Phiên làm việc này vẫn tiếp tục; các phiên đăng nhập trên thiết bị khác đã kết thúc. Lần đăng nhập sau, hãy dùng mật khẩu mới.
          </Message>
        )}
      </div>
      <form
        ref={formRef}
        className="card password-card"
        aria-labelledby="h-password"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="h-password" className="card-title">
          Mật khẩu của {user.full_name}
        </h2>
        {/* Lets password managers tie the new password to this account. */}
        <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
        <Field label="Mật khẩu hiện tại" required error={errors.current_password}>
          {({ id, describedBy, invalid }) => (
            <input id={id} type="password" autoComplete="current-password" value={current} aria-describedby={describedBy} aria-invalid={invalid || undefined} aria-required="true" onChange={(e) => setCurrent(e.currentTarget.value)} />
          )}
        </Field>
        <Field label="Mật khẩu mới" required error={errors.new_password} hint="Ít nhất 10 ký tự, có cả chữ và số, khác mật khẩu hiện tại.">
          {({ id, describedBy, invalid }) => (
            <input id={id} type="password" autoComplete="new-password" value={next} aria-describedby={describedBy} aria-invalid={invalid || undefined} aria-required="true" onChange={(e) => setNext(e.currentTarget.value)} />
          )}
        </Field>
        <Field label="Nhập lại mật khẩu mới" required error={errors.confirm}>
          {({ id, describedBy, invalid }) => (
            <input id={id} type="password" autoComplete="new-password" value={confirm} aria-describedby={describedBy} aria-invalid={invalid || undefined} aria-required="true" onChange={(e) => setConfirm(e.currentTarget.value)} />
          )}
        </Field>
        {problem && (
          <Message kind="error">
            <p className="msg-title">{problem.detail}</p>
          </Message>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Đang đổi mật khẩu…' : 'Đổi mật khẩu'}
        </button>
      </form>
    </div>
  );
}

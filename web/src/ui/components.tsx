// Small shared building blocks. No inline styles anywhere (the CSP forbids them): classes only.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { ApiError, type Problem } from './api';
import { onLinkClick } from './router';

export function Link(props: React.AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return <a {...props} onClick={props.onClick ?? onLinkClick} />;
}

/** A message region that screen readers announce. `kind` error uses role=alert. */
export function Message({ kind, children, onDismiss }: { kind: 'error' | 'success' | 'info' | 'warning'; children: ReactNode; onDismiss?: () => void }) {
  return (
    <div className={`msg msg-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <div className="msg-body">{children}</div>
      {onDismiss && (
        <button type="button" className="btn btn-link msg-close" onClick={onDismiss} aria-label="Đóng thông báo">
          ×
        </button>
      )}
    </div>
  );
}

export function problemOf(e: unknown): Problem {
  if (e instanceof ApiError) return e.problem;
  return { type: 'about:blank', title: 'Lỗi', status: 0, detail: e instanceof Error ? e.message : String(e) };
}

export function ProblemView({ problem, children }: { problem: Problem; children?: ReactNode }) {
  return (
    <>
      <p className="msg-title">{problem.detail}</p>
      {problem.errors && problem.errors.length > 0 && (
        <ul className="msg-list">
          {problem.errors.map((e, i) => (
            <li key={i}>
              {fieldLabel(e.field)}: {e.detail}
            </li>
          ))}
        </ul>
      )}
      {children}
      {problem.correlation_id && <p className="msg-meta">Mã tra cứu lỗi: {problem.correlation_id}</p>}
    </>
  );
}

const FIELD_LABELS: Record<string, string> = {
  'applicant.full_name': 'Họ và tên',
  'applicant.id_number': 'Số định danh cá nhân',
  'applicant.tax_code': 'Mã số thuế',
  'applicant.phone': 'Số điện thoại',
  'applicant.address': 'Địa chỉ',
  'applicant.address_unit_id': 'Xã, phường, đặc khu',
  'applicant.address_former_unit_id': 'Đơn vị hành chính cũ',
  'applicant.kind': 'Loại người nộp',
  procedure_id: 'Thủ tục',
  items: 'Danh sách',
  note: 'Ghi chú / lý do',
  new_due: 'Ngày hẹn mới',
  return_method: 'Hình thức trả',
  received_by: 'Người nhận kết quả',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  agency_id: 'Cơ quan được lấy ý kiến',
  subject: 'Nội dung xin ý kiến',
  hours: 'Thời hạn cho ý kiến',
  answer: 'Ý kiến trả lời',
};

function fieldLabel(f: string): string {
  return FIELD_LABELS[f] ?? f;
}

export function ErrorBox({ error, children }: { error: unknown; children?: ReactNode }) {
  return (
    <Message kind="error">
      <ProblemView problem={problemOf(error)}>{children}</ProblemView>
    </Message>
  );
}

interface FieldProps {
  label: ReactNode;
  error?: string | null;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** Label + control + hint + error, wired with aria-describedby / aria-invalid. */
export function Field({ label, error, hint, required, className, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : '';
  const errId = error ? `${id}-err` : '';
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${error ? 'field-invalid' : ''} ${className ?? ''}`}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="req" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {children({ id, describedBy, invalid: !!error })}
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errId}>
          {error}
        </p>
      )}
    </div>
  );
}

export function Loading({ label = 'Đang tải…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

/** Moves focus to the page heading when a page opens (keyboard and screen reader users). */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — Một cửa điện tử`;
    ref.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}

export function Badge({ tone, children }: { tone: 'danger' | 'warning' | 'ok' | 'info' | 'muted'; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

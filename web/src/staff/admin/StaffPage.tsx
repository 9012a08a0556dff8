// "Cán bộ và phân quyền": staff accounts with their role grants; create an account, add or end a
// grant, reset a password (the member's sessions end), lock or unlock an account. Province administrators see every account, unit
// administrators those of their agencies (the server filters and enforces).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, type Problem } from '../../ui/api';
import { Badge, ErrorBox, Field, Link, Loading, Message, PageTitle, problemOf } from '../../ui/components';
import type { Agency, Role } from '../../ui/types';
import { DateInput } from '../../ui/DateField';
import { loadAgencies, useList } from '../catalog';
import { may, useSession } from '../session';
import { ALL_ROLES, fieldErrors, fmtIsoDate, ROLE_LABEL, todayIso } from './common';
import { focusFirstInvalid } from '../../ui/focus';

interface StaffGrant {
  id: number;
  agency_id: string;
  role: Role;
  from: string;
  to: string | null;
}
interface StaffAccount {
  id: string;
  username: string;
  full_name: string;
  active: boolean;
  email?: string | null;  // contact address: the feedback deadline watch writes there
  grants: StaffGrant[];
}

const PAGE = 30;

function current(g: StaffGrant, today: string): boolean {
  return g.from <= today && (!g.to || g.to >= today);
}

export function StaffPage() {
  const { user } = useSession();
  const provinceAdmin = may(user, 'change_organisation');
  const myAgencies = useMemo(() => user.staff_agencies ?? [], [user]);
  const allAgencies = useList(loadAgencies);
  const agencies = useMemo(
    () => (provinceAdmin ? allAgencies : allAgencies.filter((a) => myAgencies.includes(a.id))),
    [provinceAdmin, allAgencies, myAgencies],
  );
  const names = useMemo(() => new Map(allAgencies.map((a) => [a.id, a.name])), [allAgencies]);
  const roles = useMemo(() => ALL_ROLES.filter((r) => (user.grantable_roles ?? []).includes(r)), [user]);

  const [agency, setAgency] = useState('');
  const [q, setQ] = useState('');
  const [items, setItems] = useState<StaffAccount[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [shown, setShown] = useState(PAGE);
  const [creating, setCreating] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  const flashRef = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    setItems(null);
    setLoadError(null);
    try {
      const { data } = await api.get<{ items: StaffAccount[] }>(`/api/v1/admin/staff${agency ? `?agency=${encodeURIComponent(agency)}` : ''}`);
      setItems(data.items);
    } catch (e) {
      setLoadError(e);
    }
  }, [agency]);
  useEffect(() => {
    void load();
  }, [load]);

  function done(text: string, updated?: StaffAccount) {
    setFlash(text);
    if (updated) setItems((xs) => (xs ? (xs.some((x) => x.id === updated.id) ? xs.map((x) => (x.id === updated.id ? updated : x)) : [updated, ...xs]) : xs));
    setTimeout(() => flashRef.current?.focus(), 0);
  }

  const needle = q.trim().toLowerCase();
  const filtered = (items ?? []).filter((s) => !needle || s.username.toLowerCase().includes(needle) || s.full_name.toLowerCase().includes(needle));
  const today = todayIso();

  return (
    <div className="page page-wide">
      <p className="breadcrumb">
        <Link href="/staff/quan-tri">← Quản trị</Link>
      </p>
      <PageTitle title="Cán bộ và phân quyền">Cán bộ và phân quyền</PageTitle>
      <div ref={flashRef} tabIndex={-1} className="flash" aria-live="polite">
        {flash && (
          <Message kind="success" onDismiss={() => setFlash(null)}>
            {flash}
          </Message>
        )}
      </div>
      <div className="actions-row">
        <button type="button" className="btn btn-primary" aria-expanded={creating} onClick={() => setCreating(!creating)}>
          Thêm cán bộ
        </button>
      </div>
      {creating && (
        <CreateStaff
          agencies={agencies}
          roles={roles}
          onCancel={() => setCreating(false)}
          onCreated={(s) => {
            setCreating(false);
            setQ(s.username);
            done(`Đã tạo tài khoản ${s.username} (${s.full_name}).`, s);
          }}
        />
      )}
      <div className="filters">
        <Field label="Cơ quan">
          {({ id }) => (
            <select id={id} value={agency} onChange={(e) => setAgency(e.currentTarget.value)}>
              <option value="">{provinceAdmin ? 'Tất cả cơ quan' : 'Tất cả cơ quan tôi quản trị'}</option>
              {agencies.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Tìm theo tên hoặc tên đăng nhập">
          {({ id }) => <input id={id} type="search" value={q} onChange={(e) => { setQ(e.currentTarget.value); setShown(PAGE); }} />}
        </Field>
      </div>
      {loadError !== null && <ErrorBox error={loadError} />}
      {!items && loadError === null && <Loading label="Đang tải danh sách cán bộ…" />}
      {items && (
        <>
          <p className="muted" role="status">
            {filtered.length} tài khoản
          </p>
          <ul className="staff-list">
            {filtered.slice(0, shown).map((s) => (
              <StaffCard
                key={s.id}
                s={s}
                self={s.id === user.id}
                today={today}
                names={names}
                agencies={agencies}
                roles={roles}
                onChanged={done}
              />
            ))}
          </ul>
          {filtered.length > shown && (
            <button type="button" className="btn btn-secondary" onClick={() => setShown(shown + PAGE)}>
              Xem thêm ({filtered.length - shown} tài khoản)
            </button>
          )}
        </>
      )}
    </div>
  );
}

function GrantFields({
  value,
  onChange,
  agencies,
  roles,
  errors,
  prefix,
}: {
  value: { agency_id: string; role: string; from: string; to: string };
  onChange: (v: { agency_id: string; role: string; from: string; to: string }) => void;
  agencies: Agency[];
  roles: Role[];
  errors: Record<string, string>;
  prefix: string;
}) {
  return (
    <div className="grid-2">
      <Field label="Cơ quan" required error={errors[`${prefix}agency_id`]}>
        {({ id, describedBy, invalid }) => (
          <select id={id} value={value.agency_id} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => onChange({ ...value, agency_id: e.currentTarget.value })}>
            <option value="">— Chọn cơ quan —</option>
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Vai trò" required error={errors[`${prefix}role`]}>
        {({ id, describedBy, invalid }) => (
          <select id={id} value={value.role} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => onChange({ ...value, role: e.currentTarget.value })}>
            <option value="">— Chọn vai trò —</option>
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Từ ngày" required error={errors[`${prefix}from`]}>
        {({ id, describedBy, invalid }) => (
          <DateInput id={id} value={value.from} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(v) => onChange({ ...value, from: v })} />
        )}
      </Field>
      <Field label="Đến ngày (bỏ trống nếu không thời hạn)" error={errors[`${prefix}to`]}>
        {({ id, describedBy, invalid }) => (
          <DateInput id={id} value={value.to} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(v) => onChange({ ...value, to: v })} />
        )}
      </Field>
    </div>
  );
}

function grantBody(g: { agency_id: string; role: string; from: string; to: string }) {
  return { agency_id: g.agency_id, role: g.role, from: g.from, ...(g.to ? { to: g.to } : {}) };
}

function CreateStaff({
  agencies,
  roles,
  onCancel,
  onCreated,
}: {
  agencies: Agency[];
  roles: Role[];
  onCancel: () => void;
  onCreated: (s: StaffAccount) => void;
}) {
  const [username, setUsername] = useState('');
  const [fullName, setFullName] = useState('');
  const [password, setPassword] = useState('');
  const [email, setEmail] = useState('');
  const [grant, setGrant] = useState({ agency_id: agencies.length === 1 ? agencies[0].id : '', role: '', from: todayIso(), to: '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  const errRef = useRef<HTMLDivElement>(null);

  async function submit() {
    setBusy(true);
    setProblem(null);
    try {
      const { data } = await api.post<StaffAccount>('/api/v1/admin/staff', {
        username: username.trim(),
        full_name: fullName.trim(),
        password,
        ...(email.trim() ? { email: email.trim() } : {}),
        grants: [grantBody(grant)],
      });
      onCreated(data);
    } catch (e) {
      setProblem(problemOf(e));
      focusFirstInvalid(errRef, 'root');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="card"
      aria-labelledby="h-create"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="h-create" className="card-title">
        Thêm cán bộ
      </h2>
      <div ref={errRef} tabIndex={-1}>
        <div className="grid-2">
          <Field label="Tên đăng nhập" required error={errors.username} hint="Chữ thường không dấu, chữ số và dấu chấm, ví dụ tiepnhan3.camthanh.">
            {({ id, describedBy, invalid }) => (
              <input id={id} type="text" autoComplete="off" value={username} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setUsername(e.currentTarget.value)} />
            )}
          </Field>
          <Field label="Họ và tên" required error={errors.full_name}>
            {({ id, describedBy, invalid }) => (
              <input id={id} type="text" value={fullName} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setFullName(e.currentTarget.value)} />
            )}
          </Field>
          <Field label="Mật khẩu ban đầu" required error={errors.password} hint="Ít nhất 10 ký tự, có cả chữ và số.">
            {({ id, describedBy, invalid }) => (
              <input id={id} type="password" autoComplete="new-password" value={password} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setPassword(e.currentTarget.value)} />
            )}
          </Field>
          <Field label="Thư điện tử liên hệ" error={errors.email} hint="Không bắt buộc. Nhắc hạn và báo quá hạn xử lý phản ánh, kiến nghị gửi đến địa chỉ này.">
            {({ id, describedBy, invalid }) => (
              <input id={id} type="email" autoComplete="off" value={email} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setEmail(e.currentTarget.value)} />
            )}
          </Field>
        </div>
        <fieldset className="fieldset">
          <legend>Phân quyền đầu tiên</legend>
          <GrantFields value={grant} onChange={setGrant} agencies={agencies} roles={roles} errors={errors} prefix="grants[0]." />
          {errors.grants && <p className="field-error">{errors.grants}</p>}
        </fieldset>
        {problem && (
          <Message kind="error">
            <p className="msg-title">{problem.detail}</p>
            {problem.errors && problem.errors.length > 0 && <p>Vui lòng sửa các ô được đánh dấu.</p>}
          </Message>
        )}
      </div>
      <div className="actions-row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Tạo tài khoản
        </button>
        <button type="button" className="btn btn-link" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

function StaffCard({
  s,
  self,
  today,
  names,
  agencies,
  roles,
  onChanged,
}: {
  s: StaffAccount;
  self: boolean;
  today: string;
  names: Map<string, string>;
  agencies: Agency[];
  roles: Role[];
  onChanged: (text: string, updated: StaffAccount) => void;
}) {
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState(false);
  const [mailing, setMailing] = useState(false);
  const [ending, setEnding] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const headingId = `staff-${s.id}`;

  async function setActive(active: boolean) {
    if (!active && !window.confirm(`Khóa tài khoản ${s.username}? Cán bộ sẽ bị đăng xuất ngay và không đăng nhập được nữa.`)) return;
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.post<StaffAccount>(`/api/v1/admin/staff/${encodeURIComponent(s.id)}/active`, { active });
      onChanged(active ? `Đã mở khóa tài khoản ${s.username}.` : `Đã khóa tài khoản ${s.username}.`, data);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="card staff-card">
      <h2 id={headingId} className="staff-name">
        {s.full_name} <span className="muted">({s.username})</span>
      </h2>
      <p>{s.active ? <Badge tone="ok">Đang hoạt động</Badge> : <Badge tone="danger">Đã khóa</Badge>}</p>
      <p className="muted">Thư điện tử liên hệ: {s.email ? <span className="staff-email">{s.email}</span> : 'chưa có'}</p>
      <ul className="grants">
        {s.grants.map((g) => {
          const on = current(g, today);
          return (
            <li key={g.id} className={on ? 'grant' : 'grant grant-ended'}>
              <span>
                <strong>{ROLE_LABEL[g.role] ?? g.role}</strong> — {names.get(g.agency_id) ?? g.agency_id}
              </span>{' '}
              <span className="muted">
                từ {fmtIsoDate(g.from)}
                {g.to ? ` đến ${fmtIsoDate(g.to)}` : ', không thời hạn'}
                {!on && (g.to && g.to < today ? ' (đã kết thúc)' : ' (chưa hiệu lực)')}
              </span>{' '}
              {(!g.to || g.to >= today) && ending !== g.id && (
                <button type="button" className="btn btn-link" onClick={() => setEnding(g.id)}>
                  Kết thúc<span className="sr-only"> phân quyền {ROLE_LABEL[g.role]} của {s.username}</span>
                </button>
              )}
              {ending === g.id && (
                <EndGrant
                  s={s}
                  g={g}
                  onCancel={() => setEnding(null)}
                  onDone={(u, to) => {
                    setEnding(null);
                    onChanged(`Đã kết thúc phân quyền ${ROLE_LABEL[g.role]} của ${s.username} từ sau ngày ${fmtIsoDate(to)}.`, u);
                  }}
                />
              )}
            </li>
          );
        })}
      </ul>
      {adding && (
        <AddGrant
          s={s}
          agencies={agencies}
          roles={roles}
          onCancel={() => setAdding(false)}
          onDone={(u) => {
            setAdding(false);
            onChanged(`Đã thêm phân quyền cho ${s.username}.`, u);
          }}
        />
      )}
      {resetting && (
        <ResetPassword
          s={s}
          onCancel={() => setResetting(false)}
          onDone={() => {
            setResetting(false);
            onChanged(
              `Đã đặt lại mật khẩu cho ${s.username}. Mọi phiên đăng nhập của cán bộ này đã kết thúc; hãy báo mật khẩu mới cho cán bộ qua kênh an toàn.`,
              s,
            );
          }}
        />
      )}
      {mailing && (
        <ContactEmail
          s={s}
          onCancel={() => setMailing(false)}
          onDone={(u) => {
            setMailing(false);
            onChanged(u.email ? `Đã lưu thư điện tử liên hệ của ${s.username}.` : `Đã xóa thư điện tử liên hệ của ${s.username}.`, u);
          }}
        />
      )}
      {error !== null && <ErrorBox error={error} />}
      <div className="actions-row">
        {!mailing && (
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setMailing(true)}>
            Thư điện tử liên hệ<span className="sr-only"> của {s.username}</span>
          </button>
        )}
        {!adding && (
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setAdding(true)}>
            Thêm phân quyền<span className="sr-only"> cho {s.username}</span>
          </button>
        )}
        {!self && !resetting && (
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setResetting(true)}>
            Đặt lại mật khẩu<span className="sr-only"> cho {s.username}</span>
          </button>
        )}
        {self && (
          <Link href="/staff/doi-mat-khau" className="btn btn-link btn-small">
            Đổi mật khẩu của bạn
          </Link>
        )}
        {!self &&
          (s.active ? (
            <button type="button" className="btn btn-danger-outline btn-small" disabled={busy} onClick={() => void setActive(false)}>
              Khóa tài khoản<span className="sr-only"> {s.username}</span>
            </button>
          ) : (
            <button type="button" className="btn btn-secondary btn-small" disabled={busy} onClick={() => void setActive(true)}>
              Mở khóa tài khoản<span className="sr-only"> {s.username}</span>
            </button>
          ))}
      </div>
    </li>
  );
}

function AddGrant({
  s,
  agencies,
  roles,
  onCancel,
  onDone,
}: {
  s: StaffAccount;
  agencies: Agency[];
  roles: Role[];
  onCancel: () => void;
  onDone: (u: StaffAccount) => void;
}) {
  const [grant, setGrant] = useState({ agency_id: agencies.length === 1 ? agencies[0].id : '', role: '', from: todayIso(), to: '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="subform"
      aria-label={`Thêm phân quyền cho ${s.username}`}
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setProblem(null);
        try {
          const { data } = await api.post<StaffAccount>(`/api/v1/admin/staff/${encodeURIComponent(s.id)}/grants`, grantBody(grant));
          onDone(data);
        } catch (x) {
          setProblem(problemOf(x));
        } finally {
          setBusy(false);
        }
      }}
    >
      <GrantFields value={grant} onChange={setGrant} agencies={agencies} roles={roles} errors={fieldErrors(problem)} prefix="" />
      {problem && (
        <Message kind="error">
          <p className="msg-title">{problem.detail}</p>
        </Message>
      )}
      <div className="actions-row">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
          Lưu phân quyền
        </button>
        <button type="button" className="btn btn-link" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

function EndGrant({ s, g, onCancel, onDone }: { s: StaffAccount; g: StaffGrant; onCancel: () => void; onDone: (u: StaffAccount, to: string) => void }) {
  const [to, setTo] = useState(todayIso());
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="subform"
      aria-label={`Kết thúc phân quyền ${ROLE_LABEL[g.role]} của ${s.username}`}
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setProblem(null);
        try {
          const { data } = await api.post<StaffAccount>(`/api/v1/admin/staff/${encodeURIComponent(s.id)}/grants/${g.id}/end`, { to });
          onDone(data, to);
        } catch (x) {
          setProblem(problemOf(x));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Field label="Ngày hiệu lực cuối cùng" required error={fieldErrors(problem).to ?? (problem ? problem.detail : null)}>
        {({ id, describedBy, invalid }) => (
          <DateInput id={id} value={to} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={setTo} />
        )}
      </Field>
      <div className="actions-row">
        <button type="submit" className="btn btn-danger-outline btn-small" disabled={busy}>
          Xác nhận kết thúc
        </button>
        <button type="button" className="btn btn-link" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

/** Admin reset: the server checks the strength and ends every session of the member. */
// The contact address (POST /api/v1/admin/staff/{id}/email): reminders and escalations of
// feedback cases go there. The server validates it; an empty field removes it.
function ContactEmail({ s, onCancel, onDone }: { s: StaffAccount; onCancel: () => void; onDone: (u: StaffAccount) => void }) {
  const [email, setEmail] = useState(s.email ?? '');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(problem);
  useEffect(() => ref.current?.querySelector<HTMLInputElement>('input[type="email"]')?.focus(), []);
  return (
    <form
      ref={ref}
      className="subform"
      aria-label={`Thư điện tử liên hệ của ${s.username}`}
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setProblem(null);
        setBusy(true);
        try {
          const { data } = await api.post<StaffAccount>(`/api/v1/admin/staff/${encodeURIComponent(s.id)}/email`, { email: email.trim() });
          onDone(data);
        } catch (x) {
          setProblem(problemOf(x));
          setTimeout(() => ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Field label="Thư điện tử" error={errors.email} hint="Nhắc hạn và báo quá hạn xử lý phản ánh, kiến nghị gửi đến địa chỉ này. Để trống để xóa.">
        {({ id, describedBy, invalid }) => (
          <input id={id} type="email" autoComplete="off" value={email} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setEmail(e.currentTarget.value)} />
        )}
      </Field>
      {problem && !errors.email && (
        <Message kind="error">
          <p className="msg-title">{problem.detail}</p>
        </Message>
      )}
      <div className="actions-row">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
          Lưu thư điện tử
        </button>
        <button type="button" className="btn btn-link" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

function ResetPassword({ s, onCancel, onDone }: { s: StaffAccount; onCancel: () => void; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(problem);
  useEffect(() => ref.current?.querySelector<HTMLInputElement>('input[type="password"]')?.focus(), []);
  const focusInvalid = () => focusFirstInvalid(ref);

  return (
    <form
      ref={ref}
      className="subform"
      aria-label={`Đặt lại mật khẩu cho ${s.username}`}
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setProblem(null);
        const m = confirm !== password ? 'Mật khẩu nhập lại không khớp.' : null;
        setMismatch(m);
        if (m) {
          focusInvalid();
          return;
        }
        setBusy(true);
        try {
          await api.post(`/api/v1/admin/staff/${encodeURIComponent(s.id)}/password`, { password });
          onDone();
        } catch (x) {
          setProblem(problemOf(x));
          focusInvalid();
        } finally {
          setBusy(false);
        }
      }}
    >
      <input type="text" name="username" autoComplete="username" value={s.username} readOnly hidden />
      <div className="grid-2">
        <Field label="Mật khẩu mới" required error={errors.password} hint="Ít nhất 10 ký tự, có cả chữ và số.">
          {({ id, describedBy, invalid }) => (
            <input id={id} type="password" autoComplete="new-password" value={password} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setPassword(e.currentTarget.value)} />
          )}
        </Field>
        <Field label="Nhập lại mật khẩu mới" required error={mismatch}>
          {({ id, describedBy, invalid }) => (
            <input id={id} type="password" autoComplete="new-password" value={confirm} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setConfirm(e.currentTarget.value)} />
          )}
        </Field>
      </div>
      <p className="hint">Cán bộ sẽ bị đăng xuất khỏi mọi phiên đang mở và phải đăng nhập lại bằng mật khẩu mới.</p>
      {problem && (
        <Message kind="error">
          <p className="msg-title">{problem.detail}</p>
        </Message>
      )}
      <div className="actions-row">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
          Đặt lại mật khẩu
        </button>
        <button type="button" className="btn btn-link" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

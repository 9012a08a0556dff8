// The agencies: name, e-ID code (mã định danh), type, parent, validity, successor and the
// agencies it succeeded; a province administrator renames one, ends it or names its successor
// (PUT /api/v1/admin/agencies/{id}); the server's field errors appear beside the fields.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, type Problem } from '../../ui/api';
import { Badge, ErrorBox, Field, Loading, Message, problemOf } from '../../ui/components';
import { fold } from '../../ui/validation';
import { DateInput } from '../../ui/DateField';
import { clearOrgCache } from '../catalog';
import { fieldErrors, fmtIsoDate } from './common';
import { AGENCY_TYPE_LABEL, type AgencyRecord } from './org';
import { focusFirstInvalid } from '../../ui/focus';

export function AgenciesPanel({ canEdit }: { canEdit: boolean }) {
  const [items, setItems] = useState<AgencyRecord[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const flashRef = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const { data } = await api.get<{ items: AgencyRecord[] }>('/api/v1/agencies');
      setItems(data.items);
    } catch (e) {
      setLoadError(e);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const byId = useMemo(() => new Map((items ?? []).map((a) => [a.id, a])), [items]);
  const predecessors = useMemo(() => {
    const m = new Map<string, AgencyRecord[]>();
    for (const a of items ?? []) if (a.successor_id) m.set(a.successor_id, [...(m.get(a.successor_id) ?? []), a]);
    return m;
  }, [items]);
  const needle = fold(q.trim());
  const shown = (items ?? [])
    .filter((a) => !needle || fold(`${a.name} ${a.eid}`).includes(needle))
    .sort((a, b) => Number(!!a.valid_to) - Number(!!b.valid_to) || a.eid.localeCompare(b.eid));

  function saved(a: AgencyRecord) {
    setItems((xs) => (xs ? xs.map((x) => (x.id === a.id ? a : x)) : xs));
    setEditing(null);
    clearOrgCache();
    setFlash(`Đã lưu thông tin cơ quan ${a.name}.`);
    setTimeout(() => flashRef.current?.focus(), 0);
  }

  return (
    <>
      <h2 className="sub-title">Cơ quan, đơn vị giải quyết thủ tục</h2>
      <div ref={flashRef} tabIndex={-1} className="flash" aria-live="polite">
        {flash && (
          <Message kind="success" onDismiss={() => setFlash(null)}>
            {flash}
          </Message>
        )}
      </div>
      <div className="filters org-filters" role="search">
        <Field label="Tìm theo tên hoặc mã định danh" hint="Không dấu cũng được, ví dụ «so tu phap» hoặc «000.00.12».">
          {({ id, describedBy }) => <input id={id} type="search" value={q} aria-describedby={describedBy} onChange={(e) => setQ(e.currentTarget.value)} />}
        </Field>
      </div>
      {loadError !== null && <ErrorBox error={loadError} />}
      {!items && loadError === null && <Loading label="Đang tải danh sách cơ quan…" />}
      {items && (
        <>
          <p className="muted" role="status">
            {shown.length} cơ quan
          </p>
          <ul className="org-list">
            {shown.map((a) => {
              const parent = a.parent_id ? byId.get(a.parent_id) : undefined;
              const successor = a.successor_id ? byId.get(a.successor_id) : undefined;
              const before = predecessors.get(a.id) ?? [];
              return (
                <li key={a.id} className="card org-card">
                  <h3 className="org-name">
                    {a.name} {a.valid_to && <Badge tone="muted">Đã ngừng hoạt động</Badge>}
                  </h3>
                  <dl className="org-facts">
                    <dt>Mã định danh</dt>
                    <dd className="code-nowrap">{a.eid}</dd>
                    <dt>Loại</dt>
                    <dd>{AGENCY_TYPE_LABEL[a.type] ?? a.type}</dd>
                    <dt>Cơ quan cấp trên</dt>
                    <dd>{parent ? parent.name : a.parent_id ?? '—'}</dd>
                    <dt>Hiệu lực</dt>
                    <dd>
                      {a.valid_from ? `Từ ${fmtIsoDate(a.valid_from)}` : 'Không rõ ngày bắt đầu'}
                      {a.valid_to ? `, đến ${fmtIsoDate(a.valid_to)}` : ', đang hoạt động'}
                    </dd>
                    {(successor || a.successor_id) && (
                      <>
                        <dt>Cơ quan kế thừa</dt>
                        <dd>nay là {successor ? successor.name : a.successor_id}</dd>
                      </>
                    )}
                    {before.length > 0 && (
                      <>
                        <dt>Kế thừa từ</dt>
                        <dd>{before.map((b) => b.name).join('; ')}</dd>
                      </>
                    )}
                  </dl>
                  {canEdit && editing !== a.id && (
                    <button type="button" className="btn btn-secondary btn-small" onClick={() => setEditing(a.id)}>
                      Sửa<span className="sr-only"> thông tin {a.name}</span>
                    </button>
                  )}
                  {editing === a.id && <AgencyEdit a={a} agencies={items} onCancel={() => setEditing(null)} onSaved={saved} />}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </>
  );
}

function AgencyEdit({
  a,
  agencies,
  onCancel,
  onSaved,
}: {
  a: AgencyRecord;
  agencies: AgencyRecord[];
  onCancel: () => void;
  onSaved: (a: AgencyRecord) => void;
}) {
  const [name, setName] = useState(a.name);
  const [validTo, setValidTo] = useState(a.valid_to ?? '');
  const [successor, setSuccessor] = useState(a.successor_id ?? '');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  const formRef = useRef<HTMLFormElement>(null);
  const others = useMemo(() => agencies.filter((x) => x.id !== a.id).sort((x, y) => x.name.localeCompare(y.name, 'vi')), [agencies, a.id]);

  useEffect(() => {
    formRef.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);

  async function submit() {
    setBusy(true);
    setProblem(null);
    try {
      const { data } = await api.put<AgencyRecord>(`/api/v1/admin/agencies/${encodeURIComponent(a.id)}`, {
        name: name.trim(),
        valid_to: validTo || null,
        successor_id: successor || null,
      });
      onSaved(data);
    } catch (e) {
      setProblem(problemOf(e));
      focusFirstInvalid(formRef);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      ref={formRef}
      className="subform"
      aria-label={`Sửa thông tin ${a.name}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Field label="Tên cơ quan" required error={errors.name}>
        {({ id, describedBy, invalid }) => (
          <input id={id} type="text" maxLength={300} value={name} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setName(e.currentTarget.value)} />
        )}
      </Field>
      <div className="grid-2">
        <Field label="Ngày ngừng hoạt động (bỏ trống nếu còn hoạt động)" error={errors.valid_to}>
          {({ id, describedBy, invalid }) => (
            <DateInput id={id} value={validTo} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={setValidTo} />
          )}
        </Field>
        <Field label="Cơ quan kế thừa" error={errors.successor_id} hint="Cơ quan nhận lại nhiệm vụ khi cơ quan này ngừng hoạt động.">
          {({ id, describedBy, invalid }) => (
            <select id={id} value={successor} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setSuccessor(e.currentTarget.value)}>
              <option value="">— Không có —</option>
              {others.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name} ({x.eid})
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {problem && (
        <Message kind="error">
          <p className="msg-title">{problem.detail}</p>
          {problem.errors && problem.errors.length > 0 && <p>Vui lòng sửa các ô được đánh dấu.</p>}
        </Message>
      )}
      <div className="actions-row">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
          Lưu thay đổi
        </button>
        <button type="button" className="btn btn-link" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

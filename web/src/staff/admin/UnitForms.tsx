// One administrative unit: its record, predecessors and successors (with date and legal basis),
// the correction form (name, last day of validity), and the form creating a unit.
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, type Problem } from '../../ui/api';
import { Field, Message, problemOf } from '../../ui/components';
import { DateInput } from '../../ui/DateField';
import { fieldErrors, fmtIsoDate, todayIso, yesterdayIso } from './common';
import { KIND_LABEL, LEVEL_LABEL, placeOf, TYPES_OF, validityText, type UnitLevel, type UnitRecord } from './org';
import { NowLinks, type UnitGraph } from './UnitLinks';
import { focusFirstInvalid } from '../../ui/focus';

interface Succession {
  to_id: string;
  kind: string;
  date: string;
  legal_basis: string;
}

export function ProblemSummary({ problem }: { problem: Problem }) {
  return (
    <Message kind="error">
      <p className="msg-title">{problem.detail}</p>
      {problem.errors && problem.errors.length > 0 && <p>Vui lòng sửa các ô được đánh dấu.</p>}
    </Message>
  );
}

/** Focuses the first field the server marked, or the form. */
export function focusInvalid(form: HTMLElement | null) {
  focusFirstInvalid(form, 'root');
}

export function UnitDetail({
  unit: u,
  graph,
  canEdit,
  onOpen,
  onSaved,
  onSuccession,
}: {
  unit: UnitRecord;
  graph: UnitGraph;
  canEdit: boolean;
  onOpen: (id: string) => void;
  onSaved: (u: UnitRecord) => void;
  onSuccession: () => void;
}) {
  const [next, setNext] = useState<Succession[] | null>(null);
  const [editing, setEditing] = useState(false);
  const headRef = useRef<HTMLHeadingElement>(null);
  const parent = u.parent_id ? graph.byId.get(u.parent_id) : undefined;
  const prev = graph.prev.get(u.id) ?? [];

  useEffect(() => {
    headRef.current?.focus();
    let live = true;
    api.get<{ items: Succession[] }>(`/api/v1/units/${encodeURIComponent(u.id)}/successors`).then(
      (r) => live && setNext(r.data.items),
      () => live && setNext([]),
    );
    return () => {
      live = false;
    };
  }, [u.id]);

  return (
    <article className="card org-card" aria-labelledby="unit-title">
      <h3 id="unit-title" ref={headRef} tabIndex={-1} className="org-name">
        {u.name}
        {u.former && <span className="unit-old"> (cũ)</span>}
      </h3>
      <dl className="org-facts">
        <dt>Mã đơn vị</dt>
        <dd>{u.code}</dd>
        <dt>Cấp, loại</dt>
        <dd>
          {LEVEL_LABEL[u.level as UnitLevel] ?? u.level}, {u.type}
        </dd>
        <dt>Trực thuộc</dt>
        <dd>
          {parent ? (
            <button type="button" className="btn btn-link unit-link" onClick={() => onOpen(parent.id)}>
              {parent.name}
            </button>
          ) : (
            '—'
          )}
        </dd>
        <dt>Hiệu lực</dt>
        <dd>{validityText(u.valid_from, u.valid_to)}</dd>
        {prev.length > 0 && (
          <>
            <dt>Trước đây là</dt>
            <dd>
              <ul className="unit-links">
                {prev.map((p) => (
                  <li key={p.from_id}>
                    <button type="button" className="btn btn-link unit-link" onClick={() => onOpen(p.from_id)}>
                      {graph.byId.get(p.from_id)?.name ?? p.from_id}
                    </button>{' '}
                    <span className="muted">({KIND_LABEL[p.kind] ?? p.kind})</span>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {u.former && (
          <>
            <dt>Nay là</dt>
            <dd>
              <NowLinks id={u.id} graph={graph} onOpen={onOpen} />
              {next && next.length > 0 && (
                <span className="unit-meta">
                  Từ ngày {fmtIsoDate(next[0].date)}, theo {next[0].legal_basis || 'căn cứ chưa ghi'}
                </span>
              )}
            </dd>
          </>
        )}
      </dl>
      {canEdit && !editing && (
        <div className="actions-row">
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setEditing(true)}>
            Sửa tên hoặc ngày hết hiệu lực
          </button>
          {!u.valid_to && (
            <button type="button" className="btn btn-secondary btn-small" onClick={onSuccession}>
              Ghi nhận sáp nhập, chia tách từ đơn vị này
            </button>
          )}
        </div>
      )}
      {editing && (
        <UnitEdit
          u={u}
          onCancel={() => setEditing(false)}
          onSaved={(x) => {
            setEditing(false);
            onSaved(x);
          }}
        />
      )}
    </article>
  );
}

function UnitEdit({ u, onCancel, onSaved }: { u: UnitRecord; onCancel: () => void; onSaved: (u: UnitRecord) => void }) {
  const [name, setName] = useState(u.name);
  const [validTo, setValidTo] = useState(u.valid_to ?? '');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => ref.current?.querySelector<HTMLInputElement>('input')?.focus(), []);

  return (
    <form
      ref={ref}
      className="subform"
      aria-label={`Sửa đơn vị ${u.name}`}
      tabIndex={-1}
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setProblem(null);
        try {
          const { data } = await api.put<UnitRecord>(`/api/v1/admin/units/${encodeURIComponent(u.id)}`, { name: name.trim(), valid_to: validTo || null });
          onSaved(data);
        } catch (x) {
          setProblem(problemOf(x));
          focusInvalid(ref.current);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Field
        label="Tên đơn vị"
        required
        error={errors.name}
        hint="Chỉ để sửa sai sót. Đổi tên theo nghị quyết thì thêm đơn vị mới rồi ghi nhận «đổi tên», để địa chỉ đã ghi giữ tên cũ."
      >
        {({ id, describedBy, invalid }) => (
          <input id={id} type="text" maxLength={200} value={name} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setName(e.currentTarget.value)} />
        )}
      </Field>
      <Field
        label="Ngày cuối cùng còn hiệu lực (bỏ trống nếu đang hiệu lực)"
        error={errors.valid_to}
        hint="Chỉ ghi nhận khi ngày đó đã qua; cơ quan gắn với đơn vị phải ngừng hoạt động trước."
      >
        {({ id, describedBy, invalid }) => (
          <DateInput id={id} value={validTo} max={yesterdayIso()} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={setValidTo} />
        )}
      </Field>
      {problem && <ProblemSummary problem={problem} />}
      <div className="actions-row">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
          Lưu đơn vị
        </button>
        <button type="button" className="btn btn-link" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

export function UnitCreate({ units, onCancel, onCreated }: { units: UnitRecord[]; onCancel: () => void; onCreated: (u: UnitRecord) => void }) {
  const byId = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const [level, setLevel] = useState<UnitLevel>('commune');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [type, setType] = useState('xã');
  // Parents a unit of this level may have, current ones first; the current province by default.
  const parents = useMemo(() => {
    const allowed = level === 'commune' ? ['province', 'district'] : level === 'district' ? ['province'] : [];
    return units
      .filter((u) => allowed.includes(u.level))
      .sort((a, b) => Number(a.former) - Number(b.former) || a.level.localeCompare(b.level) || a.name.localeCompare(b.name, 'vi'));
  }, [units, level]);
  const [parent, setParent] = useState(() => units.find((u) => u.level === 'province' && !u.former)?.id ?? '');
  const [validFrom, setValidFrom] = useState(todayIso());
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  const ref = useRef<HTMLFormElement>(null);

  function changeLevel(l: UnitLevel) {
    setLevel(l);
    setType(TYPES_OF[l][0]);
    if (l === 'province') setParent('');
    else if (!parent) setParent(units.find((u) => u.level === 'province' && !u.former)?.id ?? '');
  }

  return (
    <form
      ref={ref}
      className="card"
      aria-labelledby="h-unit-create"
      tabIndex={-1}
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setProblem(null);
        try {
          const { data } = await api.post<UnitRecord>('/api/v1/admin/units', {
            code: code.trim(),
            name: name.trim(),
            level,
            type,
            parent_id: parent || null,
            valid_from: validFrom,
          });
          onCreated(data);
        } catch (x) {
          setProblem(problemOf(x));
          focusInvalid(ref.current);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h3 id="h-unit-create" className="card-title">
        Thêm đơn vị hành chính
      </h3>
      <div className="grid-2">
        <Field label="Cấp" required error={errors.level}>
          {({ id, describedBy, invalid }) => (
            <select id={id} value={level} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => changeLevel(e.currentTarget.value as UnitLevel)}>
              {(Object.keys(LEVEL_LABEL) as UnitLevel[]).map((l) => (
                <option key={l} value={l}>
                  {LEVEL_LABEL[l]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Loại" required error={errors.type}>
          {({ id, describedBy, invalid }) => (
            <select id={id} value={type} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setType(e.currentTarget.value)}>
              {TYPES_OF[level].map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Mã đơn vị" required error={errors.code} hint="Theo Quyết định 19/2025/QĐ-TTg: 5 chữ số với cấp xã, 2 chữ số với cấp tỉnh.">
          {({ id, describedBy, invalid }) => (
            <input id={id} type="text" inputMode="numeric" autoComplete="off" maxLength={10} value={code} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setCode(e.currentTarget.value)} />
          )}
        </Field>
        <Field label="Tên đơn vị" required error={errors.name} hint="Có cả loại đơn vị, ví dụ «Xã Măng Đen».">
          {({ id, describedBy, invalid }) => (
            <input id={id} type="text" maxLength={200} value={name} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setName(e.currentTarget.value)} />
          )}
        </Field>
        {level !== 'province' && (
          <Field label="Trực thuộc" required error={errors.parent_id}>
            {({ id, describedBy, invalid }) => (
              <select id={id} value={parent} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setParent(e.currentTarget.value)}>
                <option value="">— Chọn đơn vị cấp trên —</option>
                {parents.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                    {p.former && p.valid_to ? ` (cũ, ${placeOf(p, byId) || 'đến ' + fmtIsoDate(p.valid_to)})` : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label="Ngày bắt đầu hiệu lực" required error={errors.valid_from}>
          {({ id, describedBy, invalid }) => (
            <DateInput id={id} value={validFrom} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={setValidFrom} />
          )}
        </Field>
      </div>
      {problem && <ProblemSummary problem={problem} />}
      <div className="actions-row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Thêm đơn vị
        </button>
        <button type="button" className="btn btn-link" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}


// Recording a succession: old units → new units on a date, with its legal basis. A merge is
// several old into one new, a split one old into several new, a rename one into one; the
// server derives the kind when none is chosen, ends the old units the day before and refuses
// cycles, self-links and dates that do not fit (its errors appear beside the lists).
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, type Problem } from '../../ui/api';
import { Field, problemOf } from '../../ui/components';
import { DateInput } from '../../ui/DateField';
import { fieldErrors, fmtIsoDate, todayIso } from './common';
import { KIND_LABEL, type UnitEntry, type UnitRecord } from './org';
import { UnitCombobox } from './UnitCombobox';
import { focusInvalid, ProblemSummary } from './UnitForms';

interface Recorded {
  items: { from_id: string; to_id: string; kind: string; date: string }[];
  units: UnitRecord[];
}

function ChosenList({
  ids,
  byId,
  list,
  label,
  errors,
  onRemove,
}: {
  ids: string[];
  byId: Map<string, UnitEntry>;
  list: 'from' | 'to';
  label: string;
  errors: Record<string, string>;
  onRemove: (id: string) => void;
}) {
  if (ids.length === 0) return <p className="muted">Chưa chọn đơn vị nào.</p>;
  return (
    <ul className="chosen-units" aria-label={label}>
      {ids.map((id, i) => {
        const e = byId.get(id);
        const err = errors[`${list}[${i}]`];
        return (
          <li key={id} className={err ? 'chosen-unit field-invalid' : 'chosen-unit'}>
            <span>
              <strong>{e?.unit.name ?? id}</strong>
              {e?.unit.former && <span className="unit-old"> (cũ)</span>}
              <span className="muted">
                {' '}
                — mã {e?.unit.code}
                {e?.place && `, ${e.place}`}
              </span>
            </span>
            <button type="button" className="btn btn-link btn-small" onClick={() => onRemove(id)}>
              Bỏ<span className="sr-only"> {e?.unit.name ?? id} khỏi {label.toLocaleLowerCase('vi')}</span>
            </button>
            {err && <p className="field-error">{err}</p>}
          </li>
        );
      })}
    </ul>
  );
}

export function SuccessionForm({
  entries,
  initialFrom,
  onCancel,
  onDone,
}: {
  entries: UnitEntry[];
  initialFrom: string[];
  onCancel: () => void;
  onDone: (text: string) => void;
}) {
  const byId = useMemo(() => new Map(entries.map((e) => [e.unit.id, e])), [entries]);
  const [from, setFrom] = useState<string[]>(initialFrom);
  const [to, setTo] = useState<string[]>([]);
  const [kind, setKind] = useState('');
  const [date, setDate] = useState(todayIso());
  const [basis, setBasis] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  const ref = useRef<HTMLFormElement>(null);
  const chosen = useMemo(() => [...from, ...to], [from, to]);
  const name = (id: string) => byId.get(id)?.unit.name ?? id;

  // Opened from a unit's page, whose button is gone: continue with the new units.
  useEffect(() => {
    if (initialFrom.length) ref.current?.querySelectorAll<HTMLInputElement>('input[role="combobox"]')[1]?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function submit() {
    setBusy(true);
    setProblem(null);
    try {
      const { data } = await api.post<Recorded>('/api/v1/admin/unit-successions', {
        from,
        to,
        ...(kind ? { kind } : {}),
        date,
        legal_basis: basis.trim(),
      });
      const k = data.items[0]?.kind ?? kind;
      onDone(`Đã ghi nhận ${KIND_LABEL[k] ?? k}: ${from.map(name).join(', ')} → ${to.map(name).join(', ')}, từ ngày ${fmtIsoDate(date)}.`);
    } catch (x) {
      setProblem(problemOf(x));
      focusInvalid(ref.current);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      ref={ref}
      className="card"
      aria-labelledby="h-succession"
      tabIndex={-1}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 id="h-succession" className="card-title">
        Ghi nhận sáp nhập, chia tách, đổi tên
      </h3>
      <p className="muted">
        Sáp nhập: nhiều đơn vị cũ thành một đơn vị mới. Chia tách: một đơn vị cũ thành nhiều đơn vị mới. Đổi tên: một thành một. Đơn vị mới cần được thêm trước.
      </p>
      <fieldset className="fieldset">
        <legend>Đơn vị cũ</legend>
        <ChosenList ids={from} byId={byId} list="from" label="Đơn vị cũ đã chọn" errors={errors} onRemove={(id) => setFrom(from.filter((x) => x !== id))} />
        <UnitCombobox label="Thêm đơn vị cũ" entries={entries} exclude={chosen} error={errors.from} onPick={(e) => setFrom([...from, e.unit.id])} />
      </fieldset>
      <fieldset className="fieldset">
        <legend>Đơn vị mới (kế thừa)</legend>
        <ChosenList ids={to} byId={byId} list="to" label="Đơn vị mới đã chọn" errors={errors} onRemove={(id) => setTo(to.filter((x) => x !== id))} />
        <UnitCombobox label="Thêm đơn vị mới" entries={entries} exclude={chosen} error={errors.to} onPick={(e) => setTo([...to, e.unit.id])} />
      </fieldset>
      <div className="grid-2">
        <Field label="Hình thức" error={errors.kind}>
          {({ id, describedBy, invalid }) => (
            <select id={id} value={kind} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setKind(e.currentTarget.value)}>
              <option value="">Tự xác định theo số đơn vị</option>
              <option value="merge">Sáp nhập</option>
              <option value="split">Chia tách</option>
              <option value="rename">Đổi tên</option>
            </select>
          )}
        </Field>
        <Field
          label="Ngày đơn vị mới bắt đầu hiệu lực"
          required
          error={errors.date}
          hint="Đơn vị cũ hết hiệu lực từ ngày hôm trước. Chỉ ghi nhận khi đã có hiệu lực: không chọn ngày sau hôm nay."
        >
          {({ id, describedBy, invalid }) => (
            <DateInput id={id} value={date} max={todayIso()} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={setDate} />
          )}
        </Field>
      </div>
      <Field label="Căn cứ pháp lý" required error={errors.legal_basis} hint="Số, ký hiệu nghị quyết hoặc quyết định, ví dụ «Nghị quyết 1677/NQ-UBTVQH15».">
        {({ id, describedBy, invalid }) => (
          <input id={id} type="text" maxLength={300} value={basis} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setBasis(e.currentTarget.value)} />
        )}
      </Field>
      {problem && <ProblemSummary problem={problem} />}
      <div className="actions-row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Ghi nhận
        </button>
        <button type="button" className="btn btn-link" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

// Renders an e-form schema (format 1) as accessible controls: each control labelled, its help
// and error tied to it (aria-describedby), errors keyed by the same field paths the server uses
// ("requester.personal_id", "children[1].birth_date", "address.unit_id"). The values are the
// draft's data object, changed immutably through `onChange`.
import { useId } from 'react';
import { Field } from '../../ui/components';
import { DateInput } from '../../ui/DateField';
import { UnitPicker } from '../../ui/UnitPicker';
import { fieldDomId, resolveDate, shown, type EField, type Obj } from './schema';

export type Errors = Record<string, string>;

interface Props {
  fields: EField[];
  value: Obj;
  onChange: (v: Obj) => void;
  errors: Errors;
  /** The path of this object ("" at the top, "children[0]" inside a repeated group). */
  path?: string;
}

const join = (p: string, name: string) => (p ? `${p}.${name}` : name);

export function EFormFields({ fields, value, onChange, errors, path = '' }: Props) {
  return (
    <>
      {fields.map((f) => {
        if (!shown(f, value)) return null;
        const p = join(path, f.name);
        const set = (v: unknown) => {
          const next = { ...value };
          if (v === undefined || v === '' || v === null) delete next[f.name];
          else next[f.name] = v;
          onChange(next);
        };
        return <EFieldView key={f.name} f={f} path={p} value={value[f.name]} set={set} errors={errors} />;
      })}
    </>
  );
}

function errorsUnder(errors: Errors, path: string): string | undefined {
  return errors[path];
}

function EFieldView({ f, path, value, set, errors }: { f: EField; path: string; value: unknown; set: (v: unknown) => void; errors: Errors }) {
  const err = errorsUnder(errors, path);
  const domId = fieldDomId(path);
  const uid = useId();
  switch (f.type) {
    case 'group':
      if (f.repeat) return <RepeatGroup f={f} path={path} value={value} set={set} errors={errors} />;
      return (
        <fieldset className="eform-group" id={domId} tabIndex={-1}>
          <legend>{f.label}</legend>
          {f.help && <p className="hint">{f.help}</p>}
          {err && <p className="field-error">{err}</p>}
          <EFormFields fields={f.fields ?? []} value={(value as Obj) ?? {}} onChange={(v) => set(Object.keys(v).length ? v : undefined)} errors={errors} path={path} />
        </fieldset>
      );
    case 'boolean': {
      const hintId = f.help ? `${uid}-h` : '';
      const errId = err ? `${uid}-e` : '';
      return (
        <div className={`field ${err ? 'field-invalid' : ''}`}>
          <div className="eform-check">
            <input
              id={domId}
              type="checkbox"
              checked={value === true}
              aria-invalid={err ? true : undefined}
              aria-required={f.required || undefined}
              aria-describedby={[hintId, errId].filter(Boolean).join(' ') || undefined}
              onChange={(e) => set(e.target.checked ? true : f.required ? undefined : false)}
            />
            <label htmlFor={domId}>
              {f.label}
              {f.required && <span className="req" aria-hidden="true"> *</span>}
            </label>
          </div>
          {f.help && (
            <p className="hint" id={hintId}>
              {f.help}
            </p>
          )}
          {err && (
            <p className="field-error" id={errId}>
              {err}
            </p>
          )}
        </div>
      );
    }
    case 'choice':
      if ((f.options?.length ?? 0) <= 4) {
        const errId = err ? `${uid}-e` : undefined;
        return (
          <fieldset className={`radios ${err ? 'field-invalid' : ''}`} aria-describedby={errId} aria-invalid={err ? true : undefined} id={domId} tabIndex={-1}>
            <legend>
              {f.label}
              {f.required && <span className="req" aria-hidden="true"> *</span>}
            </legend>
            {f.help && <p className="hint">{f.help}</p>}
            {(f.options ?? []).map((o, i) => (
              <label key={o.value} className="radio">
                <input
                  type="radio"
                  name={domId}
                  id={i === 0 ? `${domId}-0` : undefined}
                  value={o.value}
                  checked={value === o.value}
                  aria-required={f.required || undefined}
                  onChange={() => set(o.value)}
                />
                {o.label}
              </label>
            ))}
            {err && (
              <p className="field-error" id={errId}>
                {err}
              </p>
            )}
          </fieldset>
        );
      }
      return (
        <Field label={f.label} required={f.required} error={err} hint={f.help}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              data-path={domId}
              value={typeof value === 'string' ? value : ''}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              aria-required={f.required || undefined}
              onChange={(e) => set(e.target.value)}
            >
              <option value="">— Chọn —</option>
              {(f.options ?? []).map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      );
    case 'date':
      return (
        <Field label={f.label} required={f.required} error={err} hint={f.help}>
          {({ id, describedBy, invalid }) => (
            <span id={domId} className="eform-date">
              <DateInput
                id={id}
                value={typeof value === 'string' ? value : ''}
                min={resolveDate(f.min_date)}
                max={resolveDate(f.max_date)}
                required={f.required}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(iso) => set(iso)}
              />
            </span>
          )}
        </Field>
      );
    case 'address':
      return <AddressField f={f} path={path} value={(value as Obj) ?? {}} set={set} errors={errors} />;
    default: {
      const t = f.type;
      const inputMode = t === 'number' || t === 'personal_id' ? 'numeric' : t === 'phone' ? 'tel' : t === 'email' ? 'email' : undefined;
      const maxLength = t === 'personal_id' ? 12 : t === 'phone' ? 12 : t === 'email' ? 254 : t === 'text' ? (f.max_length ?? 500) : 30;
      const text = value === undefined || value === null ? '' : String(value);
      const onText = (s: string) => {
        if (t === 'number') {
          const n = s.trim().replace(',', '.');
          set(n === '' ? undefined : /^-?\d+(\.\d+)?$/.test(n) ? Number(n) : s);
        } else set(s);
      };
      return (
        <Field label={f.label} required={f.required} error={err} hint={f.help}>
          {({ id, describedBy, invalid }) =>
            t === 'text' && f.multiline ? (
              <textarea
                id={id}
                data-path={domId}
                rows={3}
                maxLength={maxLength}
                value={text}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                aria-required={f.required || undefined}
                onChange={(e) => onText(e.target.value)}
              />
            ) : (
              <input
                id={id}
                data-path={domId}
                type={t === 'email' ? 'email' : t === 'phone' ? 'tel' : 'text'}
                inputMode={inputMode}
                maxLength={maxLength}
                value={text}
                autoComplete="off"
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                aria-required={f.required || undefined}
                onChange={(e) => onText(e.target.value)}
              />
            )
          }
        </Field>
      );
    }
  }
}

function AddressField({ f, path, value, set, errors }: { f: EField; path: string; value: Obj; set: (v: unknown) => void; errors: Errors }) {
  const line = typeof value.line === 'string' ? value.line : '';
  const unitErr = errors[`${path}.unit_id`] ?? errors[`${path}.former_unit_id`] ?? errors[path];
  const change = (patch: Obj) => {
    const next: Obj = { ...value, ...patch };
    for (const k of Object.keys(next)) if (next[k] === '' || next[k] === undefined) delete next[k];
    set(Object.keys(next).length ? next : undefined);
  };
  return (
    <fieldset className="eform-group" id={fieldDomId(path)} tabIndex={-1}>
      <legend>
        {f.label}
        {f.required && <span className="req" aria-hidden="true"> *</span>}
      </legend>
      {f.help && <p className="hint">{f.help}</p>}
      <Field label="Số nhà, đường, thôn, tổ" error={errors[`${path}.line`]}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            data-path={fieldDomId(`${path}.line`)}
            maxLength={300}
            autoComplete="street-address"
            value={line}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(e) => change({ line: e.target.value })}
          />
        )}
      </Field>
      <div data-path={fieldDomId(`${path}.unit_id`)}>
        <UnitPicker
          value={{ address_unit_id: String(value.unit_id ?? ''), address_former_unit_id: String(value.former_unit_id ?? '') }}
          onChange={(u) => change({ unit_id: u.address_unit_id, former_unit_id: u.address_former_unit_id })}
          error={unitErr}
        />
      </div>
    </fieldset>
  );
}

function RepeatGroup({ f, path, value, set, errors }: { f: EField; path: string; value: unknown; set: (v: unknown) => void; errors: Errors }) {
  const items = Array.isArray(value) ? (value as Obj[]) : [];
  const max = f.max_items ?? 20;
  const err = errors[path];
  const setItem = (i: number, v: Obj) => set(items.map((x, j) => (j === i ? v : x)));
  return (
    <fieldset className="eform-group" id={fieldDomId(path)} tabIndex={-1}>
      <legend>
        {f.label}
        {f.required && <span className="req" aria-hidden="true"> *</span>}
      </legend>
      {f.help && <p className="hint">{f.help}</p>}
      {err && <p className="field-error">{err}</p>}
      {items.map((it, i) => (
        <div key={i} className="eform-item" role="group" aria-label={`${f.label} thứ ${i + 1}`}>
          <p className="sub-title">
            {f.label} thứ {i + 1}
          </p>
          <EFormFields fields={f.fields ?? []} value={it ?? {}} onChange={(v) => setItem(i, v)} errors={errors} path={`${path}[${i}]`} />
          <button type="button" className="btn btn-link btn-small" onClick={() => set(items.filter((_, j) => j !== i))}>
            Xóa {f.label.toLocaleLowerCase('vi')} thứ {i + 1}
          </button>
        </div>
      ))}
      {items.length < max && (
        <button type="button" className="btn btn-secondary btn-small" onClick={() => set([...items, {}])}>
          Thêm {f.label.toLocaleLowerCase('vi')}
        </button>
      )}
    </fieldset>
  );
}

/** Moves the focus to the control of the first error (then its group, then the error list). */
export function focusFirstError(paths: string[]): boolean {
  for (const p of paths) {
    let cur = p;
    for (;;) {
      const id = fieldDomId(cur);
      const el =
        document.querySelector<HTMLElement>(`[data-path="${id}"] input, [data-path="${id}"]`) ??
        document.getElementById(`${id}-0`) ??
        document.getElementById(id);
      if (el) {
        // A group or a wrapper: its first control.
        const target = el.matches('input, select, textarea, button') ? el : el.querySelector<HTMLElement>('input, select, textarea') ?? el;
        target.focus();
        target.scrollIntoView({ block: 'center' });
        return true;
      }
      const cut = Math.max(cur.lastIndexOf('.'), cur.lastIndexOf('['));
      if (cut <= 0) break;
      cur = cur.slice(0, cut);
    }
  }
  return false;
}

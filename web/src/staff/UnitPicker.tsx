// The address's administrative unit at the reception desk: a combobox over the current communes
// and the former (pre-July-2025) ones, searched without diacritics. Applicants often still give
// their old commune (a former Kon Tum commune, say): choosing it keeps it as written and maps it
// to the current unit; when the old unit was split, the official chooses among its successors.
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { Field } from '../ui/components';
import type { Applicant, Unit } from '../ui/types';
import { fold } from '../ui/validation';
import { loadAllUnits, loadCommunes, useList, useNameMap } from './catalog';

export interface AddressUnits {
  address_unit_id: string;
  address_former_unit_id: string;
}

interface Entry {
  unit: Unit;
  former: boolean;
  /** "huyện Kon Plông, tỉnh Kon Tum": the parents, as an address writes them. */
  place: string;
  /** Former units: the current units it became (one, or several when it was split). */
  next: Unit[];
  hay: string;
  key: string;
}

const MAX_OPTIONS = 30;

function lowerFirst(s: string): string {
  return s ? s[0].toLocaleLowerCase('vi') + s.slice(1) : s;
}

function placeOf(u: Unit, byId: Map<string, Unit>): string {
  const parts: string[] = [];
  let p = u.parent_id ? byId.get(u.parent_id) : undefined;
  for (let depth = 0; p && depth < 4; depth++) {
    parts.push(lowerFirst(p.name));
    p = p.parent_id ? byId.get(p.parent_id) : undefined;
  }
  return parts.join(', ');
}

/** The current units a former unit became, following renames of renames. */
function currentSuccessors(u: Unit, byId: Map<string, Unit>): Unit[] {
  const out = new Map<string, Unit>();
  const seen = new Set([u.id]);
  let todo = [u];
  for (let depth = 0; depth < 4 && todo.length; depth++) {
    const next: Unit[] = [];
    for (const x of todo)
      for (const s of x.successors ?? []) {
        const t = byId.get(s.to_id);
        if (!t || seen.has(t.id)) continue;
        seen.add(t.id);
        if (t.valid_to) next.push(t);
        else out.set(t.id, t);
      }
    todo = next;
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/** Folded name without its type word: "xa mang canh" → "mang canh" (for ranking). */
function bareKey(name: string): string {
  return fold(name).replace(/^(xa|phuong|thi tran|dac khu) /, '');
}

function buildEntries(units: Unit[]): { entries: Entry[]; byId: Map<string, Unit> } {
  const byId = new Map(units.map((u) => [u.id, u]));
  const entries: Entry[] = [];
  for (const u of units) {
    if (u.level !== 'commune') continue;
    const former = !!u.valid_to;
    const place = placeOf(u, byId);
    const next = former ? currentSuccessors(u, byId) : [];
    entries.push({ unit: u, former, place, next, hay: fold(`${u.name} ${place}`), key: bareKey(u.name) });
  }
  return { entries, byId };
}

export function formerLabel(u: Unit): string {
  return `${u.name} (cũ)`;
}

function nowText(e: Entry): string {
  if (e.next.length === 1) return `nay là ${e.next[0].name}`;
  if (e.next.length > 1) return `nay thuộc ${e.next.map((n) => n.name).join(' hoặc ')}`;
  return 'chưa rõ đơn vị hiện nay';
}

function search(entries: Entry[], q: string): Entry[] {
  const tokens = fold(q).split(/[\s,]+/).filter(Boolean);
  if (tokens.length === 0) return [];
  const whole = tokens.join(' ');
  const hits = entries.filter((e) => tokens.every((t) => e.hay.includes(t)));
  const rank = (e: Entry) => (e.key.startsWith(whole) || fold(e.unit.name).startsWith(whole) ? 0 : 1);
  return hits.sort(
    (a, b) => rank(a) - rank(b) || Number(a.former) - Number(b.former) || a.unit.name.localeCompare(b.unit.name, 'vi') || a.place.localeCompare(b.place, 'vi'),
  );
}

export function UnitPicker({ value, onChange, error }: { value: AddressUnits; onChange: (v: AddressUnits) => void; error?: string }) {
  const units = useList(loadAllUnits);
  const { entries, byId } = useMemo(() => buildEntries(units), [units]);
  const uid = useId();
  const listId = `${uid}-list`;
  const optId = (i: number) => `${uid}-opt-${i}`;
  // What the official is typing; null while the input shows the chosen unit.
  const [typing, setTyping] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  const chosenId = value.address_former_unit_id || value.address_unit_id;
  const chosen = entries.find((e) => e.unit.id === chosenId) ?? null;
  const current = value.address_unit_id ? byId.get(value.address_unit_id) : undefined;
  const results = useMemo(() => (typing === null ? [] : search(entries, typing)), [entries, typing]);
  const shown = results.slice(0, MAX_OPTIONS);
  const listOpen = open && shown.length > 0;

  useEffect(() => {
    if (active >= 0) document.getElementById(optId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const display = typing ?? (chosen ? (chosen.former ? formerLabel(chosen.unit) : chosen.unit.name) : chosenId ? chosenId : '');

  function pick(e: Entry) {
    if (e.former) onChange({ address_former_unit_id: e.unit.id, address_unit_id: e.next.length === 1 ? e.next[0].id : '' });
    else onChange({ address_unit_id: e.unit.id, address_former_unit_id: '' });
    setTyping(null);
    setOpen(false);
    setActive(-1);
  }

  function onKey(ev: KeyboardEvent<HTMLInputElement>) {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      if (shown.length === 0) return;
      ev.preventDefault();
      if (!listOpen) {
        setOpen(true);
        setActive(ev.key === 'ArrowDown' ? 0 : shown.length - 1);
      } else {
        setActive((a) => (ev.key === 'ArrowDown' ? Math.min(a + 1, shown.length - 1) : Math.max(a - 1, 0)));
      }
    } else if (ev.key === 'Enter') {
      if (!listOpen) return;
      ev.preventDefault(); // never submits the form while the list is open
      if (active >= 0) pick(shown[active]);
      else if (shown.length === 1) pick(shown[0]);
    } else if (ev.key === 'Escape') {
      if (listOpen) {
        ev.preventDefault();
        setOpen(false);
        setActive(-1);
      } else if (typing !== null) {
        ev.preventDefault();
        setTyping(null);
      }
    }
  }

  const status =
    typing === null || !typing.trim()
      ? ''
      : results.length === 0
        ? 'Không tìm thấy đơn vị phù hợp.'
        : results.length > MAX_OPTIONS
          ? `${results.length} đơn vị phù hợp, hiện ${MAX_OPTIONS} đơn vị đầu: gõ thêm để thu hẹp.`
          : `${results.length} đơn vị phù hợp. Dùng phím mũi tên lên, xuống và Enter để chọn.`;

  return (
    <div className="unit-picker">
      <Field
        label="Xã, phường, đặc khu"
        error={error}
        hint="Gõ tên đơn vị hiện nay hoặc tên xã, phường, thị trấn cũ (trước 01/7/2025); không dấu cũng được, ví dụ «mang canh»."
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="text"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={listOpen}
            aria-controls={listId}
            aria-activedescendant={listOpen && active >= 0 ? optId(active) : undefined}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            autoComplete="off"
            spellCheck={false}
            maxLength={100}
            value={display}
            onChange={(ev) => {
              setTyping(ev.target.value);
              setOpen(true);
              setActive(-1);
              if (chosenId) onChange({ address_unit_id: '', address_former_unit_id: '' });
            }}
            onKeyDown={onKey}
            onFocus={() => typing !== null && setOpen(true)}
            onBlur={() => setOpen(false)}
          />
        )}
      </Field>
      <ul id={listId} role="listbox" className="unit-options" aria-label="Đơn vị hành chính phù hợp" hidden={!listOpen}>
        {listOpen &&
          shown.map((e, i) => (
            <li
              key={e.unit.id}
              id={optId(i)}
              role="option"
              aria-selected={i === active}
              className={`unit-option ${i === active ? 'is-active' : ''}`}
              onMouseDown={(ev) => ev.preventDefault()}
              onClick={() => pick(e)}
            >
              <span className="unit-name">
                {e.unit.name}
                {e.former && <span className="unit-old"> (cũ)</span>}
              </span>
              <span className="unit-meta">
                {e.place}
                {e.former && ` → ${nowText(e)}`}
              </span>
            </li>
          ))}
      </ul>
      <p className="sr-only" role="status">
        {status}
      </p>
      {typing !== null && typing.trim() !== '' && results.length === 0 && <p className="hint">Không tìm thấy đơn vị phù hợp.</p>}

      {chosen?.former && (
        <div className="unit-chosen">
          <p className="unit-mapping" data-testid="unit-mapping">
            <strong>{formerLabel(chosen.unit)}</strong>
            {chosen.place && <span className="muted">, {chosen.place}</span>} →{' '}
            {current ? (
              <>
                nay là <strong>{current.name}</strong>
              </>
            ) : chosen.next.length > 1 ? (
              'nay thuộc nhiều đơn vị: chọn đơn vị hiện nay bên dưới'
            ) : (
              'chưa rõ đơn vị hiện nay'
            )}
          </p>
          {chosen.next.length > 1 && (
            <fieldset className="radios unit-split">
              <legend>«{formerLabel(chosen.unit)}» đã được chia: địa chỉ nay thuộc đơn vị nào?</legend>
              {chosen.next.map((n) => (
                <label key={n.id} className="radio">
                  <input
                    type="radio"
                    name={`${uid}-successor`}
                    checked={value.address_unit_id === n.id}
                    onChange={() => onChange({ address_former_unit_id: chosen.unit.id, address_unit_id: n.id })}
                  />{' '}
                  {n.name}
                </label>
              ))}
            </fieldset>
          )}
        </div>
      )}
      {chosenId && (
        <button
          type="button"
          className="btn btn-link btn-small"
          onClick={() => {
            onChange({ address_unit_id: '', address_former_unit_id: '' });
            setTyping(null);
          }}
        >
          Bỏ chọn đơn vị
        </button>
      )}
    </div>
  );
}

/**
 * The unit of a dossier's address: the current one, and the former one the applicant gave.
 * Names come from the dossier (as they were at intake); older dossiers only have the id.
 */
export function AddressUnitText({ applicant: a }: { applicant: Applicant }) {
  const communes = useNameMap(loadCommunes);
  const now = a.address_unit_name || communes.get(a.address_unit_id) || a.address_unit_id;
  return (
    <>
      <strong>{now}</strong>
      {a.address_former_unit_id && (
        <span className="unit-before">
          Địa chỉ khai theo đơn vị cũ: {a.address_former_unit_name || a.address_former_unit_id} (trước 01/7/2025)
        </span>
      )}
    </>
  );
}

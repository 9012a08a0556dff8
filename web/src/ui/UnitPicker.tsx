// The address's administrative unit at the reception desk: a combobox over the current communes
// and the former (pre-July-2025) ones, searched without diacritics. Applicants often still give
// their old commune (a former Kon Tum commune, say): choosing it keeps it as written and maps it
// to the current unit; when the old unit was split, the official chooses among its successors.
import { useId, useMemo, useState } from 'react';
import { Combobox } from './Combobox';
import type { Applicant, Unit } from './types';
import { placeOf } from './unitPlace';
import { fold } from './validation';
import { loadAllUnits, loadCommunes, useList, useNameMap } from './units';

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
        if (t.former) next.push(t);
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
    const former = u.former;
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
  // What the official is typing; null while the input shows the chosen unit.
  const [typing, setTyping] = useState<string | null>(null);

  const chosenId = value.address_former_unit_id || value.address_unit_id;
  const chosen = entries.find((e) => e.unit.id === chosenId) ?? null;
  const current = value.address_unit_id ? byId.get(value.address_unit_id) : undefined;
  const results = useMemo(() => (typing === null ? [] : search(entries, typing)), [entries, typing]);

  const display = typing ?? (chosen ? (chosen.former ? formerLabel(chosen.unit) : chosen.unit.name) : chosenId ? chosenId : '');

  function pick(e: Entry) {
    if (e.former) onChange({ address_former_unit_id: e.unit.id, address_unit_id: e.next.length === 1 ? e.next[0].id : '' });
    else onChange({ address_unit_id: e.unit.id, address_former_unit_id: '' });
    setTyping(null);
  }

  return (
    <Combobox
      label="Xã, phường, đặc khu"
      error={error}
      hint="Gõ tên đơn vị hiện nay hoặc tên xã, phường, thị trấn cũ (trước 01/7/2025); không dấu cũng được, ví dụ «mang canh»."
      text={display}
      typing={typing !== null}
      onType={(t) => {
        setTyping(t);
        if (chosenId) onChange({ address_unit_id: '', address_former_unit_id: '' });
      }}
      onEscape={() => setTyping(null)}
      results={results}
      maxOptions={MAX_OPTIONS}
      itemKey={(e) => e.unit.id}
      renderName={(e) => (
        <>
          {e.unit.name}
          {e.former && <span className="unit-old"> (cũ)</span>}
        </>
      )}
      renderMeta={(e) => (
        <>
          {e.place}
          {e.former && ` → ${nowText(e)}`}
        </>
      )}
      onPick={pick}
      listLabel="Đơn vị hành chính phù hợp"
    >
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
    </Combobox>
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

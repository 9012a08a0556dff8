// Choosing an administrative unit by typing part of its name or code, without diacritics: a
// combobox with a listbox of matches (arrow keys, Enter, Escape), the count announced politely.
// The chosen unit is handed to `onPick` and the input empties for the next one.
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { Field } from '../../ui/components';
import { searchUnits, type UnitEntry } from './org';

const MAX_OPTIONS = 20;

export function UnitCombobox({
  label,
  entries,
  exclude,
  onPick,
  error,
  hint,
}: {
  label: string;
  entries: UnitEntry[];
  exclude: string[];
  onPick: (e: UnitEntry) => void;
  error?: string;
  hint?: string;
}) {
  const uid = useId();
  const listId = `${uid}-list`;
  const optId = (i: number) => `${uid}-opt-${i}`;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const results = useMemo(
    () => (text.trim() ? searchUnits(entries, text).filter((e) => !exclude.includes(e.unit.id)) : []),
    [entries, text, exclude],
  );
  const shown = results.slice(0, MAX_OPTIONS);
  const listOpen = open && shown.length > 0;

  useEffect(() => {
    if (active >= 0) document.getElementById(optId(active))?.scrollIntoView({ block: 'nearest' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active]);

  function pick(e: UnitEntry) {
    onPick(e);
    setText('');
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
      } else setActive((a) => (ev.key === 'ArrowDown' ? Math.min(a + 1, shown.length - 1) : Math.max(a - 1, 0)));
    } else if (ev.key === 'Enter') {
      if (!listOpen) return;
      ev.preventDefault(); // choosing never submits the form
      if (active >= 0) pick(shown[active]);
      else if (shown.length === 1) pick(shown[0]);
    } else if (ev.key === 'Escape' && (listOpen || text)) {
      ev.preventDefault();
      if (listOpen) setOpen(false);
      else setText('');
      setActive(-1);
    }
  }

  const status = !text.trim()
    ? ''
    : results.length === 0
      ? 'Không tìm thấy đơn vị phù hợp.'
      : results.length > MAX_OPTIONS
        ? `${results.length} đơn vị phù hợp, hiện ${MAX_OPTIONS} đơn vị đầu: gõ thêm để thu hẹp.`
        : `${results.length} đơn vị phù hợp. Dùng phím mũi tên lên, xuống và Enter để chọn.`;

  return (
    <div className="unit-picker">
      <Field label={label} error={error} hint={hint}>
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
            value={text}
            onChange={(ev) => {
              setText(ev.target.value);
              setOpen(true);
              setActive(-1);
            }}
            onKeyDown={onKey}
            onFocus={() => text && setOpen(true)}
            onBlur={() => setOpen(false)}
          />
        )}
      </Field>
      <ul id={listId} role="listbox" className="unit-options" aria-label={label} hidden={!listOpen}>
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
                {e.unit.valid_to && <span className="unit-old"> (cũ)</span>}
              </span>
              <span className="unit-meta">
                mã {e.unit.code}
                {e.place && `, ${e.place}`}
              </span>
            </li>
          ))}
      </ul>
      <p className="sr-only" role="status">
        {status}
      </p>
      {text.trim() !== '' && results.length === 0 && <p className="hint">Không tìm thấy đơn vị phù hợp.</p>}
    </div>
  );
}

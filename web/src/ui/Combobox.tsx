// An accessible combobox, generic over the item type: a text input (role=combobox) with a listbox
// of results the caller has already searched and sorted. It owns the open/active state, the keys
// (arrows move, Enter picks and never submits the form, Escape closes the list, then clears), the
// option list and the polite count line; the caller owns the text and what a pick does.
// Styled by the unit-picker classes (styles.css), as its users pick administrative units.
import { useEffect, useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Field } from './components';

export interface ComboboxProps<T> {
  label: string;
  hint?: string;
  error?: string;
  /** What the input shows: the text being typed, or the label of the current choice. */
  text: string;
  /** Whether `text` is a search being typed (false while it shows a choice, or is empty). */
  typing: boolean;
  onType: (text: string) => void;
  /** Escape with the list closed while typing: usually clears the typing. */
  onEscape?: () => void;
  /** The matches for `text`, best first; the first `maxOptions` are offered. */
  results: T[];
  maxOptions: number;
  itemKey: (item: T) => string;
  /** An option's main text (inside .unit-name) and its details (inside .unit-meta). */
  renderName: (item: T) => ReactNode;
  renderMeta: (item: T) => ReactNode;
  /** The caller resets the text here (the list closes by itself). */
  onPick: (item: T) => void;
  /** The listbox's accessible name. */
  listLabel: string;
  /** Shown after the list and the status line, inside the same .unit-picker block. */
  children?: ReactNode;
}

export function Combobox<T>(p: ComboboxProps<T>) {
  const { text, typing, results, maxOptions } = p;
  const uid = useId();
  const listId = `${uid}-list`;
  const optId = (i: number) => `${uid}-opt-${i}`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const shown = results.slice(0, maxOptions);
  const listOpen = open && shown.length > 0;
  const searching = typing && text.trim() !== '';

  useEffect(() => {
    if (active >= 0) document.getElementById(optId(active))?.scrollIntoView({ block: 'nearest' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active]);

  function pick(item: T) {
    p.onPick(item);
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
    } else if (ev.key === 'Escape' && (listOpen || (typing && p.onEscape))) {
      ev.preventDefault();
      if (listOpen) setOpen(false);
      else p.onEscape?.();
      setActive(-1);
    }
  }

  const status = !searching
    ? ''
    : results.length === 0
      ? 'Không tìm thấy đơn vị phù hợp.'
      : results.length > maxOptions
        ? `${results.length} đơn vị phù hợp, hiện ${maxOptions} đơn vị đầu: gõ thêm để thu hẹp.`
        : `${results.length} đơn vị phù hợp. Dùng phím mũi tên lên, xuống và Enter để chọn.`;

  return (
    <div className="unit-picker">
      <Field label={p.label} error={p.error} hint={p.hint}>
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
              p.onType(ev.target.value);
              setOpen(true);
              setActive(-1);
            }}
            onKeyDown={onKey}
            onFocus={() => typing && setOpen(true)}
            onBlur={() => setOpen(false)}
          />
        )}
      </Field>
      <ul id={listId} role="listbox" className="unit-options" aria-label={p.listLabel} hidden={!listOpen}>
        {listOpen &&
          shown.map((item, i) => (
            <li
              key={p.itemKey(item)}
              id={optId(i)}
              role="option"
              aria-selected={i === active}
              className={`unit-option ${i === active ? 'is-active' : ''}`}
              onMouseDown={(ev) => ev.preventDefault()}
              onClick={() => pick(item)}
            >
              <span className="unit-name">{p.renderName(item)}</span>
              <span className="unit-meta">{p.renderMeta(item)}</span>
            </li>
          ))}
      </ul>
      <p className="sr-only" role="status">
        {status}
      </p>
      {searching && results.length === 0 && <p className="hint">Không tìm thấy đơn vị phù hợp.</p>}
      {p.children}
    </div>
  );
}

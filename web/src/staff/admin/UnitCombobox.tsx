// Choosing an administrative unit by typing part of its name or code, without diacritics: the
// shared combobox (ui/Combobox) over the unit entries, minus those already chosen.
// The chosen unit is handed to `onPick` and the input empties for the next one.
import { useMemo, useState } from 'react';
import { Combobox } from '../../ui/Combobox';
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
  const [text, setText] = useState('');
  const results = useMemo(
    () => (text.trim() ? searchUnits(entries, text).filter((e) => !exclude.includes(e.unit.id)) : []),
    [entries, text, exclude],
  );

  return (
    <Combobox
      label={label}
      hint={hint}
      error={error}
      text={text}
      typing={text !== ''}
      onType={setText}
      onEscape={() => setText('')}
      results={results}
      maxOptions={MAX_OPTIONS}
      itemKey={(e) => e.unit.id}
      renderName={(e) => (
        <>
          {e.unit.name}
          {e.unit.former && <span className="unit-old"> (cũ)</span>}
        </>
      )}
      renderMeta={(e) => (
        <>
          mã {e.unit.code}
          {e.place && `, ${e.place}`}
        </>
      )}
      onPick={(e) => {
        onPick(e);
        setText('');
      }}
      listLabel={label}
    />
  );
}

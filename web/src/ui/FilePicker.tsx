// A file chooser that speaks Vietnamese: the browser's own <input type="file"> writes "Choose
// file / No file chosen" in the browser's language. The real input stays (visually hidden but
// focusable: Tab reaches it, Enter or Space opens the chooser, a screen reader names it); a
// <label> styled as a button opens it with the mouse, and the chosen file's name, or «Chưa chọn
// tệp», is plain text that screen readers announce when it changes.
import { forwardRef, useId } from 'react';

export interface FilePickerProps {
  id?: string;
  /** The accessible name of the input, e.g. "Chọn tệp cho «Tờ khai»". */
  label: string;
  /** The file chosen (shown by name), or null. */
  file: File | null;
  onChange: (file: File | null) => void;
  accept?: string;
  disabled?: boolean;
  /** Visible text of the button. */
  buttonText?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  className?: string;
}

export const FilePicker = forwardRef(function FilePicker(props: FilePickerProps, ref: React.ForwardedRef<HTMLInputElement>) {
  const { label, file, onChange, accept, disabled, buttonText = 'Chọn tệp…', className } = props;
  const own = useId();
  const id = props.id ?? `${own}-file`;
  const nameId = `${own}-name`;
  return (
    <span className={`file-picker ${className ?? ''}`}>
      <input
        ref={ref}
        id={id}
        type="file"
        className="file-picker-input"
        accept={accept}
        disabled={disabled}
        aria-label={label}
        aria-invalid={props['aria-invalid'] || undefined}
        aria-describedby={[nameId, props['aria-describedby']].filter(Boolean).join(' ')}
        onChange={(e) => onChange(e.currentTarget.files?.[0] ?? null)}
      />
      {/* Clicking a label opens its file input; the input itself has the keyboard focus. */}
      <label htmlFor={id} className={`btn btn-secondary btn-small file-picker-btn ${disabled ? 'is-disabled' : ''}`} aria-hidden="true">
        {buttonText}
      </label>
      <span id={nameId} className={`file-picker-name ${file ? '' : 'muted'}`} aria-live="polite">
        {file ? file.name : 'Chưa chọn tệp'}
      </span>
    </span>
  );
});

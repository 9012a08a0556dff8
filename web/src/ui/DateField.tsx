// Date and date-time inputs that read and write dd/mm/yyyy and HH:mm (24 hours) in every
// browser language (a native <input type="date"> follows the browser: mm/dd/yyyy and AM/PM on
// an English Windows). Values in and out stay ISO: "YYYY-MM-DD", and "YYYY-MM-DDTHH:mm" (the
// Việt Nam wall clock, as toLocalInput / fromLocalInput in format.ts).
//
// While the text is not a valid day the value handed out is "" and the field explains why in
// Vietnamese (on leaving the field, and when the form is sent). A form cannot be sent with such a
// text: the field stops its submit event before the page's handler sees it and takes the focus
// (the forms here use noValidate, so the browser's own check would not).
import { forwardRef, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Field } from './components';
import { checkRange, DATE_EXAMPLE, isoToVi, parseTime, parseViDate, TIME_EXAMPLE } from './dates';

type Ref = React.ForwardedRef<HTMLInputElement>;

function assignRef(ref: Ref, el: HTMLInputElement | null): void {
  if (typeof ref === 'function') ref(el);
  else if (ref) ref.current = el;
}

/** Stops the enclosing form's submit while `blocked()` names an input in the way (it also shows
 *  the message); that input takes the focus if it is the first one. */
function useSubmitGuard(input: React.RefObject<HTMLInputElement>, blocked: () => HTMLInputElement | null): void {
  const latest = useRef(blocked);
  latest.current = blocked;
  useEffect(() => {
    const form = input.current?.form;
    if (!form) return;
    const onSubmit = (e: Event) => {
      const culprit = latest.current();
      if (!culprit) return;
      // The first field in the way takes the focus; React's onSubmit (delegated to the root)
      // never runs because the event stops here.
      if (!e.defaultPrevented) culprit.focus();
      e.preventDefault();
      e.stopPropagation();
    };
    form.addEventListener('submit', onSubmit);
    return () => form.removeEventListener('submit', onSubmit);
  }, [input]);
}

// When the field is left by pressing the mouse on a button (Xác nhận, Hủy, Thêm…), its message
// waits until the button is released: shown at once, it would push the button down between
// mousedown and mouseup and the click would be lost. Leaving with Tab shows it at once.
let pressed: { target: Node | null; at: number } = { target: null, at: 0 };
if (typeof document !== 'undefined')
  document.addEventListener('pointerdown', (e) => void (pressed = { target: e.target instanceof Node ? e.target : null, at: performance.now() }), true);

function showAfterLeaving(e: React.FocusEvent, show: () => void): void {
  const to = e.relatedTarget;
  if (to instanceof HTMLButtonElement && pressed.target && to.contains(pressed.target) && performance.now() - pressed.at < 1000) {
    window.addEventListener('pointerup', () => setTimeout(show, 0), { once: true });
  } else show();
}

function joinIds(...ids: (string | undefined | null | false)[]): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined;
}

export interface DateInputProps {
  id?: string;
  /** "YYYY-MM-DD" or "". */
  value: string;
  /** A valid day within min/max as "YYYY-MM-DD", or "" (empty or not yet a valid day). */
  onChange: (iso: string) => void;
  min?: string;
  max?: string;
  required?: boolean;
  disabled?: boolean;
  name?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  className?: string;
}

/** A text input for a day, dd/mm/yyyy, with its format hint and its own error below it. Goes
 *  inside a <Field> (which gives the label), or use <DateField>. */
export const DateInput = forwardRef(function DateInput(props: DateInputProps, ref: Ref) {
  const { id, value, onChange, min, max, required, disabled, name, className } = props;
  const own = useId();
  const hintId = `${own}-fmt`;
  const errId = `${own}-err`;
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(() => isoToVi(value));
  const [error, setError] = useState<string | null>(null);
  const emitted = useRef(value);

  // A value set from outside (a reset, a default) replaces the text.
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setText(isoToVi(value));
      setError(null);
    }
  }, [value]);

  function validate(t: string): { iso: string; error: string | null } {
    const p = parseViDate(t);
    if (!p.ok) return { iso: '', error: p.error };
    const r = checkRange(p.value, min, max);
    return r ? { iso: '', error: r } : { iso: p.value, error: null };
  }

  function change(t: string) {
    setText(t);
    const v = validate(t);
    if (error) setError(v.error); // once shown, the message follows the typing
    if (v.iso !== emitted.current) {
      emitted.current = v.iso;
      onChange(v.iso);
    }
  }

  useSubmitGuard(input, () => {
    const v = validate(text).error;
    setError(v);
    return v ? input.current : null;
  });

  return (
    <div className={`date-input ${className ?? ''}`}>
      <input
        ref={(el) => {
          (input as React.MutableRefObject<HTMLInputElement | null>).current = el;
          assignRef(ref, el);
        }}
        id={id}
        name={name}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        placeholder="dd/mm/yyyy"
        maxLength={12}
        value={text}
        disabled={disabled}
        aria-required={required || undefined}
        aria-invalid={error || props['aria-invalid'] ? true : undefined}
        aria-describedby={joinIds(hintId, error && errId, props['aria-describedby'])}
        onChange={(e) => change(e.currentTarget.value)}
        onBlur={(e) => {
          const v = validate(text);
          showAfterLeaving(e, () => setError(v.error));
          if (v.iso) setText(isoToVi(v.iso)); // "5/1/2027" → "05/01/2027"
        }}
      />
      <p className="hint date-hint" id={hintId}>
        Ngày/tháng/năm, ví dụ {DATE_EXAMPLE}
      </p>
      <div aria-live="polite">
        {error && (
          <p className="field-error" id={errId}>
            {error}
          </p>
        )}
      </div>
    </div>
  );
});

export interface DateFieldProps extends Omit<DateInputProps, 'id' | 'aria-describedby' | 'aria-invalid'> {
  label: ReactNode;
  /** An error from the page or the server, shown under the field's own. */
  error?: string | null;
  hint?: ReactNode;
  fieldClassName?: string;
}

/** Label + day input + hint + error. */
export const DateField = forwardRef(function DateField({ label, error, hint, fieldClassName, required, ...rest }: DateFieldProps, ref: Ref) {
  return (
    <Field label={label} error={error} hint={hint} required={required} className={fieldClassName}>
      {({ id, describedBy, invalid }) => <DateInput ref={ref} id={id} aria-describedby={describedBy} aria-invalid={invalid} required={required} {...rest} />}
    </Field>
  );
});

export interface DateTimeInputProps {
  id?: string;
  /** "YYYY-MM-DDTHH:mm" (Việt Nam wall clock) or "". */
  value: string;
  /** "YYYY-MM-DDTHH:mm" once both parts are valid, else "". */
  onChange: (value: string) => void;
  /** Visible label of the day part (the field's own label also names it). */
  dateLabel?: string;
  /** Visible label and accessible name of the time part. */
  timeLabel?: string;
  required?: boolean;
  disabled?: boolean;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

function splitLocal(v: string): [string, string] {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(v);
  return m ? [isoToVi(m[1]), m[2]] : ['', ''];
}

/** A day (dd/mm/yyyy) and a time (HH:mm, 24 hours) side by side: the replacement of
 *  <input type="datetime-local">. The given id goes to the day part. */
export const DateTimeInput = forwardRef(function DateTimeInput(props: DateTimeInputProps, ref: Ref) {
  const { id, value, onChange, required, disabled, dateLabel = 'Ngày', timeLabel = 'Giờ (24 giờ)' } = props;
  const own = useId();
  const dateId = id ?? `${own}-d`;
  const timeId = `${own}-t`;
  const hintId = `${own}-fmt`;
  const errId = `${own}-err`;
  const input = useRef<HTMLInputElement>(null);
  const timeInput = useRef<HTMLInputElement>(null);
  const [[dText, tText], setTexts] = useState<[string, string]>(() => splitLocal(value));
  const [error, setError] = useState<{ part: 'date' | 'time'; msg: string } | null>(null);
  const emitted = useRef(value);

  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setTexts(splitLocal(value));
      setError(null);
    }
  }, [value]);

  /** The combined value, or the first problem. Partly filled (a day without a time) is a problem;
   *  both empty is "" (the page says whether it is required). */
  function validate(d: string, t: string): { value: string; error: { part: 'date' | 'time'; msg: string } | null } {
    const pd = parseViDate(d);
    if (!pd.ok) return { value: '', error: { part: 'date', msg: pd.error } };
    const pt = parseTime(t);
    if (!pt.ok) return { value: '', error: { part: 'time', msg: pt.error } };
    if (pd.value && !pt.value) return { value: '', error: { part: 'time', msg: `Hãy nhập cả giờ, theo dạng giờ:phút (24 giờ), ví dụ ${TIME_EXAMPLE}.` } };
    if (!pd.value && pt.value) return { value: '', error: { part: 'date', msg: `Hãy nhập cả ngày, theo dạng ngày/tháng/năm, ví dụ ${DATE_EXAMPLE}.` } };
    return { value: pd.value ? `${pd.value}T${pt.value}` : '', error: null };
  }

  function change(d: string, t: string) {
    setTexts([d, t]);
    const v = validate(d, t);
    if (error) setError(v.error);
    if (v.value !== emitted.current) {
      emitted.current = v.value;
      onChange(v.value);
    }
  }

  function blur(e: React.FocusEvent) {
    // Moving between the two parts is not leaving the field.
    if (e.relatedTarget === input.current || e.relatedTarget === timeInput.current) return;
    const v = validate(dText, tText);
    showAfterLeaving(e, () => setError(v.error));
    if (v.value) setTexts(splitLocal(v.value));
  }

  useSubmitGuard(input, () => {
    const v = validate(dText, tText).error;
    setError(v);
    return v ? (v.part === 'time' ? timeInput.current : input.current) : null;
  });
  const outerDescribed = props['aria-describedby'];
  const outerInvalid = props['aria-invalid'];

  return (
    <div className="datetime-input">
      <div className="datetime-parts">
        <div className="datetime-part">
          <label htmlFor={dateId} className="datetime-label">
            {dateLabel}
          </label>
          <input
            ref={(el) => {
              (input as React.MutableRefObject<HTMLInputElement | null>).current = el;
              assignRef(ref, el);
            }}
            id={dateId}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            placeholder="dd/mm/yyyy"
            maxLength={12}
            className="date-text"
            value={dText}
            disabled={disabled}
            aria-required={required || undefined}
            aria-invalid={error?.part === 'date' || outerInvalid ? true : undefined}
            aria-describedby={joinIds(hintId, error?.part === 'date' && errId, outerDescribed)}
            onChange={(e) => change(e.currentTarget.value, tText)}
            onBlur={blur}
          />
        </div>
        <div className="datetime-part">
          <label htmlFor={timeId} className="datetime-label">
            {timeLabel}
          </label>
          <input
            ref={timeInput}
            id={timeId}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            placeholder="HH:mm"
            maxLength={8}
            className="time-text"
            value={tText}
            disabled={disabled}
            aria-required={required || undefined}
            aria-invalid={error?.part === 'time' || outerInvalid ? true : undefined}
            aria-describedby={joinIds(hintId, error?.part === 'time' && errId, outerDescribed)}
            onChange={(e) => change(dText, e.currentTarget.value)}
            onBlur={blur}
          />
        </div>
      </div>
      <p className="hint date-hint" id={hintId}>
        Ngày/tháng/năm và giờ:phút theo 24 giờ, ví dụ {DATE_EXAMPLE} {TIME_EXAMPLE}
      </p>
      <div aria-live="polite">
        {error && (
          <p className="field-error" id={errId}>
            {error.msg}
          </p>
        )}
      </div>
    </div>
  );
});

export interface DateTimeFieldProps extends Omit<DateTimeInputProps, 'id' | 'aria-describedby' | 'aria-invalid'> {
  label: ReactNode;
  error?: string | null;
  hint?: ReactNode;
  fieldClassName?: string;
}

/** Label + day and time inputs + hint + error. */
export const DateTimeField = forwardRef(function DateTimeField({ label, error, hint, fieldClassName, required, ...rest }: DateTimeFieldProps, ref: Ref) {
  return (
    <Field label={label} error={error} hint={hint} required={required} className={fieldClassName}>
      {({ id, describedBy, invalid }) => <DateTimeInput ref={ref} id={id} aria-describedby={describedBy} aria-invalid={invalid} required={required} {...rest} />}
    </Field>
  );
});

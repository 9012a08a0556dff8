// The foot of a form with several submit buttons (view / download as PDF / as Excel): the
// refusal or the success of the last attempt, then one button per choice, the first primary.
// Which button submitted is read back with `chosen` in the form's onSubmit.
import type { FormEvent } from 'react';
import type { Problem } from './api';
import { Message, ProblemView } from './components';

export interface Choice<K extends string> {
  value: K;
  label: string;
  busyLabel: string;
}

export function chosen<K extends string>(e: FormEvent<HTMLFormElement>, choices: readonly Choice<K>[]): K {
  const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
  return choices.find((c) => c.value === submitter?.value)?.value ?? choices[0].value;
}

/** The refusal or the success of a form's last attempt (nothing before the first). */
export function FormOutcome({ problem, done }: { problem: Problem | null; done: string | null }) {
  return (
    <>
      {problem && (
        <Message kind="error">
          <ProblemView problem={problem} />
        </Message>
      )}
      {done && <Message kind="success">{done}</Message>}
    </>
  );
}

export function FormChoices<K extends string>({
  name,
  choices,
  busy,
  problem,
  done,
}: {
  name: string;
  choices: readonly Choice<K>[];
  busy: K | null;
  problem: Problem | null;
  done: string | null;
}) {
  return (
    <>
      <FormOutcome problem={problem} done={done} />
      <div className="actions-row">
        {choices.map((c, i) => (
          <button key={c.value} type="submit" name={name} value={c.value} className={i === 0 ? 'btn btn-primary' : 'btn btn-secondary'} disabled={busy !== null}>
            {busy === c.value ? c.busyLabel : c.label}
          </button>
        ))}
      </div>
    </>
  );
}

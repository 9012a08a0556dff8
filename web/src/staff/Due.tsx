// Near-due and overdue as the server computes them (province calendar, one working day): the
// queues, the dossier page and its consultations show the same badges and working time left.
import { Badge } from '../ui/components';
import { workingLeftLabel } from '../ui/format';

export interface Clock {
  overdue: boolean;
  near_due: boolean;
  working_minutes_left: number | null;
}

export type DueClass = 'overdue' | 'near' | null;

export function dueClassOf(c: Clock): DueClass {
  return c.overdue ? 'overdue' : c.near_due ? 'near' : null;
}

/** Row class of a queue table ("row-overdue", "row-near"). */
export function dueRowClass(c: Clock): string | undefined {
  const k = dueClassOf(c);
  return k === 'overdue' ? 'row-overdue' : k === 'near' ? 'row-near' : undefined;
}

/** "Quá hạn" / "Sắp đến hạn" and "còn 3 giờ 20 phút làm việc". */
export function DueBadges({ clock, testId }: { clock: Clock; testId?: string }) {
  const k = dueClassOf(clock);
  const left = workingLeftLabel(clock.working_minutes_left);
  return (
    <>
      {k === 'overdue' && <Badge tone="danger">Quá hạn</Badge>}
      {k === 'near' && <Badge tone="warning">Sắp đến hạn</Badge>}
      {left && (
        <span className={`due-left${k ? ` due-left-${k}` : ''}`} data-testid={testId}>
          {left}
        </span>
      )}
    </>
  );
}

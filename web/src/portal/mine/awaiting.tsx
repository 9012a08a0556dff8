// What the citizen is expected to do now, as the server says it (`awaiting`).
import { Badge } from '../../ui/components';
import type { Awaiting } from './types';

export function AwaitingBadges({ list }: { list: Awaiting[] }) {
  if (!list.length) return null;
  return (
    <p className="small awaiting-line">
      <span className="sr-only">Việc cần làm: </span>
      {list.map((a) => (
        <Badge key={a.id} tone="warning">
          {a.label}
        </Badge>
      ))}
    </p>
  );
}

// What the citizen is expected to do now, as the server says it (`awaiting` on the citizen's
// dossier views, from the citizen context): never worked out here from the state.
import { Badge } from '../../ui/components';

export interface Awaiting {
  /** e.g. supplement, payment, collect_result, rating */
  id: string;
  label: string;
}

export interface CitizenDossierFields {
  awaiting?: Awaiting[] | Awaiting | null;
}

export function awaitingList(d: CitizenDossierFields): Awaiting[] {
  const a = d.awaiting;
  if (!a) return [];
  return Array.isArray(a) ? a : [a];
}

export function AwaitingBadge({ d }: { d: CitizenDossierFields }) {
  const list = awaitingList(d);
  if (list.length === 0) return null;
  return (
    <p className="small">
      {list.map((a) => (
        <Badge key={a.id} tone="warning">
          {a.label}
        </Badge>
      ))}
    </p>
  );
}

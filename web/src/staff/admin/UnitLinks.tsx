// The succession graph of the units as the screens read it, and the "nay là …" links.
import { KIND_LABEL, type UnitRecord } from './org';

export interface UnitGraph {
  byId: Map<string, UnitRecord>;
  /** from → the units it became. */
  next: Map<string, { to_id: string; kind: string }[]>;
  /** to → the units it came from. */
  prev: Map<string, { from_id: string; kind: string }[]>;
}

export function graphOf(units: UnitRecord[]): UnitGraph {
  const byId = new Map(units.map((u) => [u.id, u]));
  const next = new Map<string, { to_id: string; kind: string }[]>();
  const prev = new Map<string, { from_id: string; kind: string }[]>();
  for (const u of units)
    for (const s of u.successors ?? []) {
      next.set(u.id, [...(next.get(u.id) ?? []), s]);
      prev.set(s.to_id, [...(prev.get(s.to_id) ?? []), { from_id: u.id, kind: s.kind }]);
    }
  return { byId, next, prev };
}

/** "nay là Xã A" / "nay thuộc Xã A hoặc Xã B", each a button opening that unit. */
export function NowLinks({ id, graph, onOpen }: { id: string; graph: UnitGraph; onOpen: (id: string) => void }) {
  const next = graph.next.get(id) ?? [];
  if (next.length === 0) return <span className="muted">chưa ghi nhận đơn vị kế thừa</span>;
  return (
    <>
      {next.length === 1 ? 'nay là ' : 'nay thuộc '}
      {next.map((s, i) => (
        <span key={s.to_id}>
          {i > 0 && ' hoặc '}
          <button type="button" className="btn btn-link unit-link" onClick={() => onOpen(s.to_id)}>
            {graph.byId.get(s.to_id)?.name ?? s.to_id}
          </button>
        </span>
      ))}
      <span className="muted"> ({KIND_LABEL[next[0].kind] ?? next[0].kind})</span>
    </>
  );
}

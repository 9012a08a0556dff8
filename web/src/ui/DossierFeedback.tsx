// The feedback cases naming a dossier (phản ánh, kiến nghị), on the dossier's page: only those
// the server lets this reader see (GET /api/v1/dossiers/{id}/feedback); nothing when none.
import { useEffect, useId, useState } from 'react';
import { api } from './api';

interface CaseSummary {
  id: string;
  code: string;
  title: string;
  state_label: string;
}

export function DossierFeedback({ dossierId, hrefOf }: { dossierId: string; hrefOf: (id: string) => string }) {
  const uid = useId();
  const [items, setItems] = useState<CaseSummary[]>([]);
  useEffect(() => {
    api
      .get<{ items: CaseSummary[] }>(`/api/v1/dossiers/${encodeURIComponent(dossierId)}/feedback`, { noReauth: true })
      .then((r) => setItems(r.data.items))
      .catch(() => setItems([]));
  }, [dossierId]);
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={`${uid}-h`} className="card">
      <h2 id={`${uid}-h`}>Phản ánh, kiến nghị về hồ sơ này</h2>
      <ul>
        {items.map((c) => (
          <li key={c.id}>
            <a href={hrefOf(c.id)}>{c.code}</a> — {c.title} ({c.state_label})
          </li>
        ))}
      </ul>
    </section>
  );
}

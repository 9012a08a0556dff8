// The citizen's drafts not yet submitted: those on this device and those on the server (typed
// on another device), merged by server id.
import { useEffect, useState } from 'react';
import { fmtDateTime } from '../../ui/format';
import { A, fileHref } from '../nav';
import { useCitizen } from '../session';
import { localDrafts, type LocalDraft } from './local';
import { listServerDrafts, type ServerDraft } from './server';

interface Row {
  procedure_id: string;
  procedure_name?: string;
  key: string;
  updated_at: string;
  where: string;
}

export function DraftsList() {
  const { user } = useCitizen();
  const [rows, setRows] = useState<Row[]>([]);
  useEffect(() => {
    if (!user) return;
    let live = true;
    (async () => {
      const local = await localDrafts(user.id).catch(() => [] as LocalDraft[]);
      const server = await listServerDrafts().catch(() => [] as ServerDraft[]);
      const out: Row[] = [];
      const seen = new Set<string>();
      for (const d of local) {
        if (d.submitted) continue;
        if (d.server_id) seen.add(d.server_id);
        out.push({ procedure_id: d.procedure_id, key: `?ban-nhap=${d.key}`, updated_at: d.updated_at, where: d.server_id ? 'trên máy này và máy chủ' : 'trên máy này' });
      }
      for (const s of server) {
        if (seen.has(s.id)) continue;
        out.push({ procedure_id: s.procedure_id, procedure_name: s.procedure_name, key: `?ban-nhap-may-chu=${s.id}`, updated_at: s.updated_at, where: 'trên máy chủ (thiết bị khác)' });
      }
      if (live) setRows(out);
    })();
    return () => {
      live = false;
    };
  }, [user]);
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="h-drafts" className="card">
      <h2 id="h-drafts" className="card-title">
        Hồ sơ đang soạn (chưa nộp)
      </h2>
      <ul className="plain-list drafts-list">
        {rows.map((r) => (
          <li key={r.key}>
            <A href={fileHref(r.procedure_id) + r.key}>{r.procedure_name ?? r.procedure_id}</A>{' '}
            <span className="muted small">
              — lưu lúc {fmtDateTime(r.updated_at)}, {r.where}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

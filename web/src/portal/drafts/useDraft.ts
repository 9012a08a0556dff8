// One draft being filled in: saved on the device at every change (IndexedDB, before anything
// is sent), then to the server when the network allows (debounced; again when the browser says
// it is back online, and every few seconds while it is not). The server copy is versioned: if
// another device saved since, the citizen chooses which copy to keep (nothing is overwritten
// silently). Opening the filing page on another device resumes the server's copy.
import { useCallback, useEffect, useRef, useState } from 'react';
import { uuid } from '../../ui/api';
import { getLocal, localDrafts, newDraft, saveLocal, type LocalDraft } from './local';
import { createServerDraft, getServerDraft, isConflict, isGone, isOffline, listServerDrafts, updateServerDraft, type ServerDraft } from './server';

export type SyncStatus = 'loading' | 'saved' | 'pending' | 'saving' | 'offline' | 'conflict' | 'error';

export interface DraftHandle {
  draft: LocalDraft | null;
  status: SyncStatus;
  /** The server's copy when it differs from this device's unsent changes. */
  conflict: ServerDraft | null;
  /** The server's expiry warning for this draft, if any. */
  expiresAt: string | null;
  error: unknown;
  update: (change: Partial<Pick<LocalDraft, 'data' | 'agency_id' | 'on_behalf' | 'population'>>) => void;
  resolveConflict: (keep: 'device' | 'server') => void;
  /** Sends what is unsent now; resolves with the synced draft (throws when it cannot). */
  flush: () => Promise<LocalDraft>;
  markSubmitted: (s: { id: string; code: string }) => void;
  /** Starts a new, empty draft (after a submission). */
  restart: () => void;
}

const DEBOUNCE_MS = 600;
const RETRY_MS = 5000;

function fromServer(owner: string, s: ServerDraft, key?: string): LocalDraft {
  return {
    ...newDraft(owner, s.procedure_id),
    ...(key ? { key } : {}),
    data: s.data ?? {},
    agency_id: s.receiving_agency_id ?? '',
    on_behalf: s.on_behalf ?? null,
    population: s.population_lookup_id
      ? { id: s.population_lookup_id, id_number: '', full_name: '', source_name: 'Cơ sở dữ liệu quốc gia về dân cư', satisfies: [], expires_at: '' }
      : null,
    server_id: s.id,
    server_version: s.version,
    updated_at: s.updated_at,
  };
}

export function useDraft(owner: string, procedureId: string, want: { key?: string | null; serverId?: string | null }): DraftHandle {
  const [draft, setDraft] = useState<LocalDraft | null>(null);
  const [status, setStatus] = useState<SyncStatus>('loading');
  const [conflict, setConflict] = useState<ServerDraft | null>(null);
  const [expiresAt, setExpiresAt] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const ref = useRef<LocalDraft | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const inflight = useRef<Promise<void> | null>(null);
  const conflictRef = useRef<ServerDraft | null>(null);

  const put = useCallback((d: LocalDraft) => {
    ref.current = d;
    setDraft(d);
    // An untouched new draft is not kept: nothing typed, nothing to lose.
    if (d.rev > 0 || d.server_id) saveLocal(d).catch(() => undefined);
  }, []);

  const syncOnce = useCallback(async (): Promise<void> => {
    const d = ref.current;
    if (!d || d.submitted || conflictRef.current) return;
    if (d.server_id && d.rev === d.synced_rev) {
      setStatus('saved');
      return;
    }
    setStatus('saving');
    const sentRev = d.rev;
    const body = {
      data: d.data,
      ...(d.agency_id ? { receiving_agency_id: d.agency_id } : {}),
      ...(d.on_behalf?.relationship ? { on_behalf: d.on_behalf } : {}),
      ...(d.population ? { population_lookup_id: d.population.id } : d.server_id ? { population_lookup_id: '' } : {}),
    };
    try {
      const s = d.server_id
        ? await updateServerDraft(d.server_id, d.server_version ?? 0, body)
        : await createServerDraft(d.create_key ?? d.key, { procedure_id: d.procedure_id, ...body });
      const cur = ref.current!;
      put({ ...cur, server_id: s.id, server_version: s.version, synced_rev: Math.max(cur.synced_rev, sentRev) });
      setExpiresAt(s.expiry_warning ? (s.expires_at ?? null) : null);
      setError(null);
      setStatus(ref.current!.rev === ref.current!.synced_rev ? 'saved' : 'pending');
    } catch (e) {
      if (isOffline(e)) setStatus('offline');
      else if (isGone(e) && d.server_id) {
        // Expired or deleted on the server: this device's copy starts a new server draft.
        const cur = ref.current!;
        put({ ...cur, create_key: uuid(), server_id: null, server_version: null, synced_rev: 0, rev: Math.max(cur.rev, 1) });
        setStatus('pending');
      } else if (isConflict(e) && d.server_id) {
        try {
          const s = await getServerDraft(d.server_id);
          conflictRef.current = s;
          setConflict(s);
          setStatus('conflict');
        } catch (e2) {
          setStatus(isOffline(e2) ? 'offline' : 'error');
          setError(e2);
        }
      } else {
        setStatus('error');
        setError(e);
      }
    }
  }, [put]);

  const sync = useCallback(async (): Promise<void> => {
    while (inflight.current) await inflight.current;
    const p = syncOnce().finally(() => {
      inflight.current = null;
    });
    inflight.current = p;
    await p;
    const d = ref.current;
    if (d && !d.submitted && d.rev !== d.synced_rev && !conflictRef.current && navigator.onLine) {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void sync(), DEBOUNCE_MS);
    }
  }, [syncOnce]);

  // Load: this device's copy, the server's, or a new one.
  useEffect(() => {
    let live = true;
    (async () => {
      let d: LocalDraft | undefined;
      const locals = await localDrafts(owner).catch(() => [] as LocalDraft[]);
      if (want.key) d = await getLocal(want.key).catch(() => undefined);
      if (d && (d.owner !== owner || d.procedure_id !== procedureId)) d = undefined;
      if (!d && want.serverId) d = locals.find((x) => x.server_id === want.serverId);
      if (!d && !want.key && !want.serverId) d = locals.find((x) => x.procedure_id === procedureId && !x.submitted);
      let server: ServerDraft | undefined;
      try {
        if (d?.server_id) server = await getServerDraft(d.server_id);
        else if (want.serverId) server = await getServerDraft(want.serverId);
        else if (!d) server = (await listServerDrafts()).find((s) => s.procedure_id === procedureId);
      } catch {
        /* offline, or gone on the server: this device's copy is enough */
      }
      if (!live) return;
      if (server && server.procedure_id !== procedureId) server = undefined;
      if (!d && server) d = fromServer(owner, server);
      else if (d && server && d.server_id === server.id && server.version !== d.server_version) {
        if (d.rev === d.synced_rev) d = { ...fromServer(owner, server, d.key), rev: d.rev, synced_rev: d.rev };
        else {
          conflictRef.current = server;
          setConflict(server);
        }
      }
      if (!d) d = newDraft(owner, procedureId);
      if (server?.expiry_warning) setExpiresAt(server.expires_at ?? null);
      put(d);
      setStatus(conflictRef.current ? 'conflict' : d.server_id && d.rev === d.synced_rev ? 'saved' : 'pending');
      if (!conflictRef.current && d.rev !== d.synced_rev) void sync();
    })();
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [owner, procedureId, want.key, want.serverId]);

  // Back online, periodic retry, and a last push when the page is hidden.
  useEffect(() => {
    const kick = () => {
      const d = ref.current;
      if (d && d.rev !== d.synced_rev) void sync();
    };
    const onOffline = () => {
      const d = ref.current;
      if (d && d.rev !== d.synced_rev) setStatus('offline');
    };
    const onVis = () => document.visibilityState === 'hidden' && kick();
    window.addEventListener('online', kick);
    window.addEventListener('offline', onOffline);
    document.addEventListener('visibilitychange', onVis);
    const iv = window.setInterval(kick, RETRY_MS);
    return () => {
      window.removeEventListener('online', kick);
      window.removeEventListener('offline', onOffline);
      document.removeEventListener('visibilitychange', onVis);
      window.clearInterval(iv);
      window.clearTimeout(timer.current);
    };
  }, [sync]);

  const update = useCallback<DraftHandle['update']>(
    (change) => {
      const d = ref.current;
      if (!d || d.submitted) return;
      put({ ...d, ...change, rev: d.rev + 1, updated_at: new Date().toISOString() });
      if (conflictRef.current) return;
      setStatus(navigator.onLine ? 'pending' : 'offline');
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void sync(), DEBOUNCE_MS);
    },
    [put, sync],
  );

  const resolveConflict = useCallback<DraftHandle['resolveConflict']>(
    (keep) => {
      const s = conflictRef.current;
      const d = ref.current;
      if (!s || !d) return;
      conflictRef.current = null;
      setConflict(null);
      if (keep === 'server') put({ ...fromServer(owner, s, d.key), rev: d.rev + 1, synced_rev: d.rev + 1 });
      else put({ ...d, server_version: s.version, rev: d.rev + 1 });
      void sync();
    },
    [owner, put, sync],
  );

  const flush = useCallback(async () => {
    window.clearTimeout(timer.current);
    await sync();
    const d = ref.current;
    if (!d) throw new Error('no draft');
    if (conflictRef.current) throw new Error('Bản nháp trên máy chủ đã được sửa ở thiết bị khác: hãy chọn giữ bản nào trước khi nộp.');
    if (!d.server_id || d.rev !== d.synced_rev) throw new Error('Chưa lưu được bản nháp lên máy chủ. Kiểm tra kết nối mạng rồi thử lại.');
    return d;
  }, [sync]);

  const markSubmitted = useCallback((s: { id: string; code: string }) => {
    const d = ref.current;
    if (d) put({ ...d, submitted: s });
  }, [put]);

  const restart = useCallback(() => {
    conflictRef.current = null;
    setConflict(null);
    put(newDraft(owner, procedureId));
    setStatus('pending');
  }, [owner, procedureId, put]);

  return { draft, status, conflict, expiresAt, error, update, resolveConflict, flush, markSubmitted, restart };
}

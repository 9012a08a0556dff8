// "Cổng Dịch vụ công quốc gia" (province administrators): the share of dossiers synchronised,
// the national messages not yet accepted and why (a parked one is retried here, and the same
// dossier's later messages follow it in order), and the national procedure catalogue against
// ours: each difference is accepted field by field as one new version with its effective date.
import { useEffect, useState } from 'react';
import { api, uuid } from '../../ui/api';
import { ErrorBox, Field, Loading, Message, PageTitle, problemOf } from '../../ui/components';
import { DateInput } from '../../ui/DateField';
import { fieldErrors, fmtIsoDate, todayIso } from './common';

interface Summary {
  dossiers: number;
  synced: number;
  waiting: number;
  retrying: number;
  parked: number;
  share_synced: number;
}
interface Unsent {
  outbox_id: number;
  dossier_id: string;
  code: string | null;
  status: number | null;
  state: 'pending' | 'retrying' | 'parked';
  attempts: number;
  last_error: string | null;
}
interface FieldChange {
  field: string;
  ours: string;
  theirs: string;
}
interface Change {
  national_code: string;
  kind: 'changed' | 'new' | 'missing';
  procedure_id: string | null;
  version: number;
  name: string;
  changes: FieldChange[];
}

const STATE_LABEL: Record<Unsent['state'], string> = {
  pending: 'Chờ gửi',
  retrying: 'Đang thử lại',
  parked: 'Đã dừng gửi — cần thử lại',
};
const FIELD_LABEL: Record<string, string> = {
  name: 'Tên thủ tục',
  field: 'Lĩnh vực',
  time_limit: 'Thời hạn giải quyết',
  fees: 'Phí, lệ phí',
  components: 'Thành phần hồ sơ',
};
const KIND_LABEL: Record<Change['kind'], string> = {
  changed: 'Có thay đổi',
  new: 'Thủ tục mới công bố (chưa có ở tỉnh)',
  missing: 'Không còn trong danh mục quốc gia',
};

export function NationalPage() {
  return (
    <div className="page">
      <PageTitle title="Cổng Dịch vụ công quốc gia">Cổng Dịch vụ công quốc gia</PageTitle>
      <SyncSection />
      <CatalogueSection />
    </div>
  );
}

function SyncSection() {
  const [summary, setSummary] = useState<Summary | null>(null);
  const [items, setItems] = useState<Unsent[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [flash, setFlash] = useState<string | null>(null);

  async function load() {
    setError(null);
    try {
      const [s, u] = await Promise.all([
        api.get<Summary>('/api/v1/admin/dvcqg/summary'),
        api.get<{ items: Unsent[] }>('/api/v1/admin/dvcqg/unsynced'),
      ]);
      setSummary(s.data);
      setItems(u.data.items);
    } catch (x) {
      setError(x);
    }
  }
  useEffect(() => {
    void load();
  }, []);

  async function retry(u: Unsent) {
    setError(null);
    try {
      await api.post(`/api/v1/admin/outbox/${u.outbox_id}/retry`);
      setFlash(`Đã đưa thông điệp của hồ sơ ${u.code ?? u.dossier_id} vào hàng gửi lại.`);
      await load();
    } catch (x) {
      setError(x);
    }
  }

  return (
    <section aria-labelledby="sync-title">
      <h2 id="sync-title">Đồng bộ hồ sơ</h2>
      {summary && (
        <p data-testid="share-synced">
          Đã đồng bộ <strong>{summary.synced}</strong>/{summary.dossiers} hồ sơ (
          {(summary.share_synced * 100).toFixed(1).replace('.', ',')}%); đang chờ {summary.waiting}, đang thử lại{' '}
          {summary.retrying}, đã dừng gửi {summary.parked}.
        </p>
      )}
      {flash && (
        <Message kind="success" onDismiss={() => setFlash(null)}>
          {flash}
        </Message>
      )}
      {error != null && <ErrorBox error={error} />}
      {!items && !error && <Loading />}
      {items && items.length === 0 && <p>Mọi thay đổi của hồ sơ đã được Cổng tiếp nhận.</p>}
      {items && items.length > 0 && (
        <div className="scroll-x" tabIndex={0} role="region" aria-label="Bảng thông điệp chưa đồng bộ">
        <table className="table" aria-label="Thông điệp chưa đồng bộ">
          <thead>
            <tr>
              <th>Mã hồ sơ</th>
              <th>Trạng thái quốc gia</th>
              <th>Tình trạng gửi</th>
              <th>Số lần thử</th>
              <th>Lỗi gần nhất</th>
              <th>
                <span className="sr-only">Thao tác</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((u) => (
              <tr key={u.outbox_id} data-state={u.state}>
                <td>{u.code ?? u.dossier_id}</td>
                <td>{u.status ?? '—'}</td>
                <td>{STATE_LABEL[u.state]}</td>
                <td>{u.attempts}</td>
                <td className="muted">{u.last_error ?? '—'}</td>
                <td>
                  {u.state === 'parked' && (
                    <button type="button" className="btn" onClick={() => void retry(u)}>
                      Thử gửi lại
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}

function CatalogueSection() {
  const [items, setItems] = useState<Change[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [flash, setFlash] = useState<string | null>(null);

  async function load() {
    setError(null);
    try {
      const { data } = await api.get<{ items: Change[] }>('/api/v1/admin/dvcqg/catalogue-changes');
      setItems(data.items);
    } catch (x) {
      setError(x);
    }
  }
  useEffect(() => {
    void load();
  }, []);

  return (
    <section aria-labelledby="catalogue-title">
      <h2 id="catalogue-title">Danh mục thủ tục hành chính quốc gia</h2>
      <p className="muted">
        So với phiên bản mới nhất của tỉnh. Không có gì tự thay đổi: chọn những thay đổi được tiếp nhận và ngày áp dụng,
        hệ thống ban hành một phiên bản mới; hồ sơ đã nhận giữ phiên bản cũ.
      </p>
      {flash && (
        <Message kind="success" onDismiss={() => setFlash(null)}>
          {flash}
        </Message>
      )}
      {error != null && <ErrorBox error={error} />}
      {!items && !error && <Loading />}
      {items && items.length === 0 && <p>Danh mục của tỉnh khớp với danh mục quốc gia.</p>}
      {items
        ?.filter((c) => c.kind !== 'missing')
        .map((c) => (
          <ChangeCard
            key={c.national_code}
            change={c}
            onAccepted={(msg) => {
              setFlash(msg);
              void load();
            }}
          />
        ))}
      {items && items.some((c) => c.kind === 'missing') && (
        <details className="card">
          <summary>
            {items.filter((c) => c.kind === 'missing').length} thủ tục của tỉnh không có trong danh mục quốc gia lần này
          </summary>
          <p className="muted">Không tự bãi bỏ: kiểm tra quyết định công bố trước khi ngừng áp dụng.</p>
          <ul>
            {items
              .filter((c) => c.kind === 'missing')
              .map((c) => (
                <li key={c.national_code}>
                  {c.national_code} — {c.name}
                </li>
              ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function ChangeCard({ change, onAccepted }: { change: Change; onAccepted: (msg: string) => void }) {
  const [picked, setPicked] = useState<string[]>([]);
  const [effective, setEffective] = useState(todayIso());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrors(error ? problemOf(error) : null);

  async function accept(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.post<{ id: string; version: number; effective_from: string }>(
        `/api/v1/admin/dvcqg/catalogue-changes/${encodeURIComponent(change.national_code)}/accept`,
        { effective_from: effective, fields: picked },
        { headers: { 'Idempotency-Key': uuid() } },
      );
      onAccepted(
        `Đã ban hành phiên bản ${data.version} của thủ tục ${change.national_code}, áp dụng từ ${fmtIsoDate(data.effective_from)}.`,
      );
    } catch (x) {
      setError(x);
    } finally {
      setBusy(false);
    }
  }

  return (
    <article className="card" data-code={change.national_code} aria-label={`Thủ tục ${change.national_code}`}>
      <h3>
        {change.national_code} — {change.name}
      </h3>
      <p className="muted">
        {KIND_LABEL[change.kind]}
        {change.procedure_id && ` · phiên bản hiện tại ${change.version}`}
      </p>
      {change.kind === 'changed' && (
        <form onSubmit={(e) => void accept(e)}>
          <div className="scroll-x" tabIndex={0} role="region" aria-label={`Thay đổi của thủ tục ${change.national_code}`}>
          <table className="table">
            <thead>
              <tr>
                <th>Tiếp nhận</th>
                <th>Nội dung</th>
                <th>Của tỉnh</th>
                <th>Danh mục quốc gia</th>
              </tr>
            </thead>
            <tbody>
              {change.changes.map((f) => (
                <tr key={f.field}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Tiếp nhận ${FIELD_LABEL[f.field] ?? f.field}`}
                      checked={picked.includes(f.field)}
                      onChange={(e) =>
                        setPicked((p) => (e.target.checked ? [...p, f.field] : p.filter((x) => x !== f.field)))
                      }
                    />
                  </td>
                  <td>{FIELD_LABEL[f.field] ?? f.field}</td>
                  <td>{f.ours || '—'}</td>
                  <td>{f.theirs || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          <Field label="Ngày áp dụng" error={errs.effective_from} required>
            {({ id, describedBy, invalid }) => (
              <DateInput id={id} value={effective} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={setEffective} />
            )}
          </Field>
          {error != null && <ErrorBox error={error} />}
          <button type="submit" className="btn btn-primary" disabled={busy || picked.length === 0}>
            Ban hành phiên bản mới với thay đổi đã chọn
          </button>
        </form>
      )}
    </article>
  );
}

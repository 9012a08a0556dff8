// What went to the applicant about a dossier (GET /api/v1/dossiers/{id}/deliveries): one row per
// notice and channel, the address masked, delivered or not and why.
import { useEffect, useId, useState } from 'react';
import { api } from '../ui/api';
import { fmtDateTime } from '../ui/format';

interface Delivery {
  id: number;
  event: string;
  event_name: string;
  channel: 'email' | 'zalo' | 'sms';
  to: string;
  state: 'pending' | 'sent' | 'failed' | 'rejected' | 'skipped';
  attempts: number;
  error: string | null;
  created_at: string;
  sent_at: string | null;
}

const CHANNEL: Record<string, string> = { email: 'Thư điện tử', zalo: 'Zalo', sms: 'Tin nhắn SMS' };
const STATE: Record<string, string> = {
  pending: 'Đang chờ gửi',
  sent: 'Đã gửi',
  failed: 'Gửi lỗi, đang thử lại',
  rejected: 'Bị từ chối',
  skipped: 'Không gửi (kênh chưa cấu hình)',
};

export function DeliveriesSection({ dossierId, version }: { dossierId: string; version: number }) {
  const headingId = useId();
  const [items, setItems] = useState<Delivery[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    api
      .get<{ items: Delivery[] }>(`/api/v1/dossiers/${encodeURIComponent(dossierId)}/deliveries`)
      .then((r) => live && (setItems(r.data.items), setFailed(false)))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [dossierId, version]);
  return (
    <section className="card" aria-labelledby={headingId} data-testid="deliveries">
      <h2 id={headingId} className="card-title">
        Thông báo đã gửi người nộp
      </h2>
      {failed && <p className="muted">Không tải được nhật ký thông báo.</p>}
      {items && items.length === 0 && <p className="muted">Chưa có thông báo nào.</p>}
      {items && items.length > 0 && (
        <ul>
          {items.map((x) => (
            <li key={x.id}>
              <strong>{x.event_name}</strong> — {CHANNEL[x.channel] ?? x.channel} tới {x.to}: {STATE[x.state] ?? x.state}
              {x.sent_at ? `, lúc ${fmtDateTime(x.sent_at)}` : ''}
              {x.attempts > 1 && ` (${x.attempts} lần gửi)`}
              {x.error && x.state !== 'sent' && <span className="muted"> — {x.error}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

// What was sent to the citizen about a dossier (`GET /api/v1/dossiers/{id}/deliveries`): each
// notice per channel, to which (masked) address, delivered or not.
import { api } from '../../ui/api';
import { fmtDateTime } from '../../ui/format';
import { useLoad } from '../useLoad';

interface Delivery {
  id: number;
  event: string;
  event_name: string;
  channel: 'email' | 'zalo' | 'sms' | string;
  to: string;
  state: 'pending' | 'sent' | 'failed' | 'rejected' | 'skipped' | string;
  attempts: number;
  error: string | null;
  created_at: string;
  sent_at: string | null;
}

export const CHANNEL_LABEL: Record<string, string> = { email: 'Thư điện tử', zalo: 'Zalo', sms: 'Tin nhắn SMS' };
const STATE_LABEL: Record<string, string> = {
  pending: 'đang chờ gửi',
  sent: 'đã gửi',
  failed: 'gửi chưa được, sẽ gửi lại',
  rejected: 'bị từ chối',
  skipped: 'kênh này chưa được cấu hình',
};

export function Deliveries({ dossierId }: { dossierId: string }) {
  const r = useLoad(() => api.get<{ items: Delivery[] }>(`/api/v1/dossiers/${encodeURIComponent(dossierId)}/deliveries`).then((x) => x.data.items), dossierId);
  const items = r.data ?? [];
  if (items.length === 0) return null;
  return (
    <section className="card" aria-labelledby="h-deliv">
      <h2 id="h-deliv" className="card-title">
        Thông báo đã gửi cho tôi
      </h2>
      <ul className="plain-list small">
        {items.map((x) => (
          <li key={x.id}>
            {fmtDateTime(x.sent_at ?? x.created_at)} — {x.event_name}: {CHANNEL_LABEL[x.channel] ?? x.channel} đến {x.to},{' '}
            <strong>{STATE_LABEL[x.state] ?? x.state}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}

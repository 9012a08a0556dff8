// Pairing the rating kiosk of this desk (POST /api/v1/kiosks): the official creates a code and
// types it on the tablet's /kiosk page; the kiosk then shows the dossiers this official returns.
import { useState } from 'react';
import { api, uuid } from '../ui/api';
import { fmtDateTime } from '../ui/format';

interface Pairing {
  desk: string;
  pairing_code: string;
  pairing_expires_at: string;
}

export function KioskPairing() {
  const [desk, setDesk] = useState('');
  const [pairing, setPairing] = useState<Pairing | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function create(ev: React.FormEvent) {
    ev.preventDefault();
    setBusy(true);
    setError('');
    try {
      const { data } = await api.post<Pairing>('/api/v1/kiosks', { desk: desk.trim() }, { headers: { 'Idempotency-Key': uuid() } });
      setPairing(data);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Không tạo được mã ghép.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="detail-block">
      <summary>Máy đánh giá tại quầy</summary>
      <form onSubmit={create} className="form-row">
        <label htmlFor="kiosk-desk">Tên quầy</label>
        <input id="kiosk-desk" maxLength={100} required value={desk} onChange={(e) => setDesk(e.target.value)} placeholder="Ví dụ: Quầy số 3" />
        <button type="submit" className="btn btn-secondary" disabled={busy || !desk.trim()}>Tạo mã ghép</button>
      </form>
      {error && <p role="alert">{error}</p>}
      {pairing && (
        <p aria-live="polite">
          Mã ghép cho {pairing.desk}: <strong className="code">{pairing.pairing_code}</strong> — nhập trên trang /kiosk của máy tính bảng
          trước {fmtDateTime(pairing.pairing_expires_at)}. Máy sẽ hiện hồ sơ bạn vừa trả kết quả để người nhận đánh giá.
        </p>
      )}
    </details>
  );
}

// Paying the fee the dossier owes now: the amount and what is offered come from the server
// (`GET /api/v1/dossiers/{id}/payments`: `fee`, `may_pay`, `providers`); paying starts an attempt
// on the server (only the provider is sent, never an amount), which answers the provider's
// `payment_url`; the browser goes there and the provider's return page links back here.
import { useRef, useState } from 'react';
import { api, uuid } from '../../ui/api';
import { ErrorBox, Loading } from '../../ui/components';
import { fmtDateTime, fmtVnd } from '../../ui/format';
import type { FeeExemption } from '../../ui/types';
import { Exemptions } from '../Exemptions';
import { useLoad } from '../useLoad';

interface Fee {
  status: 'none' | 'free' | 'due' | 'unverified' | 'not_fixed' | string;
  amount?: number;
  message?: string;
  lines?: { code?: string; name: string; amount?: number; exempted?: boolean }[];
}

interface Payment {
  id: string;
  provider: string;
  state: 'pending' | 'paid' | 'failed' | string;
  amount: number;
  created_at: number;
  paid_at?: number | null;
  receipt_no?: string | null;
  payment_url?: string | null;
  receipt_url?: string | null;
}

interface PaymentsView {
  dossier_id: string;
  fee: Fee;
  exemptions?: FeeExemption[];
  may_pay: boolean;
  providers: string[];
  items: Payment[];
}

const STATE_LABEL: Record<string, string> = { pending: 'Đang chờ xác nhận', paid: 'Đã thanh toán', failed: 'Không thành công' };

const PROVIDER_LABEL: Record<string, string> = {
  paygov: 'Nền tảng thanh toán của Cổng Dịch vụ công quốc gia',
  vnpay: 'VNPay (thẻ ngân hàng, ví điện tử)',
};


/** The receipts of what was paid (no fee box): shown on a dossier that owes nothing now. */
export function PaidList({ dossierId }: { dossierId: string }) {
  const view = useLoad(() => api.get<PaymentsView>(`/api/v1/dossiers/${encodeURIComponent(dossierId)}/payments`).then((r) => r.data), dossierId);
  const paid = (view.data?.items ?? []).filter((p) => p.state === 'paid');
  if (paid.length === 0) return null;
  return (
    <section className="card" aria-labelledby="h-paid">
      <h2 id="h-paid" className="card-title">
        Phí, lệ phí đã nộp
      </h2>
      <ul className="plain-list">
        {paid.map((p) => (
          <li key={p.id}>
            {fmtVnd(p.amount)} qua {PROVIDER_LABEL[p.provider] ?? p.provider}
            {p.paid_at ? `, lúc ${fmtDateTime(p.paid_at)}` : ''}
            {p.receipt_url && (
              <>
                {' '}
                — <a href={p.receipt_url}>Biên lai điện tử{p.receipt_no ? ` số ${p.receipt_no}` : ''} (PDF)</a>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PayBox({ dossierId }: { dossierId: string }) {
  const view = useLoad(() => api.get<PaymentsView>(`/api/v1/dossiers/${encodeURIComponent(dossierId)}/payments`).then((r) => r.data), dossierId);
  const [provider, setProvider] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(uuid());

  if (view.loading && !view.data) return <Loading label="Đang tải khoản phí…" />;
  if (view.error !== undefined) return <ErrorBox error={view.error} />;
  const v = view.data!;
  const chosen = provider || v.providers[0] || '';

  async function pay() {
    setBusy(true);
    setProblem(null);
    try {
      const r = await api.post<Payment>(`/api/v1/dossiers/${encodeURIComponent(dossierId)}/payments`, { provider: chosen }, { headers: { 'Idempotency-Key': key.current } });
      if (r.data.payment_url) window.location.assign(r.data.payment_url);
      else view.reload();
    } catch (e) {
      setProblem(e);
      key.current = uuid();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="pay-box">
      {problem !== null && <ErrorBox error={problem} />}
      {v.fee.status === 'due' && v.fee.amount !== undefined && (
        <p>
          Số tiền phải nộp: <strong data-testid="fee-amount">{fmtVnd(v.fee.amount)}</strong>
        </p>
      )}
      {v.fee.lines && v.fee.lines.length > 0 && (
        <ul className="plain-list small">
          {v.fee.lines.map((l, i) => (
            <li key={l.code ?? i}>
              {l.name}: {l.exempted ? 'được miễn' : l.amount !== undefined ? fmtVnd(l.amount) : ''}
            </li>
          ))}
        </ul>
      )}
      {v.fee.message && v.fee.status !== 'due' && <p className="muted">{v.fee.message}</p>}
      <Exemptions items={v.exemptions ?? []} atPayment />
      {v.may_pay && v.providers.length > 0 && (
        <>
          {v.providers.length > 1 && (
            <fieldset className="radios">
              <legend>Thanh toán qua</legend>
              {v.providers.map((p) => (
                <label key={p} className="radio">
                  <input type="radio" name="pay-provider" checked={chosen === p} onChange={() => setProvider(p)} />
                  {PROVIDER_LABEL[p] ?? p}
                </label>
              ))}
            </fieldset>
          )}
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void pay()}>
            {busy ? 'Đang chuyển đến trang thanh toán…' : 'Thanh toán trực tuyến'}
          </button>
        </>
      )}
      {v.items.length > 0 && (
        <>
          <h3 className="sub-title">Các lần thanh toán</h3>
          <ul className="plain-list small" aria-label="Các lần thanh toán">
            {v.items.map((p) => (
              <li key={p.id}>
                {fmtDateTime(p.created_at)} — {PROVIDER_LABEL[p.provider] ?? p.provider}: <strong>{STATE_LABEL[p.state] ?? p.state}</strong>, {fmtVnd(p.amount)}
                {p.receipt_url && (
                  <>
                    {' '}
                    — <a href={p.receipt_url}>Biên lai điện tử{p.receipt_no ? ` số ${p.receipt_no}` : ''} (PDF)</a>
                  </>
                )}
                {p.state === 'pending' && p.payment_url && (
                  <>
                    {' '}
                    — <a href={p.payment_url}>Tiếp tục thanh toán</a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

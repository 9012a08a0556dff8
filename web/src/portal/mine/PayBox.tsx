// Paying the fee the dossier owes now: the amount and what is offered come from the server
// (`GET /api/v1/dossiers/{id}/payments`); paying starts a payment on the server, which answers
// the provider's address; the browser goes there and the provider sends it back to the portal.
import { useRef, useState } from 'react';
import { api, uuid } from '../../ui/api';
import { ErrorBox, Loading } from '../../ui/components';
import { fmtDateTime, fmtVnd } from '../../ui/format';
import { useLoad } from '../useLoad';

interface Quote {
  amount_vnd?: number;
  amount?: number;
  status?: string;
  label?: string;
  lines?: { name: string; amount_vnd?: number; amount?: number }[];
  message?: string;
}

interface PaymentRow {
  id: string;
  provider: string;
  state: string;
  state_label?: string;
  amount_vnd?: number;
  amount?: number;
  created_at?: string;
  paid_at?: string | null;
  receipt_href?: string | null;
}

interface PaymentsView {
  quote?: Quote;
  may_pay: boolean;
  providers: string[];
  payments: PaymentRow[];
}

const PROVIDER_LABEL: Record<string, string> = {
  paygov: 'Nền tảng thanh toán của Cổng Dịch vụ công quốc gia',
  vnpay: 'VNPay (thẻ ngân hàng, ví điện tử)',
};

const amountOf = (x: { amount_vnd?: number; amount?: number } | undefined) => x?.amount_vnd ?? x?.amount;

export function PayBox({ dossierId }: { dossierId: string }) {
  const view = useLoad(() => api.get<PaymentsView>(`/api/v1/dossiers/${encodeURIComponent(dossierId)}/payments`).then((r) => r.data), dossierId);
  const [provider, setProvider] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(uuid());

  if (view.loading && !view.data) return <Loading label="Đang tải khoản phí…" />;
  if (view.error !== undefined) return <ErrorBox error={view.error} />;
  const v = view.data!;
  const amount = amountOf(v.quote);
  const chosen = provider || v.providers[0] || '';

  async function pay() {
    setBusy(true);
    setProblem(null);
    try {
      const r = await api.post<Record<string, unknown>>(`/api/v1/dossiers/${encodeURIComponent(dossierId)}/payments`, { provider: chosen }, { headers: { 'Idempotency-Key': key.current } });
      const url = (r.data.pay_url ?? r.data.payment_url ?? r.data.redirect_url ?? r.data.url) as string | undefined;
      if (url) window.location.assign(url);
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
      {amount !== undefined && (
        <p>
          Số tiền phải nộp: <strong data-testid="fee-amount">{fmtVnd(amount)}</strong>
          {v.quote?.label ? ` (${v.quote.label})` : ''}
        </p>
      )}
      {v.quote?.lines && v.quote.lines.length > 0 && (
        <ul className="plain-list small">
          {v.quote.lines.map((l, i) => (
            <li key={i}>
              {l.name}: {amountOf(l) !== undefined ? fmtVnd(amountOf(l)!) : ''}
            </li>
          ))}
        </ul>
      )}
      {v.quote?.message && <p className="muted">{v.quote.message}</p>}
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
      {v.payments.length > 0 && (
        <>
          <h3 className="sub-title">Các lần thanh toán</h3>
          <ul className="plain-list small">
            {v.payments.map((p) => (
              <li key={p.id}>
                {fmtDateTime(p.created_at ?? null)} — {PROVIDER_LABEL[p.provider] ?? p.provider}: <strong>{p.state_label ?? p.state}</strong>
                {amountOf(p) !== undefined && `, ${fmtVnd(amountOf(p)!)}`}
                {p.receipt_href && (
                  <>
                    {' '}
                    — <a href={p.receipt_href}>Biên lai điện tử (PDF)</a>
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

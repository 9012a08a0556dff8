// Fee exemptions as the citizen is told them (the server's list: who, on which fees), on the
// procedure page before filing and in the payment box, where a granted one says so.
import type { FeeExemption } from '../ui/types';

/** Who is exempt, and how to claim it: the official grants it on seeing the proof. */
export function Exemptions({ items, atPayment = false }: { items: FeeExemption[]; atPayment?: boolean }) {
  if (items.length === 0) return null;
  return (
    <div className="exemptions" data-testid="exemptions">
      <p className="small">Được miễn phí, lệ phí nếu anh/chị thuộc một trong các diện sau:</p>
      <ul className="plain-list small">
        {items.map((e) => (
          <li key={e.code}>
            {e.label} (miễn {e.fees.join(', ').toLocaleLowerCase('vi')})
            {e.granted && <strong> — đã được cơ quan xác nhận miễn cho hồ sơ này</strong>}
          </li>
        ))}
      </ul>
      <p className="muted small">
        {atPayment
          ? 'Nếu anh/chị thuộc diện được miễn mà chưa được xác nhận, đừng thanh toán: hãy liên hệ cơ quan tiếp nhận và xuất trình giấy tờ chứng minh; cán bộ xác nhận việc miễn và số tiền phải nộp được tính lại.'
          : 'Khi nộp hồ sơ, xuất trình giấy tờ chứng minh; cán bộ tiếp nhận xác nhận việc miễn. Anh/chị không tự khai miễn trực tuyến.'}
      </p>
    </div>
  );
}


// Documents of payments (app/payment): the e-receipt of a fee paid online (A4 PDF, same fonts,
// header and tracking QR as the forms) and the reconciliation of a day as an .xlsx workbook.
// Pure rendering, as docs.h: plain structs in, bytes out.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "docs/docs.h"

namespace motcua::docs {

struct PaymentReceipt {
  std::string receipt_no;      // "BL-MC2612041930001a2b"
  std::string dossier_code, procedure_name, payer_name;
  std::vector<std::pair<std::string, int64_t>> lines;  // fee name, VND
  int64_t amount = 0;          // VND, the total paid
  std::string provider_label;  // "Nền tảng thanh toán trực tuyến quốc gia" / "VNPay"
  std::string order_ref, provider_txn;
  Millis paid_at = 0;
  std::string base_url;        // public site (QR to the tracking page)
  std::string tracking_key;
  std::string watermark;       // a training copy's mark
};

// "BIÊN LAI THU PHÍ, LỆ PHÍ (ĐIỆN TỬ)": the agency's header, the payer, the dossier, each fee
// line, the total in figures, how and when it was paid, the platform's reference.
Result<std::string> render_payment_receipt(const AgencyHeader& agency, const PaymentReceipt& r);

struct ReconcileRow {
  std::string order_ref, issue_vi, our_state, their_state, dossier_id;
  int64_t our_amount = 0, their_amount = 0;
};
struct ReconcileSheet {
  std::string provider_label, date;  // YYYY-MM-DD
  int64_t ours = 0, theirs = 0, matched = 0;
  std::vector<ReconcileRow> rows;
};
// One sheet: a summary line and one row per difference.
Result<std::string> render_reconcile_xlsx(const ReconcileSheet& s);

}  // namespace motcua::docs

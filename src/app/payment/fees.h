// A procedure version's published fees (its catalogue record's `fees`) as the payment domain
// reads them. Shared by the payment service and the dossier's request_payment.
#pragma once
#include <vector>

#include "domain/payment/fee.h"
#include "store/records.h"

namespace motcua::app {

// Items of p.doc's `fees`; an item's fields: code, name, amount_vnd (number or null),
// collected_at, verified, per (optional), exempt_for (optional list of codes); per page: tiers
// ([{from_page, amount_vnd}]) and cap_per_copy_vnd.
std::vector<payment::FeeItem> fees_of(const store::ProcedureRec& p);

}  // namespace motcua::app

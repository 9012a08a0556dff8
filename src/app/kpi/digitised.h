// kpi received_digitised (Quyết định 766, "components_digitised"): a dossier received with its
// components digitised at reception. One rule, read by the transactions that count it (the
// reception, the upload of a scan: app/dossier/support.cc), by kpi-verify (recount.cc) and by
// the list behind the number (index766_lists.cc), so that the three cannot drift apart.
//
// Digitised at reception: the dossier is formally received and
//  - it was filed online (an electronic dossier from the start: its components are files and
//    form data), or
//  - it has at least one component provided, and every provided component handed in on paper
//    (not taken from a database: ComponentRecord::source empty) has a file attached under its
//    name (documents.component) before the end of its reception day (local time).
// A scan attached the next day or later does not count: digitising is part of reception.
#pragma once
#include <vector>

#include "app/dossier/details.h"
#include "common/time.h"
#include "store/records.h"

namespace motcua::app {

// The end of the local day of `received_at`: files attached before it count.
Millis digitise_deadline(Millis received_at);

bool digitised_at_reception(int64_t channel, Millis received_at, const std::vector<ComponentRecord>& components,
                            const std::vector<store::DocumentRec>& documents);

}  // namespace motcua::app

// The desk's work queues: which dossiers each one holds (by state) and for whom (by role at the
// dossier's agencies). One table for the queue filter, the staff app's tabs (GET
// /api/v1/queues) and the answer to a search ("where are the matches?").
#pragma once
#include <optional>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "domain/dossier/state.h"
#include "domain/org/roles.h"
#include "store/records.h"

namespace motcua::app {

enum class Queue { to_receive, to_process, to_approve, supplement, to_return, to_consult, all };

struct QueueDef {
  Queue id;
  std::string_view key;       // the API's name: "to_process"
  std::string_view label_vi;  // the tab: "Đang xử lý"
  std::vector<org::Role> roles;          // who works it (empty = every member of staff)
  std::vector<dossier::State> states;    // what it holds (empty = every state)
};

// In the order the tabs are shown.
const std::vector<QueueDef>& queue_defs();
const QueueDef* find_queue(std::string_view key);

// The queues this member of staff works (tabs), in order.
std::vector<const QueueDef*> queues_for(const Actor& a);

// The queues (other than `all` and `to_consult`, which follow consultations) in which this reader
// finds the dossier.
std::vector<Queue> queues_holding(const Actor& a, const store::DossierRec& d);

}  // namespace motcua::app

// Appointments already given when a year's official calendar is recorded: kept as issued unless
// the decision makes their day a day off, then moved to the next working day (never earlier).
#include <boost/json.hpp>

#include "app/dossier/dossier_service.h"
#include "app/dossier/support.h"
#include "domain/dossier/history.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;
using detail::ChangeRecord;
using detail::record_change;

Result<std::vector<MovedAppointment>> DossierService::keep_appointments(sql::Connection& c, const Actor& a, int year,
                                                                        const calendar::Calendar& in_force,
                                                                        Millis now) {
  std::vector<std::string> states;
  for (auto s : {dossier::State::received, dossier::State::in_progress, dossier::State::supplement_requested,
                 dossier::State::awaiting_payment})
    states.emplace_back(dossier::to_string(s));
  const Millis from = local_instant(Date{year, 1, 1}, 0), to = local_instant(Date{year + 1, 1, 1}, 0);
  std::vector<MovedAppointment> moved;
  // Every dossier appointed in the year (the scan is bounded by the year's open dossiers).
  MC_ASSIGN(auto due, store::due_between(c, states, from, to, 1'000'000));
  for (const auto& [id, code] : due) {
    MC_ASSIGN(auto rec, store::get_dossier(c, id));
    if (!rec) continue;
    const store::DossierRec before = *rec;
    store::DossierRec d = std::move(*rec);
    const Millis new_due = calendar::appointment_under(in_force, d.due_at);
    const Millis new_first = d.original_due_at ? calendar::appointment_under(in_force, d.original_due_at) : 0;
    if (new_due == d.due_at && new_first == d.original_due_at) continue;
    MovedAppointment m{d.id, d.code, d.due_at, new_due};
    json::object data{{"year", year}, {"from", d.due_at}, {"to", new_due}};
    if (new_first != d.original_due_at) {
      data["original_from"] = d.original_due_at;
      data["original_to"] = new_first;
    }
    d.due_at = new_due;
    d.original_due_at = new_first;
    d.version += 1;
    d.updated_at = now;
    MC_TRY(store::update_dossier(c, d));
    const std::string note = "Ngày hẹn trả kết quả " + format_rfc3339_local(m.from) +
                             " là ngày nghỉ theo quyết định chính thức về lịch nghỉ năm " + std::to_string(year) +
                             "; dời sang " + format_rfc3339_local(m.to) + " (ngày làm việc tiếp theo).";
    ChangeRecord change{&a, std::string(dossier::to_string(dossier::Entry::appointment_moved)), d.state, note, data};
    change.before = &before;
    MC_TRY(record_change(c, d, change, now));
    moved.push_back(std::move(m));
  }
  return moved;
}

}  // namespace motcua::app

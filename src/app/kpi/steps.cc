#include "app/kpi/steps.h"

#include <boost/json.hpp>

#include "domain/dossier/transitions.h"

namespace motcua::app {
namespace json = boost::json;

std::vector<kpi::Pause> pauses_of(std::span<const store::EventRec* const> events) {
  std::vector<kpi::Pause> out;
  bool received = false, paused = false;
  for (const auto* e : events) {
    const auto act = dossier::parse_action(e->action);
    if (act == dossier::Action::receive) received = true;
    if ((act == dossier::Action::request_supplement || act == dossier::Action::request_payment) && received && !paused) {
      out.push_back(kpi::Pause{e->at, 0});
      paused = true;
    }
    // The resumption names the pause it ends (app/dossier/actions.cc, payments.cc).
    if (paused && e->data.find("\"paused_from\"") != std::string::npos) {
      boost::system::error_code ec;
      auto v = json::parse(e->data, ec);
      if (!ec && v.is_object() && v.as_object().contains("paused_from")) {
        out.back().to = e->at;
        paused = false;
      }
    }
  }
  return out;
}

store::StepKey step_key(const store::DossierRec& d, const store::StepRec& s) {
  return store::StepKey{d.competent_agency_id, format_date(local_date(s.finished_at)), d.procedure_id, s.step, s.role,
                        s.agency_id};
}

int64_t step_minutes(const calendar::Calendar& cal, const store::StepRec& s, std::span<const kpi::Pause> pauses) {
  return kpi::step_working_minutes(cal, s.started_at, s.finished_at, pauses);
}

void recount_steps(const calendar::Calendar& cal, const store::DossierRec& d,
                   std::span<const store::EventRec* const> events, std::span<const store::StepRec* const> sheet,
                   StepCount& out) {
  std::optional<std::vector<kpi::Pause>> pauses;
  for (size_t i = 0; i < sheet.size(); ++i) {
    const store::StepRec& s = *sheet[i];
    if (s.finished_at == 0) continue;
    if (i == 0 && s.started_at == s.finished_at) continue;  // reception: done in one moment
    if (!pauses) pauses = pauses_of(events);
    out[step_key(d, s)].add(step_minutes(cal, s, *pauses));
  }
}

void compare_steps(const StepCount& recounted, const std::vector<store::StepRow>& stored,
                   std::vector<std::string>& differences) {
  auto name = [](const store::StepKey& k) {
    return "cơ quan " + k.agency_id + ", ngày " + k.day + ", thủ tục " + k.procedure_id + ", bước " +
           std::to_string(k.step) + " (" + k.role + ") tại " + k.at_agency_id;
  };
  auto say = [](const kpi::StepTime& t) {
    std::string s = std::to_string(t.n) + " bước, " + std::to_string(t.minutes) + " phút, phân bố";
    for (auto h : t.hist) s += " " + std::to_string(h);
    return s;
  };
  std::map<store::StepKey, kpi::StepTime> kept;
  for (const auto& r : stored) kept[r.k] += step_time_of(r.t);
  const kpi::StepTime none;
  for (const auto& [k, t] : kept) {
    auto it = recounted.find(k);
    const kpi::StepTime& want = it == recounted.end() ? none : it->second;
    if (!(t == want))
      differences.push_back("Thời gian theo bước (" + name(k) + "): lưu " + say(t) + "; đếm lại từ hồ sơ " + say(want) + ".");
  }
  for (const auto& [k, t] : recounted)
    if (t.n != 0 && !kept.count(k))
      differences.push_back("Thời gian theo bước (" + name(k) + "): không có dòng lưu, đếm lại từ hồ sơ " + say(t) + ".");
}

std::vector<store::StepRow> rows_of(const StepCount& recounted) {
  std::vector<store::StepRow> out;
  for (const auto& [k, t] : recounted)
    if (t.n != 0) out.push_back(store::StepRow{k, counts_of(t)});
  return out;
}

kpi::StepTime step_time_of(const store::StepCounts& c) {
  kpi::StepTime t;
  t.n = c.n;
  t.minutes = c.minutes;
  for (size_t i = 0; i < kpi::kStepBuckets; ++i) t.hist[i] = c.hist[i];
  return t;
}

store::StepCounts counts_of(const kpi::StepTime& t) {
  store::StepCounts c;
  c.n = t.n;
  c.minutes = t.minutes;
  for (size_t i = 0; i < kpi::kStepBuckets; ++i) c.hist[i] = t.hist[i];
  return c;
}

}  // namespace motcua::app

#include "api/views.h"

#include <boost/json.hpp>

#include "domain/dossier/state.h"
#include "domain/org/roles.h"

namespace motcua::api {
namespace json = boost::json;

json::value instant_json(Millis t) {
  if (t == 0) return nullptr;
  return json::string(format_rfc3339_local(t));
}

static json::value parsed(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec) return json::object{};
  return v;
}

json::object agency_json(const store::AgencyRec& a) {
  return {{"id", a.id}, {"eid", a.eid}, {"name", a.name}, {"type", a.type},
          {"parent_id", a.parent_id.empty() ? json::value(nullptr) : json::value(a.parent_id)},
          {"unit_id", a.unit_id}, {"valid_from", a.valid_from},
          {"valid_to", a.valid_to.empty() ? json::value(nullptr) : json::value(a.valid_to)},
          {"successor_id", a.successor_id.empty() ? json::value(nullptr) : json::value(a.successor_id)},
          {"verified", a.verified}};
}

json::object unit_json(const store::UnitRec& u) {
  auto opt = [](const std::string& v) { return v.empty() ? json::value(nullptr) : json::value(v); };
  return {{"id", u.id}, {"code", u.code}, {"name", u.name}, {"level", u.level}, {"type", u.type},
          {"parent_id", opt(u.parent_id)}, {"valid_from", opt(u.valid_from)}, {"valid_to", opt(u.valid_to)},
          {"verified", u.verified}};
}

json::object procedure_json(const store::ProcedureRec& p, bool full) {
  json::object o{{"id", p.id}, {"national_code", p.national_code}, {"version", p.version}, {"name", p.name},
                 {"field", p.field}, {"level", p.level}, {"online_level", p.online_level},
                 {"boundary_free", p.boundary_free},
                 {"time_limit", json::object{{"amount", p.time_amount}, {"unit", p.time_unit},
                                             {"verified", p.time_verified}}}};
  if (full) o["catalogue"] = parsed(p.doc);
  return o;
}

static json::object state_json(const std::string& state) {
  auto st = dossier::parse_state(state);
  return {{"id", state},
          {"label", st ? std::string(dossier::state_label_vi(*st)) : state},
          {"national_code", st ? dossier::national_status_code(*st) : 0},
          {"national_name", st ? std::string(dossier::national_status_name(*st)) : ""}};
}

json::object dossier_summary_json(const store::DossierRec& d, Millis now) {
  bool open = d.state == "received" || d.state == "in_progress" || d.state == "supplement_requested" ||
              d.state == "awaiting_payment";
  return {{"id", d.id}, {"code", d.code}, {"procedure_id", d.procedure_id},
          {"receiving_agency_id", d.receiving_agency_id}, {"competent_agency_id", d.competent_agency_id},
          {"channel", d.channel}, {"state", state_json(d.state)}, {"applicant_name", d.applicant_name},
          {"submitted_at", instant_json(d.submitted_at)}, {"received_at", instant_json(d.received_at)},
          {"due_at", instant_json(d.due_at)}, {"original_due_at", instant_json(d.original_due_at)},
          {"paused", d.paused_at != 0}, {"overdue", open && d.due_at != 0 && d.paused_at == 0 && now > d.due_at},
          {"result_ready", (d.flags & store::kResultReady) != 0},
          {"resolution", d.resolution.empty() ? json::value(nullptr) : json::value(d.resolution)},
          {"timeliness", d.timeliness.empty() ? json::value(nullptr) : json::value(d.timeliness)},
          {"version", d.version}};
}

void due_status_json(json::object& o, const app::DueStatus& s) {
  o["working_minutes_left"] = s.working_minutes_left ? json::value(*s.working_minutes_left) : json::value(nullptr);
  o["near_due"] = s.near_due;
}

json::object consultation_json(const store::ConsultationRec& c, const app::DueStatus& due, Millis now) {
  auto actor = [](const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); };
  json::object o{{"id", c.id}, {"agency_id", c.agency_id}, {"subject", c.subject},
                 {"requested_at", instant_json(c.requested_at)}, {"requested_by", actor(c.requested_by)},
                 {"due_at", instant_json(c.due_at)}, {"answered_at", instant_json(c.answered_at)},
                 {"answered_by", actor(c.answered_by)},
                 {"answer", c.answer.empty() ? json::value(nullptr) : json::value(c.answer)},
                 {"timeliness", c.timeliness.empty() ? json::value(nullptr) : json::value(c.timeliness)},
                 {"overdue", c.answered_at == 0 && c.due_at != 0 && now > c.due_at}};
  due_status_json(o, due);
  return o;
}

json::object dossier_view_json(const app::DossierView& v, Millis now) {
  const auto& d = v.dossier;
  json::object o = dossier_summary_json(d, now);
  due_status_json(o, v.due);
  o["access"] = v.consulted_only ? "consulted" : "full";
  o["procedure"] = procedure_json(v.procedure, false);
  o["applicant"] = parsed(d.applicant_doc);
  o["details"] = parsed(d.doc);
  o["supplement_used"] = json::object{{"reception", (d.flags & store::kReceptionSupplementUsed) != 0},
                                      {"processing", (d.flags & store::kProcessingSupplementUsed) != 0}};
  o["apology_used"] = (d.flags & store::kApologyUsed) != 0;
  o["resolved_at"] = instant_json(d.resolved_at);
  o["returned_at"] = instant_json(d.returned_at);
  json::array hist;
  for (auto& e : v.events) {
    json::object h{{"at", instant_json(e.at)}, {"actor", e.actor}, {"action", e.action},
                   {"from_state", e.from_state.empty() ? json::value(nullptr) : json::value(e.from_state)},
                   {"to_state", e.to_state}, {"note", e.note}};
    if (!e.data.empty()) h["data"] = parsed(e.data);
    hist.push_back(std::move(h));
  }
  o["history"] = std::move(hist);
  json::array sheet;
  for (auto& s : v.steps) {
    auto role = org::parse_role(s.role);
    sheet.push_back(json::object{
        {"step", s.step}, {"name", s.name}, {"role", s.role},
        {"role_label", role ? std::string(org::role_name_vi(*role)) : s.role}, {"agency_id", s.agency_id},
        {"assignee_id", s.assignee_id.empty() ? json::value(nullptr) : json::value(s.assignee_id)},
        {"handed_by", s.handed_by}, {"started_at", instant_json(s.started_at)}, {"due_at", instant_json(s.due_at)},
        {"finished_at", instant_json(s.finished_at)},
        {"timeliness", s.timeliness.empty() ? json::value(nullptr) : json::value(s.timeliness)}});
  }
  o["control_sheet"] = std::move(sheet);
  json::array cons;
  for (size_t i = 0; i < v.consultations.size(); ++i)
    cons.push_back(consultation_json(v.consultations[i],
                                     i < v.consultation_due.size() ? v.consultation_due[i] : app::DueStatus{}, now));
  o["consultations"] = std::move(cons);
  json::array docs;
  for (auto& d : v.documents)
    docs.push_back(document_json(d));
  o["documents"] = std::move(docs);
  return o;
}

json::object document_json(const store::DocumentRec& d) {
  return {{"id", d.id}, {"file_name", d.file_name}, {"content_type", d.content_type}, {"size_bytes", d.size_bytes},
          {"component", d.component.empty() ? json::value(nullptr) : json::value(d.component)},
          {"sha256", d.sha256}, {"uploaded_by", d.uploaded_by}, {"uploaded_at", instant_json(d.uploaded_at)},
          {"href", "/api/v1/dossiers/" + d.dossier_id + "/documents/" + d.id}};
}

json::object public_dossier_json(const app::PublicDossier& p) {
  return {{"code", p.code},
          {"status", json::object{{"id", p.state}, {"national_code", p.national_status},
                                  {"national_name", p.national_status_name}}},
          {"procedure", p.procedure_name}, {"receiving_agency", p.receiving_agency},
          {"applicant", p.masked_name}, {"received_at", instant_json(p.received_at)},
          {"due_at", instant_json(p.due_at)}, {"result_ready", p.result_ready}};
}

json::object actor_json(const app::Actor& a) {
  json::array grants;
  for (auto& g : a.grants) {
    auto role = org::parse_role(g.role);
    grants.push_back(json::object{{"agency_id", g.agency_id}, {"role", g.role},
                                  {"role_label", role ? std::string(org::role_name_vi(*role)) : g.role}});
  }
  return {{"kind", a.is_staff() ? "staff" : a.is_citizen() ? "citizen" : "anonymous"},
          {"id", a.id}, {"username", a.username}, {"full_name", a.full_name}, {"grants", std::move(grants)}};
}

}  // namespace motcua::api

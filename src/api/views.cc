#include "api/views.h"

#include <boost/json.hpp>

#include "app/payment/fees.h"
#include "domain/dossier/code.h"
#include "domain/dossier/state.h"
#include "domain/org/report_policy.h"
#include "domain/org/policy.h"
#include "domain/org/roles.h"
#include "domain/org/units.h"

namespace motcua::api {
namespace json = boost::json;

json::value instant_json(Millis t) {
  if (t == 0) return nullptr;
  return json::string(format_rfc3339_local(t));
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
  // Whether the unit has ended by today: the web says "(cũ)" from this, never from valid_to
  // alone (an end recorded ahead of its date leaves the unit current until then).
  const std::string today = format_date(local_date(now_ms()));
  return {{"id", u.id}, {"code", u.code}, {"name", u.name}, {"level", u.level}, {"type", u.type},
          {"parent_id", opt(u.parent_id)}, {"valid_from", opt(u.valid_from)}, {"valid_to", opt(u.valid_to)},
          {"former", org::ended_by(u.valid_to, today)}, {"verified", u.verified}};
}

namespace {

// An instant as RFC 3339 in +07:00, or null when unset (0).
void instant_field(JsonWriter& w, std::string_view key, Millis t) {
  w.key(key);
  if (t == 0)
    w.null();
  else
    w.string(format_rfc3339_local(t));
}

void state_object(JsonWriter& w, const std::string& state, std::optional<dossier::State> st) {
  w.begin_object()
      .field("id", state)
      .field("label", st ? dossier::state_label_vi(*st) : std::string_view(state))
      .field("national_code", st ? dossier::national_status_code(*st) : 0)
      .field("national_name", st ? dossier::national_status_name(*st) : std::string_view())
      .end_object();
}

}  // namespace

void write_procedure_fields(JsonWriter& w, const store::ProcedureRec& p, bool full) {
  w.field("id", p.id)
      .field("national_code", p.national_code)
      .field("version", p.version)
      .field("name", p.name)
      .field("field", p.field)
      .field("level", p.level)
      .field("online_level", p.online_level)
      .field("boundary_free", p.boundary_free);
  w.key("time_limit").begin_object()
      .field("amount", p.time_amount)
      .field("unit", p.time_unit)
      .field("verified", p.time_verified)
      .end_object();
  if (!full) return;
  w.key("catalogue").raw(p.doc);
  // Who the published fees exempt (DOMAIN.md §6), in words: the citizen learns it before filing.
  w.key("exemptions").begin_array();
  for (auto& e : payment::exemptions_of(app::fees_of(p))) {
    w.begin_object().field("code", e.code).field("label", e.label_vi).key("fees").begin_array();
    for (auto& f : e.fees) w.string(f);
    w.end_array().end_object();
  }
  w.end_array();
}

void write_procedure(JsonWriter& w, const store::ProcedureRec& p, bool full) {
  w.begin_object();
  write_procedure_fields(w, p, full);
  w.end_object();
}

void write_dossier_summary_fields(JsonWriter& w, const store::DossierRec& d, Millis now) {
  const auto st = dossier::parse_state(d.state);
  w.field("id", d.id)
      .field("code", d.code)
      .field("procedure_id", d.procedure_id)
      .field("receiving_agency_id", d.receiving_agency_id)
      .field("competent_agency_id", d.competent_agency_id)
      .field("channel", d.channel);
  w.key("state");
  state_object(w, d.state, st);
  w.field("applicant_name", d.applicant_name);
  instant_field(w, "submitted_at", d.submitted_at);
  instant_field(w, "received_at", d.received_at);
  instant_field(w, "due_at", d.due_at);
  instant_field(w, "original_due_at", d.original_due_at);
  w.field("paused", d.paused_at != 0)
      .field("overdue", st && dossier::clock_running(*st) && d.due_at != 0 && d.paused_at == 0 && now > d.due_at)
      .field("result_ready", (d.flags & store::kResultReady) != 0)
      .nullable("resolution", d.resolution)
      .nullable("timeliness", d.timeliness)
      .field("version", d.version);
}

void write_due_status_fields(JsonWriter& w, const app::DueStatus& s) {
  w.key("working_minutes_left");
  if (s.working_minutes_left)
    w.number(*s.working_minutes_left);
  else
    w.null();
  w.field("near_due", s.near_due);
}

void write_consultation(JsonWriter& w, const store::ConsultationRec& c, const app::DueStatus& due, Millis now,
                        std::optional<bool> may_answer) {
  w.begin_object().field("id", c.id).field("agency_id", c.agency_id).field("subject", c.subject);
  instant_field(w, "requested_at", c.requested_at);
  w.nullable("requested_by", c.requested_by);
  instant_field(w, "due_at", c.due_at);
  instant_field(w, "answered_at", c.answered_at);
  w.nullable("answered_by", c.answered_by)
      .nullable("answer", c.answer)
      .nullable("timeliness", c.timeliness)
      .field("overdue", c.answered_at == 0 && c.due_at != 0 && now > c.due_at);
  write_due_status_fields(w, due);
  if (may_answer) w.field("may_answer", *may_answer);
  w.end_object();
}

void write_document(JsonWriter& w, const store::DocumentRec& d) {
  w.begin_object()
      .field("id", d.id)
      .field("file_name", d.file_name)
      .field("content_type", d.content_type)
      .field("size_bytes", d.size_bytes)
      .nullable("component", d.component)
      .field("sha256", d.sha256)
      .field("uploaded_by", d.uploaded_by);
  instant_field(w, "uploaded_at", d.uploaded_at);
  w.field("href", "/api/v1/dossiers/" + d.dossier_id + "/documents/" + d.id).end_object();
}

std::string dossier_view_text(const app::DossierView& v, Millis now) {
  const auto& d = v.dossier;
  JsonWriter w;
  w.begin_object();
  write_dossier_summary_fields(w, d, now);
  write_due_status_fields(w, v.due);
  w.field("access", v.consulted_only ? "consulted" : "full");
  // Printed on the receipt; the applicant's key to the full public lookup (not for consultees).
  if (!v.consulted_only) w.field("tracking_key", dossier::tracking_key(d.id));
  w.field("may_consult", v.may_consult)
      .field("may_attach_documents", v.may_attach_documents)
      .field("consultations_open", v.consultations_open);
  w.key("procedure");
  write_procedure(w, v.procedure, false);
  w.key("applicant").raw(d.applicant_doc);
  w.key("details").raw(d.doc);
  w.key("supplement_used").begin_object()
      .field("reception", (d.flags & store::kReceptionSupplementUsed) != 0)
      .field("processing", (d.flags & store::kProcessingSupplementUsed) != 0)
      .end_object();
  w.field("apology_used", (d.flags & store::kApologyUsed) != 0);
  instant_field(w, "resolved_at", d.resolved_at);
  instant_field(w, "returned_at", d.returned_at);
  if (v.national_sync) {  // the national portal (DVCQG): what it has confirmed, what waits and why
    const auto& s = *v.national_sync;
    w.key("national_sync").begin_object().field("state", s.state).field("confirmed_status", s.confirmed_status);
    instant_field(w, "synced_at", s.synced_at);
    instant_field(w, "decided_at", s.decided_at);
    w.field("messages", s.messages).field("waiting", s.waiting).field("attempts", s.attempts)
        .nullable("last_error", s.last_error).end_object();
  }
  w.key("history").begin_array();
  for (auto& e : v.events) {
    w.begin_object();
    instant_field(w, "at", e.at);
    w.field("actor", e.actor).field("action", e.action).nullable("from_state", e.from_state)
        .field("to_state", e.to_state).field("note", e.note);
    if (!e.data.empty()) w.key("data").raw(e.data);
    w.end_object();
  }
  w.end_array();
  if (v.allowed_actions) {
    // What this reader may do now: the server's policy and state machine, so the web keeps no copy.
    w.key("allowed_actions").begin_array();
    for (dossier::Action act : *v.allowed_actions) {
      w.begin_object().field("id", dossier::to_string(act)).field("label", dossier::action_label_vi(act));
      // request_payment of a per-page fee: the form asks for the pages and copies counted.
      if (act == dossier::Action::request_payment)
        w.key("fee").begin_object().field("per_page", v.fee_per_page).end_object();
      w.end_object();
    }
    w.end_array();
    w.key("step_choices").begin_array();
    for (auto& ch : v.step_choices) {
      w.begin_object()
          .field("action", dossier::to_string(ch.action))
          .field("step", ch.step)
          .field("name", ch.name)
          .field("role", org::to_string(ch.role))
          .field("role_label", org::role_name_vi(ch.role))
          .field("agency_id", ch.agency_id);
      w.key("candidates").begin_array();
      for (auto& p : ch.candidates)
        w.begin_object().field("id", p.id).field("username", p.username).field("full_name", p.full_name).end_object();
      w.end_array().end_object();
    }
    w.end_array();
  }
  w.key("control_sheet").begin_array();
  for (auto& s : v.steps) {
    auto role = org::parse_role(s.role);
    w.begin_object()
        .field("step", s.step)
        .field("name", s.name)
        .field("role", s.role)
        .field("role_label", role ? org::role_name_vi(*role) : std::string_view(s.role))
        .field("agency_id", s.agency_id)
        .nullable("assignee_id", s.assignee_id);
    auto name = v.assignee_names.find(s.assignee_id);
    w.nullable("assignee_name", name == v.assignee_names.end() ? std::string() : name->second)
        .field("handed_by", s.handed_by);
    instant_field(w, "started_at", s.started_at);
    instant_field(w, "due_at", s.due_at);
    instant_field(w, "finished_at", s.finished_at);
    w.nullable("timeliness", s.timeliness).end_object();
  }
  w.end_array();
  w.key("consultations").begin_array();
  for (size_t i = 0; i < v.consultations.size(); ++i)
    write_consultation(w, v.consultations[i], i < v.consultation_due.size() ? v.consultation_due[i] : app::DueStatus{},
                       now, i < v.may_answer.size() ? v.may_answer[i] : false);
  w.end_array();
  w.key("documents").begin_array();
  for (auto& doc : v.documents) write_document(w, doc);
  w.end_array();
  w.end_object();
  return w.take();
}

json::object public_dossier_json(const app::PublicDossier& p) {
  json::object o{{"code", p.code},
                 {"status", json::object{{"id", p.state}, {"national_code", p.national_status},
                                         {"national_name", p.national_status_name}}},
                 {"received_at", instant_json(p.received_at)},
                 {"due_at", instant_json(p.due_at)},
                 {"result_ready", p.result_ready},
                 {"returned_at", instant_json(p.returned_at)},
                 {"details", p.details}};
  if (!p.details) return o;  // without the tracking key: state and dates only
  json::array items;
  for (auto& s : p.supplement_items) items.emplace_back(s);
  o["procedure"] = p.procedure_name;
  o["receiving_agency"] = p.receiving_agency;
  o["applicant"] = p.masked_name;
  o["supplement_items"] = std::move(items);
  return o;
}

json::object actor_json(const app::Actor& a) {
  json::array grants;
  for (auto& g : a.grants) {
    grants.push_back(json::object{{"agency_id", g.agency_id}, {"role", org::to_string(g.role)},
                                  {"role_label", org::role_name_vi(g.role)}});
  }
  json::object o{{"kind", a.is_staff() ? "staff" : a.is_citizen() ? "citizen" : "anonymous"},
                 {"id", a.id}, {"username", a.username}, {"full_name", a.full_name}, {"grants", std::move(grants)}};
  if (a.is_citizen()) {  // how the citizen logged in, and the identity assurance level (VNeID)
    o["login_method"] = a.login_method;
    o["assurance_level"] = a.assurance;
  }
  if (a.is_staff()) {  // what the staff app offers this reader: the policy's, never the web's own rule
    const org::StaffCapabilities c = org::capabilities(a.reader());
    const org::ReportCapabilities rc = org::report_capabilities(a.reader());
    o["may"] = json::object{{"receive", c.receive},
                            {"administration", c.administration()},
                            {"manage_staff", c.manage_staff},
                            {"read_calendar", c.read_calendar},
                            {"change_calendar", c.change_calendar},
                            {"read_organisation", c.read_organisation},
                            {"change_organisation", c.change_organisation},
                            {"change_procedures", c.change_procedures},
                            {"read_kpi", c.read_kpi},
                            {"read_kpi_province", c.read_kpi_province},
                            {"feedback_calls", c.feedback_calls},
                            {"feedback_cases", c.feedback_cases},
                            {"feedback_figures", c.feedback_figures},
                            {"feedback_figures_province", c.feedback_figures_province},
                            {"evaluate", c.evaluate},
                            {"review_procedures", c.review_procedures},
                            {"reports", rc.reports},
                            {"consolidate_reports", rc.consolidate_reports}};
    json::array roles;
    for (org::Role r : c.grantable_roles) roles.push_back(json::string(org::to_string(r)));
    o["receive_agencies"] = json::value_from(c.receive_agencies);
    o["staff_agencies"] = json::value_from(c.staff_agencies);
    o["grantable_roles"] = std::move(roles);
  }
  return o;
}

}  // namespace motcua::api

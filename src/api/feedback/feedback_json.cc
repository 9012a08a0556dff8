#include "api/feedback/feedback_json.h"

#include <cctype>
#include <map>

#include "common/time.h"
#include "domain/feedback/metric.h"

namespace motcua::api {
namespace fbd = ::motcua::feedback;

namespace {

void instant(JsonWriter& w, std::string_view k, Millis t) {
  w.key(k);
  if (t) w.string(format_rfc3339_local(t));
  else w.null();
}

void period(JsonWriter& w, std::string_view k, const fbd::Period& p) {
  w.key(k).begin_object()
      .field("amount", p.amount)
      .field("unit", calendar::to_string(p.unit))
      .field("basis", p.basis)
      .end_object();
}

}  // namespace

std::string rfc5987_name(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string o;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') o += char(c);
    else {
      o += '%';
      o += hex[c >> 4];
      o += hex[c & 15];
    }
  }
  return o;
}

void write_case(JsonWriter& w, const app::CaseView& v, bool full) {
  const auto& c = v.c;
  w.begin_object()
      .field("id", c.id)
      .field("code", c.code)
      .field("channel", c.channel)
      .field("channel_label", v.channel_label)
      .nullable("kind", c.kind)
      .nullable("kind_label", v.kind_label)
      .field("state", c.state)
      .field("state_label", v.state_label)
      .field("title", c.title)
      .field("accepted", c.verdict == "accepted")
      .nullable("refusal_reason", c.refusal_reason)
      .nullable("field", c.field)
      .field("agency_id", c.agency_id)
      .field("agency_name", v.agency_name)
      .nullable("assignee_id", v.staff_view ? c.assignee_id : "")
      .field("private", c.wants_private)
      .field("published", c.published)
      .field("reopened", c.reopened)
      .field("overdue", v.overdue)
      .field("reminded", c.reminded_at != 0)
      .nullable("escalated_to", v.staff_view ? c.escalated_to : "");
  instant(w, "received_at", c.received_at);
  instant(w, "due_at", c.due_at);
  instant(w, "answered_at", c.answered_at);
  instant(w, "updated_at", c.updated_at);
  w.nullable("timeliness", c.timeliness);
  // The dossier the case names: its id only to who may read it.
  w.key("dossier");
  if (!c.dossier_id.empty())
    w.begin_object().field("id", c.dossier_id).field("code", c.dossier_code).field("href", "/api/v1/dossiers/" + c.dossier_id).end_object();
  else if (!c.dossier_code.empty())
    w.begin_object().key("id").null().field("code", c.dossier_code).end_object();
  else
    w.null();
  w.key("may").begin_array();
  for (auto& m : v.may) w.string(m);
  w.end_array();
  if (full) {
    w.field("content", c.content).nullable("answer", c.answer);
    w.key("sender").begin_object()
        .nullable("name", c.sender_name)
        .nullable("phone", c.sender_phone)
        .nullable("email", c.sender_email)
        .nullable("address", c.sender_address)
        .end_object();
    w.nullable("received_by", v.staff_view ? c.received_by : "");
    w.key("history").begin_array();
    for (auto& h : v.history) {
      w.begin_object();
      instant(w, "at", h.at);
      w.field("action", h.action).field("label", h.label).nullable("actor", h.actor).nullable("from_state", h.from_state)
          .field("to_state", h.to_state).nullable("note", h.note);
      if (!h.data.empty()) w.key("data").raw(h.data);
      w.end_object();
    }
    w.end_array();
    w.key("attachments").begin_array();
    for (auto& a : v.attachments) {
      w.begin_object()
          .field("id", a.id)
          .field("file_name", a.file_name)
          .field("content_type", a.content_type)
          .field("size_bytes", a.size_bytes)
          .field("href", "/api/v1/feedback/" + c.id + "/attachments/" + a.id)
          .end_object();
    }
    w.end_array();
    w.key("ratings").begin_array();
    for (auto& r : v.ratings) {
      w.begin_object().field("round", r.round).field("score", r.score).nullable("comment", r.comment);
      instant(w, "at", r.rated_at);
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
}

void write_published(JsonWriter& w, const app::PublishedAnswer& a) {
  w.begin_object()
      .field("code", a.code)
      .field("kind", a.kind)
      .field("field", a.field)
      .field("agency_name", a.agency_name)
      .field("title", a.title)
      .field("content", a.content)
      .field("answer", a.answer);
  instant(w, "received_at", a.received_at);
  instant(w, "answered_at", a.answered_at);
  w.end_object();
}

void write_rules(JsonWriter& w, const fbd::Rules& r) {
  w.begin_object().field("version", r.version).field("basis", r.basis).field("intake_agency_id", r.intake_agency_id);
  w.key("kinds").begin_array();
  for (auto k : {fbd::Kind::phan_anh, fbd::Kind::kien_nghi})
    w.begin_object().field("id", fbd::to_string(k)).field("label", fbd::kind_vi(k)).end_object();
  w.end_array();
  w.key("fields").begin_array();
  for (auto& f : r.fields) w.string(f);
  w.end_array();
  w.key("identity").begin_object()
      .field("require_name", r.require_name)
      .field("require_contact", r.require_contact)
      .field("basis", r.identity_basis)
      .end_object();
  w.key("text").begin_object()
      .field("max_title_chars", int64_t(r.max_title_chars))
      .field("min_content_chars", int64_t(r.min_content_chars))
      .field("max_content_chars", int64_t(r.max_content_chars))
      .end_object();
  w.key("attachments").begin_object()
      .field("max_files", r.max_files)
      .field("max_file_bytes", r.max_file_bytes)
      .field("max_total_bytes", r.max_total_bytes)
      .key("types").begin_array().string("application/pdf").string("image/jpeg").string("image/png").end_array()
      .end_object();
  w.key("deadlines").begin_object();
  period(w, "classify", r.classify);
  period(w, "handle_phan_anh", r.handle_phan_anh);
  period(w, "handle_kien_nghi", r.handle_kien_nghi);
  period(w, "reopen_window", r.reopen_window);
  w.field("remind_before_working_days", r.remind_before_working_days);
  w.end_object();
  w.key("transfer").begin_object()
      .field("clock", r.on_transfer == fbd::OnTransfer::restart ? "restart" : "keep")
      .field("basis", r.transfer_basis)
      .end_object();
  w.end_object();
}

void write_figures(JsonWriter& w, const app::FeedbackFigures& f) {
  w.begin_object().field("from", f.from).field("to", f.to).nullable("agency_id", f.agency_id);
  w.field("received", f.received).field("handled", f.handled).field("handled_on_time", f.handled_on_time)
      .field("rated", f.rated).field("satisfied", f.satisfied);
  // Shares in per mille (integers): on time among handled, satisfied among rated.
  w.key("on_time_permille");
  if (f.handled) w.number(f.handled_on_time * 1000 / f.handled);
  else w.null();
  w.key("satisfied_permille");
  if (f.rated) w.number(f.satisfied * 1000 / f.rated);
  else w.null();
  // The 766 breakdowns, summed from the same counters: cases received by channel, cases
  // classified by field (a case has no field before), and per agency what it received (or was
  // transferred), answered and answered on time.
  std::map<std::string, int64_t> by_channel, by_field;
  std::map<std::string, std::map<std::string, int64_t>> by_agency;
  for (auto& c : f.counters) {
    using fbd::Metric;
    const auto m = fbd::parse_metric(c.metric);
    if (m == Metric::received) by_channel[c.channel] += c.n;
    if (m == Metric::classified) by_field[c.field] += c.n;
    if (m == Metric::received || m == Metric::transferred_in || m == Metric::answered || m == Metric::answered_on_time ||
        m == Metric::answered_late)
      by_agency[c.agency_id][c.metric] += c.n;
  }
  auto counts = [&](std::string_view k, const std::map<std::string, int64_t>& m) {
    w.key(k).begin_object();
    for (auto& [name, n] : m) w.field(name, n);
    w.end_object();
  };
  counts("received_by_channel", by_channel);
  // The channels' names to show (the web keeps no copy of them).
  w.key("channel_labels").begin_object();
  for (auto ch : {fbd::Channel::portal, fbd::Channel::hotline, fbd::Channel::email, fbd::Channel::zalo, fbd::Channel::open311})
    w.field(fbd::to_string(ch), fbd::channel_vi(ch));
  w.end_object();
  counts("classified_by_field", by_field);
  w.key("by_agency").begin_object();
  for (auto& [agency, m] : by_agency) counts(agency, m);
  w.end_object();
  w.key("counters").begin_array();
  for (auto& c : f.counters)
    w.begin_object()
        .field("period", c.period)
        .field("agency_id", c.agency_id)
        .field("channel", c.channel)
        .field("field", c.field)
        .field("metric", c.metric)
        .field("n", c.n)
        .end_object();
  w.end_array().end_object();
}

}  // namespace motcua::api

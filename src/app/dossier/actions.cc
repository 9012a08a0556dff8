// Every step of the lifecycle after intake: one use case, the state machine in src/domain decides.
#include <algorithm>
#include <set>

#include <boost/json.hpp>

#include "app/dossier/dossier_service.h"
#include "app/dossier/details.h"
#include "app/dossier/policy.h"
#include "app/dossier/support.h"
#include "app/notify/enqueue.h"
#include "app/payment/fees.h"
#include "domain/org/roles.h"
#include "store/payment_repo.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;
using namespace detail;
using dossier::Action;

namespace {

bool stage_is_processing(const store::DossierRec& d) { return d.received_at != 0; }

Status need(bool ok, const char* field, const char* detail) {
  if (ok) return ok_status();
  Error e = make_error(ErrorKind::invalid, detail, "missing_field");
  e.fields.push_back({field, detail});
  return e;
}

json::array to_array(const std::vector<std::string>& v) {
  json::array a;
  for (auto& s : v) a.push_back(json::string(s));
  return a;
}

// The result of a decision as recorded (doc.result): checked against the dossier and its files.
Result<ResultDocument> result_record(sql::Connection& c, const store::DossierRec& d, const ResultInput& r, bool granted,
                                     Millis now) {
  Error bad = make_error(ErrorKind::invalid, "Thông tin kết quả giải quyết chưa hợp lệ.", "invalid_result");
  auto field = [&](const char* f, std::string detail) { bad.fields.push_back({std::string("result.") + f, std::move(detail)}); };
  if (r.number.empty()) field("number", "Phải ghi số văn bản kết quả");
  if (r.signer.empty()) field("signer", "Phải ghi người ký văn bản kết quả");
  auto date = parse_date(r.date);
  if (!date) field("date", "Ngày ký phải có dạng YYYY-MM-DD");
  else if (*date > local_date(now)) field("date", "Ngày ký không được sau hôm nay");
  else if (d.received_at && *date < local_date(d.received_at)) field("date", "Ngày ký không được trước ngày tiếp nhận hồ sơ");
  static const std::set<std::string> methods{"counter", "post", "electronic"};
  if (granted && !methods.count(r.return_method))
    field("return_method", "Chọn hình thức trả kết quả: counter (tại Bộ phận Một cửa), post (bưu chính) hoặc electronic (bản điện tử)");
  if (!granted && !r.return_method.empty() && !methods.count(r.return_method))
    field("return_method", "Hình thức trả kết quả phải là counter, post hoặc electronic");
  if (r.return_method == "electronic" && r.document_id.empty())
    field("document_id", "Kết quả trả bản điện tử phải đính kèm tệp văn bản đã ký");
  if (!r.document_id.empty()) {
    MC_ASSIGN(auto docs, store::list_documents(c, d.id));
    bool found = std::any_of(docs.begin(), docs.end(), [&](const store::DocumentRec& x) { return x.id == r.document_id; });
    if (!found) field("document_id", "Tệp kết quả phải là một tài liệu đã đính kèm hồ sơ này");
    bool pdf = std::any_of(docs.begin(), docs.end(), [&](const store::DocumentRec& x) {
      return x.id == r.document_id && x.content_type == "application/pdf";
    });
    if (found && r.return_method == "electronic" && !pdf)
      field("document_id", "Kết quả trả bản điện tử phải là tệp PDF đã ký số");
  }
  if (!bad.fields.empty()) return bad;
  return ResultDocument{now, r.number, r.date, r.signer, r.document_id, r.return_method};
}

// The person chosen for the step `target` must hold its role at its agency; with nobody there,
// the dossier cannot be handed on.
Status check_assignee(sql::Connection& c, const store::DossierRec& d, const ProcessStep& target,
                      const std::string& assignee_id, Millis now) {
  const std::string agency = step_agency(target, d.receiving_agency_id, d.competent_agency_id);
  MC_ASSIGN(auto holders, store::staff_holding(c, agency, std::string(org::to_string(target.role)), format_date(local_date(now))));
  std::string role(org::role_name_vi(target.role));
  if (holders.empty())
    return make_error(ErrorKind::conflict,
                      "Cơ quan chưa có cán bộ giữ vai trò «" + role + "» để nhận bước «" + target.name +
                          "». Đề nghị quản trị đơn vị phân quyền trước khi chuyển.",
                      "no_handler");
  if (assignee_id.empty()) return ok_status();
  for (auto& h : holders)
    if (h.id == assignee_id) return ok_status();
  Error e = make_error(ErrorKind::invalid, "Người được giao không giữ vai trò «" + role + "» tại cơ quan thực hiện bước này.",
                       "invalid_assignee");
  e.fields.push_back({"assignee_id", "Chọn một người trong danh sách cán bộ được giao bước «" + target.name + "»"});
  return e;
}

}  // namespace

Result<DossierView> DossierService::act(const Actor& a, const std::string& dossier_id, const ActionInput& in) {
  auto action = dossier::parse_action(in.action);
  if (!action) {
    Error e = make_error(ErrorKind::invalid, "Thao tác không hợp lệ: " + in.action, "unknown_action");
    e.fields.push_back({"action", "Không có thao tác này"});
    return e;
  }
  Millis now = this->now();
  auto cal = calendar();
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto found, store::get_dossier(c, dossier_id));
    if (!found) return make_error(ErrorKind::not_found, "Không tìm thấy hồ sơ.");
    store::DossierRec d = *found;
    MC_ASSIGN(auto proc, catalogue_.procedure(d.procedure_id));
    if (!proc) return make_error(ErrorKind::internal, "Thiếu thủ tục của hồ sơ");
    const auto& steps = proc->steps;
    MC_ASSIGN(auto sheet, store::list_steps(c, d.id));
    MC_TRY(authorise_action(a, d, scope_of(d, sheet, steps), *action));
    if (in.expected_version != 0 && in.expected_version != d.version)
      return make_error(ErrorKind::conflict,
                        "Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại hồ sơ rồi thực hiện lại thao tác.", "stale");
    if (!dossier::parse_state(d.state)) return make_error(ErrorKind::internal, "Trạng thái hồ sơ không hợp lệ");
    dossier::Facts f = facts_of(d, *cal, now);
    // A grant needs its result document; a refusal's reasons are its result (checked below).
    f.result_ready = *action != Action::resolve_granted || in.result.has_value();
    MC_ASSIGN(auto t, dossier::decide(f, *action));

    DossierDetails details = parse_details(d.doc);
    json::object data;

    switch (*action) {
      case Action::request_supplement:
        MC_TRY(need(!in.items.empty(), "items", "Phải liệt kê đầy đủ các giấy tờ cần bổ sung"));
        data["items"] = to_array(in.items);
        details.supplement_request = SupplementRequest{now, in.items, stage_is_processing(d) ? "processing" : "reception"};
        break;
      case Action::refuse:
      case Action::stop:
      case Action::resolve_refused: {
        MC_TRY(need(!in.items.empty(), "items", "Phải nêu rõ lý do"));
        data["reasons"] = to_array(in.items);
        (*action == Action::refuse ? details.refusal : *action == Action::stop ? details.stop : details.resolution) =
            Reasons{now, in.items};
        if (*action == Action::resolve_refused && in.result) {
          MC_ASSIGN(details.result, result_record(c, d, *in.result, false, now));
          data["result"] = result_json(*details.result);
        }
        break;
      }
      case Action::resolve_granted: {
        MC_ASSIGN(details.result, result_record(c, d, *in.result, true, now));
        data["result"] = result_json(*details.result);
        break;
      }
      case Action::request_payment: {
        // What is owed, from the procedure version (never typed in), less what was paid online;
        // an unverified or unfixed fee is said to be so, not guessed. The applicant is told, with
        // the link to pay from the dossier, in this transaction (notify::enqueue, when reachable).
        MC_ASSIGN(auto paid_before, store::dossier_payments(c, d.id));
        int64_t paid = 0;
        for (auto& p : paid_before)
          if (p.state == "paid") paid += p.amount;
        // `items`: the exemptions the official has seen the proof of (payment::kExemptions).
        for (auto& x : in.items)
          if (!payment::known_exemption(x)) {
            Error e = make_error(ErrorKind::invalid, "Diện miễn phí, lệ phí không hợp lệ: " + x, "invalid_exemption");
            e.fields.push_back({"items", "Chọn trong: ho_ngheo, nguoi_co_cong, nguoi_khuyet_tat, tre_em"});
            return e;
          }
        // Pages and copies: counted by the official, asked only of a per-page fee, both or none.
        const auto fees = fees_of(proc->rec);
        std::optional<payment::PageCount> count;
        if (in.pages || in.copies) {
          Error e = make_error(ErrorKind::invalid, "Số trang, số bản chưa hợp lệ.", "invalid_page_count");
          if (!payment::has_per_page(fees, payment::Moment::agency)) {
            e.detail = "Phí, lệ phí của thủ tục này không tính theo số trang nên không ghi số trang, số bản.";
            e.fields.push_back({in.pages ? "pages" : "copies", "Thủ tục này không thu phí, lệ phí theo số trang"});
            return e;
          }
          if (!in.pages || *in.pages < 1 || *in.pages > kMaxPages)
            e.fields.push_back({"pages", "Số trang phải là số nguyên từ 1 đến " + std::to_string(kMaxPages)});
          if (!in.copies || *in.copies < 1 || *in.copies > kMaxCopies)
            e.fields.push_back({"copies", "Số bản phải là số nguyên từ 1 đến " + std::to_string(kMaxCopies)});
          if (!e.fields.empty()) return e;
          count = payment::PageCount{*in.pages, *in.copies};
        }
        auto q = payment::quote(fees, payment::Moment::agency, paid, in.items, count);
        data["fee"] = json::object{{"status", std::string(payment::to_string(q.status))}, {"amount", q.amount},
                                   {"message", q.message_vi}};
        if (!in.items.empty()) data["exemptions"] = to_array(in.items);
        if (count) data["pages"] = count->pages, data["copies"] = count->copies;
        json::object notice{{"payment_url", cfg_.public_url + "/ho-so-cua-toi/" + d.id}};
        if (q.status == payment::FeeStatus::due) notice["amount"] = q.amount;
        MC_ASSIGN(bool reachable, notify::reachable(c, d));
        if (reachable) MC_TRY(notify::enqueue(c, notify::Event::payment_due, d.id, notice, now));
        break;
      }
      case Action::apologise: {
        MC_TRY(need(!in.note.empty(), "note", "Phải nêu lý do chậm trễ"));
        MC_TRY(need(in.new_due > d.due_at, "new_due", "Ngày hẹn mới phải sau ngày hẹn trả kết quả hiện tại"));
        data["new_due"] = in.new_due;
        details.apology = Apology{now, in.note, d.due_at, in.new_due};
        if (d.original_due_at == 0) d.original_due_at = d.due_at;
        d.due_at = in.new_due;
        break;
      }
      case Action::supplement_received: {
        // What was sent with the supplement: documents added since the request, and the note.
        MC_ASSIGN(auto docs, store::list_documents(c, d.id));
        const Millis asked = details.supplement_request ? details.supplement_request->at : 0;
        json::array sent;
        for (auto& id : in.documents) {
          bool ok = std::any_of(docs.begin(), docs.end(),
                                [&](const store::DocumentRec& x) { return x.id == id && x.uploaded_at >= asked; });
          if (!ok) {
            Error e = make_error(ErrorKind::invalid, "Tài liệu bổ sung phải là tài liệu đã gửi vào hồ sơ này sau khi có yêu cầu bổ sung.",
                                 "unknown_document");
            e.fields.push_back({"document_ids", "Không có tài liệu " + id + " được gửi sau yêu cầu bổ sung"});
            return e;
          }
          sent.push_back(json::string(id));
        }
        if (!sent.empty()) data["documents"] = sent;
        if (a.is_citizen()) data["answered_online"] = true;
        details.supplement_answer = SupplementAnswer{now, in.note, in.documents, a.is_citizen()};
        break;
      }
      case Action::return_result:
        MC_TRY(need(in.return_method == "counter" || in.return_method == "post" || in.return_method == "electronic",
                    "return_method", "Hình thức trả kết quả phải là counter, post hoặc electronic"));
        MC_TRY(need(in.return_method == "electronic" || !in.received_by.empty(), "received_by",
                    "Phải ghi người nhận kết quả"));
        details.returned = ReturnRecord{now, in.return_method, in.received_by};
        d.returned_at = now;
        MC_TRY(close_open_step(c, *cal, d, now));
        break;
      default:
        break;
    }

    if (t.starts_clock) {
      MC_TRY(start_clock(d, *proc, *cal, now, data));
      MC_TRY(write_reception_steps(c, *cal, d, *proc, a, now));
    }
    if (t.pauses_clock && d.paused_at == 0) d.paused_at = now;
    if (t.resumes_clock && d.paused_at != 0) {
      if (d.due_at) d.due_at = cal->extend_for_pause(d.due_at, d.paused_at, now);
      data["paused_from"] = d.paused_at;
      data["due_at"] = d.due_at;  // the due day moved by the pause (kpi-verify replays it)
      d.paused_at = 0;
    }
    if (*action == Action::start_processing) {
      // The step opened at reception is taken now: by the chosen holder of its role, or by the
      // actor when they hold it themselves.
      if (auto target = target_step(*action, d, steps)) {
        MC_TRY(check_assignee(c, d, *target, in.assignee_id, now));
        std::string assignee = in.assignee_id;
        const std::string agency = step_agency(*target, d.receiving_agency_id, d.competent_agency_id);
        if (assignee.empty() && a.has_role_at(agency, target->role)) assignee = a.id;
        for (auto& s : sheet)
          if (s.finished_at == 0 && s.step == target->step && !assignee.empty()) {
            s.assignee_id = assignee;
            MC_TRY(store::update_step(c, s));
          }
        if (!assignee.empty()) data["assignee"] = assignee;
      }
    }
    if (*action == Action::handover) {
      auto target = target_step(*action, d, steps);
      if (!target)
        return make_error(ErrorKind::conflict, "Đây là bước cuối của quy trình nội bộ; không còn bước để chuyển.",
                          "no_next_step");
      MC_TRY(check_assignee(c, d, *target, in.assignee_id, now));
      MC_TRY(close_open_step(c, *cal, d, now));
      size_t next = size_t(d.current_step) + 1;
      MC_TRY(open_step(c, *cal, d, steps, next, a, in.assignee_id, now));
      d.current_step = int64_t(next);
      data["step"] = d.current_step;
      if (!in.assignee_id.empty()) data["assignee"] = in.assignee_id;
    }
    if (t.ends_clock) {
      MC_TRY(close_open_step(c, *cal, d, now));
      if (*action == Action::resolve_granted || *action == Action::resolve_refused) {
        d.resolved_at = now;
        d.flags |= store::kResultReady;
        d.resolution = t.granted ? "granted" : "refused";
        // Late stays late: the class is taken against the first appointment, not an apology's.
        Millis due = d.original_due_at ? d.original_due_at : d.due_at;
        if (due) d.timeliness = std::string(calendar::to_string(calendar::classify(now, due)));
        // The steps after the decision (issuing, returning the result) are opened in turn.
        size_t next = size_t(d.current_step) + 1;
        if (next <= steps.size()) {
          MC_TRY(open_step(c, *cal, d, steps, next, a, "", now));
          d.current_step = int64_t(next);
        }
      }
    }
    if (t.uses_reception_supplement) d.flags |= store::kReceptionSupplementUsed;
    if (t.uses_processing_supplement) d.flags |= store::kProcessingSupplementUsed;
    if (t.uses_apology) d.flags |= store::kApologyUsed;

    std::string from = d.state;
    d.state = std::string(dossier::to_string(t.to));
    d.doc = details_json(details);
    d.updated_at = now;
    d.version += 1;
    MC_TRY(store::update_dossier(c, d));
    ChangeRecord change{&a, in.action, from, in.note, data};
    change.before = &*found;
    MC_TRY(record_change(c, d, change, now));
    if (*action == Action::return_result && on_returned_) MC_TRY(on_returned_(c, a, d, now));
    return ok_status();
  }));
  return dossier(a, dossier_id);
}

}  // namespace motcua::app

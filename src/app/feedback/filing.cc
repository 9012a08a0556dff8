// Filing a case from any channel (intake.h): the rules decide whether it is handled, the case is
// recorded and counted either way, attachments go to the blob store with the checks of dossier
// documents, and a channel's repeat (same external id) answers the first case.
#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "app/admin_support.h"
#include "app/blob_store.h"
#include "app/dossier/support.h"
#include "app/feedback/feedback_service.h"
#include "app/feedback/support.h"
#include "app/idempotency.h"
#include "app/notify/notify_service.h"
#include "common/crypto.h"
#include "common/text.h"
#include "domain/dossier/document_rules.h"
#include "domain/org/feedback_policy.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;
using namespace fbsupport;

namespace {

fbd::Channel channel_of(feedback::Channel c) {
  switch (c) {
    case feedback::Channel::portal: return fbd::Channel::portal;
    case feedback::Channel::hotline: return fbd::Channel::hotline;
    case feedback::Channel::email: return fbd::Channel::email;
    case feedback::Channel::zalo: return fbd::Channel::zalo;
    case feedback::Channel::open311: return fbd::Channel::open311;
  }
  return fbd::Channel::portal;
}

std::string nfc(const std::string& s) { return to_nfc(s).value_or(s); }

struct Stored {
  store::FeedbackAttachmentRec rec;
};

}  // namespace

Result<fbd::Rules> FeedbackService::rules() {
  std::lock_guard lock(rules_mu_);
  if (rules_) return *rules_;
  const std::string path = cfg_.seed_dir + "/feedback_rules.json";
  std::ifstream f(path);
  if (!f)
    return make_error(ErrorKind::unavailable, "Chưa cấu hình quy định tiếp nhận phản ánh, kiến nghị (" + path + ").",
                      "feedback_rules_missing");
  std::stringstream ss;
  ss << f.rdbuf();
  MC_ASSIGN(auto r, fbd::parse_rules(ss.str()));
  rules_ = r;
  return r;
}

Result<feedback::Filed> FeedbackService::file(const feedback::Submission& s) {
  return file_in(nullptr, s, "", "");
}

Result<feedback::Filed> FeedbackService::file_as(const Actor& a, feedback::Submission s, const std::string& idem_key,
                                                 const std::string& body_hash) {
  if (s.channel == feedback::Channel::hotline) {
    if (!a.is_staff()) return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập bằng tài khoản cán bộ.");
    if (!org::may_take_calls(a.reader()))
      return make_error(ErrorKind::forbidden, "Vai trò của bạn không tiếp nhận cuộc gọi đường dây nóng.",
                        "role_not_allowed");
    s.received_by = a.id;
    s.citizen_id.clear();
  } else if (a.is_citizen()) {
    s.citizen_id = a.id;  // the session names the sender, whatever the body says
    if (fbsupport::trim(s.sender_name).empty()) s.sender_name = a.full_name;
    s.received_by.clear();
  } else {
    s.citizen_id.clear();
    s.received_by.clear();
  }
  return file_in(&a, std::move(s), idem_key, body_hash);
}

Result<feedback::Filed> FeedbackService::file_in(const Actor* a, feedback::Submission s, const std::string& idem_key,
                                                 const std::string& body_hash) {
  MC_ASSIGN(fbd::Rules r, rules());
  // The text as received (NFC), never escaped: escaping is the reader's job.
  for (std::string* t : {&s.title, &s.content, &s.sender_name, &s.sender_phone, &s.sender_email, &s.sender_address}) {
    if (!is_valid_utf8(*t)) return detail::field_error("content", "Dữ liệu không phải UTF-8 hợp lệ");
    *t = fbsupport::trim(nfc(*t));
  }
  MC_TRY(fbd::check_text(r, s.title, s.content));
  std::vector<FieldError> errors;
  if (utf8_length(s.sender_name) > 200) errors.push_back({"sender_name", "Họ tên quá dài: tối đa 200 ký tự"});
  if (utf8_length(s.sender_address) > 500) errors.push_back({"sender_address", "Địa chỉ quá dài: tối đa 500 ký tự"});
  if (!s.sender_email.empty() && !is_plain_email(s.sender_email))
    errors.push_back({"sender_email", "Địa chỉ thư điện tử không hợp lệ"});
  if (!s.sender_phone.empty()) {
    if (auto p = normalise_phone(s.sender_phone)) s.sender_phone = *p;
    else errors.push_back({"sender_phone", "Số điện thoại di động phải có 10 chữ số, bắt đầu bằng 0 (hoặc +84)"});
  }
  if (s.dossier_code && s.dossier_code->size() > 64) errors.push_back({"dossier_code", "Mã hồ sơ quá dài"});
  if (s.zalo_user_id.size() > 64 ||
      s.zalo_user_id.find_first_not_of("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-") !=
          std::string::npos)
    errors.push_back({"zalo_user_id", "Mã người dùng Zalo không hợp lệ"});
  if (s.external_id.size() > 500) errors.push_back({"external_id", "Mã tham chiếu quá dài"});
  if (int(s.attachments.size()) > r.max_files)
    errors.push_back({"attachments", "Tối đa " + std::to_string(r.max_files) + " tệp đính kèm"});
  if (!errors.empty()) return detail::validation(std::move(errors));

  // Attachments: PDF, JPEG or PNG by their content, within the limits; stored before the
  // transaction (content-addressed: a file whose case is never written is only an orphan).
  const Millis now = this->now();
  const std::string actor = a && (a->is_staff() || a->is_citizen())
                                ? a->label()
                                : "channel:" + std::string(fbd::to_string(channel_of(s.channel)));
  std::vector<store::FeedbackAttachmentRec> files;
  int64_t total = 0;
  BlobStore blobs(cfg_.files_dir);
  for (auto& att : s.attachments) {
    const int64_t size = int64_t(att.bytes.size());
    total += size;
    if (size > r.max_file_bytes || total > r.max_total_bytes)
      return make_error(ErrorKind::too_large,
                        "Tệp đính kèm quá lớn: mỗi tệp tối đa " + std::to_string(r.max_file_bytes >> 20) + " MB, tổng " +
                            std::to_string(r.max_total_bytes >> 20) + " MB.",
                        "attachment_too_large");
    if (size == 0) return detail::field_error("attachments", "Tệp đính kèm rỗng");
    MC_ASSIGN(std::string type, dossier::detect_document_type(std::string_view(att.bytes).substr(0, 16)));
    store::FeedbackAttachmentRec f;
    f.id = new_id();
    f.file_name = dossier::clean_file_name(att.file_name, type);
    f.content_type = type;
    f.size_bytes = size;
    f.uploaded_by = actor;
    f.uploaded_at = now;
    f.position = int64_t(files.size());
    files.push_back(std::move(f));
  }
  for (size_t i = 0; i < files.size(); ++i) {
    MC_ASSIGN(files[i].sha256, blobs.put(s.attachments[i].bytes));
  }

  const fbd::Channel ch = channel_of(s.channel);
  fbd::Sender who{!s.sender_name.empty(), !s.sender_phone.empty(), !s.sender_email.empty(),
                  !s.sender_address.empty(), !s.citizen_id.empty(),
                  ch == fbd::Channel::zalo && !s.zalo_user_id.empty()};
  const fbd::IntakeDecision verdict = fbd::check_intake(r, who);

  store::FeedbackCaseRec c;
  c.id = new_id();
  c.code = new_code();
  c.channel = std::string(fbd::to_string(ch));
  if (s.kind) c.kind = s.kind == feedback::Kind::phan_anh ? "phan_anh" : "kien_nghi";
  c.state = std::string(fbd::to_string(verdict.verdict == fbd::Verdict::accept ? fbd::State::received : fbd::State::refused));
  c.title = s.title.empty() ? first_chars(s.content, 80) : s.title;
  c.content = s.content;
  c.sender_name = s.sender_name;
  c.sender_phone = s.sender_phone;
  c.sender_email = s.sender_email;
  c.sender_address = s.sender_address;
  c.citizen_id = s.citizen_id;
  c.zalo_user_id = s.zalo_user_id;
  c.external_id = s.external_id;
  c.received_by = s.received_by;
  c.wants_private = s.wants_private;
  c.verdict = verdict.code();
  c.refusal_reason = verdict.reason;
  c.agency_id = r.intake_agency_id;
  c.received_at = now;
  c.created_at = c.updated_at = now;
  c.version = 1;
  if (verdict.verdict == fbd::Verdict::accept) {
    MC_ASSIGN(c.classify_due_at, fbd::due_after(*cal(), now, r.classify));
  }

  // A filing by Zalo is answered by the Zalo channel itself (with the code): no second message.
  const bool by_zalo = ch != fbd::Channel::zalo;
  const std::string subject = a && (a->is_staff() || a->is_citizen()) ? a->label() : "anonymous";
  Idempotency idem{subject, idem_key, idem_key.empty() ? "" : sha256_hex("feedback|" + body_hash)};
  feedback::Filed out;
  MC_TRY(db_.write([&](sql::Connection& conn) -> Status {
    if (!c.external_id.empty()) {
      MC_ASSIGN(auto earlier, store::feedback_case_by_external(conn, c.channel, c.external_id));
      if (earlier) {
        out = feedback::Filed{earlier->id, earlier->code, true, earlier->verdict == "accepted", earlier->refusal_reason};
        return ok_status();
      }
    }
    MC_ASSIGN(Created made, with_idempotency(conn, idem, now, [&]() -> Result<std::string> {
      store::FeedbackCaseRec rec = c;
      if (s.dossier_code && !s.dossier_code->empty()) {
        rec.dossier_code = *s.dossier_code;
        MC_ASSIGN(auto d, store::get_dossier_by_code(conn, *s.dossier_code));
        if (d) {
          rec.dossier_id = d->id;
          rec.dossier_code = d->code;
          // The dossier's competent agency answers for it: the case goes to its desk.
          if (fbd::parse_state(rec.state) == fbd::State::received) rec.agency_id = d->competent_agency_id;
        }
      }
      MC_TRY(store::insert_feedback_case(conn, rec));
      for (auto f : files) {
        f.case_id = rec.id;
        MC_TRY(store::insert_feedback_attachment(conn, f));
      }
      Step st{actor, "filed", "", rec.refusal_reason, json::object{{"channel", rec.channel}, {"verdict", rec.verdict}}, {}, {}};
      if (!rec.received_by.empty()) st.data["received_by"] = rec.received_by;
      if (!rec.dossier_id.empty()) st.data["dossier_code"] = rec.dossier_code;
      if (!files.empty()) st.data["attachments"] = int64_t(files.size());
      st.metrics = {fbd::Metric::received};
      st.metrics.push_back(rec.verdict == "accepted"    ? fbd::Metric::accepted
                           : rec.verdict == "anonymous" ? fbd::Metric::refused_anonymous
                                                        : fbd::Metric::refused_incomplete);
      MC_TRY(record(conn, rec, st, now));
      if (fbd::parse_state(rec.state) == fbd::State::received)
        MC_TRY(notify_sender(conn, rec, "feedback_received", json::object{{"title", rec.title}}, now, by_zalo));
      else
        MC_TRY(notify_sender(conn, rec, "feedback_refused", json::object{{"reason", rec.refusal_reason}}, now, by_zalo));
      return rec.id;
    }));
    MC_ASSIGN(auto rec, store::get_feedback_case(conn, made.id));
    if (!rec) return make_error(ErrorKind::internal, "Không đọc lại được phản ánh, kiến nghị vừa ghi");
    out = feedback::Filed{rec->id, rec->code, made.replayed, rec->verdict == "accepted", rec->refusal_reason};
    return ok_status();
  }));
  return out;
}

}  // namespace motcua::app

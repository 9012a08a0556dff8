// Intake: a dossier is created at a counter or by post (staff), or submitted online (citizen).
#include <algorithm>
#include <future>

#include <boost/json.hpp>

#include "app/dossier/details.h"
#include "app/dossier/dossier_service.h"
#include "app/catalogue_cache.h"
#include "app/dossier/support.h"
#include "app/idempotency.h"
#include "app/integration/population_service.h"
#include "domain/catalogue/data_source.h"
#include "domain/dossier/history.h"
#include "domain/kpi/metric.h"
#include "common/crypto.h"
#include "common/text.h"
#include "domain/dossier/applicant.h"
#include "domain/dossier/code.h"
#include "domain/dossier/on_behalf.h"
#include "domain/org/identity.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;
using namespace detail;

namespace {

Status validate_applicant(const Applicant& a, int current_year) {
  Error e = make_error(ErrorKind::invalid, "Thông tin người nộp hồ sơ chưa hợp lệ", "invalid_applicant");
  if (a.full_name.empty() || utf8_length(a.full_name) > 200)
    e.fields.push_back({"applicant.full_name", "Họ tên (hoặc tên tổ chức) là bắt buộc, tối đa 200 ký tự"});
  switch (a.kind) {
    case dossier::ApplicantKind::citizen:
      if (a.id_number.empty()) {
        e.fields.push_back({"applicant.id_number", "Số định danh cá nhân là bắt buộc"});
      } else if (auto r = org::check_personal_id(a.id_number, current_year); !r.ok()) {
        e.fields.push_back({"applicant.id_number", r.error().detail});
      }
      break;
    case dossier::ApplicantKind::organisation:
      if (!org::is_valid_tax_code(a.tax_code))
        e.fields.push_back({"applicant.tax_code", "Mã số thuế không hợp lệ (10 chữ số, hoặc 10 chữ số - 3 chữ số)"});
      break;
  }
  if (!a.phone.empty()) {
    bool ok = a.phone.size() >= 9 && a.phone.size() <= 12;
    for (char ch : a.phone) ok = ok && ch >= '0' && ch <= '9';
    if (!ok) e.fields.push_back({"applicant.phone", "Số điện thoại chỉ gồm 9–12 chữ số"});
  }
  if (utf8_length(a.address) > 500) e.fields.push_back({"applicant.address", "Địa chỉ tối đa 500 ký tự"});
  if (!e.fields.empty()) return e;
  return ok_status();
}

// The address's administrative unit. `address_unit_id` must be a current commune-level unit;
// an applicant who still gives a former unit (before 1 July 2025) has it kept as written in
// `address_former_unit_id` and mapped to its successor: the only one, or the one chosen among
// several when the unit was split. A former unit sent in `address_unit_id` is treated the same
// way. The address text itself is never touched.
Status resolve_address_units(const UnitIndex& ix, Applicant& a) {
  Error e = make_error(ErrorKind::invalid, "Đơn vị hành chính của địa chỉ chưa hợp lệ", "invalid_applicant");
  auto fail = [&](const char* field, std::string why) {
    e.fields.push_back({field, std::move(why)});
    return e;
  };
  auto names = [&](const std::vector<std::string>& ids) {
    std::string out;
    for (auto& id : ids) out += (out.empty() ? "" : ", ") + (ix.find(id) ? ix.find(id)->name : id);
    return out;
  };
  if (!a.address_unit_id.empty()) {
    const store::UnitRec* u = ix.find(a.address_unit_id);
    if (!u) return fail("applicant.address_unit_id", "Không tìm thấy đơn vị hành chính «" + a.address_unit_id + "».");
    if (u->level != "commune")
      return fail("applicant.address_unit_id", "Chọn đơn vị cấp xã (xã, phường, đặc khu).");
    if (!u->valid_to.empty()) {
      if (!a.address_former_unit_id.empty())
        return fail("applicant.address_unit_id", "«" + u->name + "» là đơn vị cũ: chọn xã, phường, đặc khu hiện nay.");
      a.address_former_unit_id = a.address_unit_id;  // a former unit given as the address unit
      a.address_unit_id.clear();
    }
  }
  if (!a.address_former_unit_id.empty()) {
    const store::UnitRec* old = ix.find(a.address_former_unit_id);
    if (!old)
      return fail("applicant.address_former_unit_id",
                  "Không tìm thấy đơn vị hành chính cũ «" + a.address_former_unit_id + "».");
    if (old->level != "commune")
      return fail("applicant.address_former_unit_id", "Chọn đơn vị cấp xã (xã, phường, thị trấn) cũ.");
    if (old->valid_to.empty())
      return fail("applicant.address_former_unit_id",
                  "«" + old->name + "» là đơn vị hiện nay, không phải đơn vị cũ: chọn ở ô xã, phường, đặc khu.");
    std::vector<std::string> next = ix.current_successors(old->id);
    if (a.address_unit_id.empty()) {
      if (next.size() == 1) {
        a.address_unit_id = next.front();
      } else if (next.empty()) {
        return fail("applicant.address_unit_id",
                    "Chưa có thông tin «" + old->name + "» (cũ) nay thuộc đơn vị nào: chọn xã, phường, đặc khu hiện nay.");
      } else {
        return fail("applicant.address_unit_id", "«" + old->name + "» (cũ) nay thuộc nhiều đơn vị (" + names(next) +
                                                     "): chọn đơn vị hiện nay của địa chỉ.");
      }
    } else if (!next.empty() && std::find(next.begin(), next.end(), a.address_unit_id) == next.end()) {
      return fail("applicant.address_unit_id", "«" + ix.find(a.address_unit_id)->name + "» không kế thừa «" + old->name +
                                                   "» (cũ); chọn một trong: " + names(next) + ".");
    }
    a.address_former_unit_name = ix.full_name(old->id);
  }
  a.address_unit_name = a.address_unit_id.empty() ? "" : ix.full_name(a.address_unit_id);
  return ok_status();
}

// Filing for someone else (domain/dossier/on_behalf.h). A citizen filing online for another
// person or for an organisation must say on what right, with the document among the provided
// components when the right needs one; filing for oneself must not claim it. At the counter
// the officer sees the papers: a declaration is recorded when given, never required.
Result<std::optional<OnBehalfRecord>> on_behalf_of(const Actor& a, const IntakeInput& in, const Applicant& applicant) {
  auto fail = [](const char* field, std::string why) {
    Error e = make_error(ErrorKind::invalid, "Thông tin nộp thay chưa hợp lệ", "invalid_on_behalf");
    e.fields.push_back({field, std::move(why)});
    return e;
  };
  const bool organisation = applicant.kind == dossier::ApplicantKind::organisation;
  const bool for_other = organisation || applicant.id_number != a.id;
  if (!in.on_behalf) {
    if (a.is_citizen() && for_other)
      return fail("on_behalf", organisation
                                   ? "Nộp hồ sơ cho tổ chức: khai báo nộp thay (người đại diện theo pháp luật hoặc "
                                     "người được ủy quyền)."
                                   : "Số định danh người nộp khác số định danh của bạn: khai báo nộp thay và kèm văn bản "
                                     "ủy quyền hoặc giấy tờ chứng minh quyền giám hộ trong thành phần hồ sơ.");
    return std::optional<OnBehalfRecord>{};
  }
  if (a.is_citizen() && !for_other)
    return fail("on_behalf", "Bạn đang nộp hồ sơ của chính mình: không khai báo nộp thay.");
  auto rel = dossier::parse_relationship(in.on_behalf->relationship);
  if (!rel)
    return fail("on_behalf.relationship", "Chọn một trong: authorised (được ủy quyền), guardian (cha, mẹ, người "
                                          "giám hộ), legal_representative (đại diện theo pháp luật của tổ chức).");
  if (!dossier::fits(*rel, organisation))
    return fail("on_behalf.relationship", std::string(dossier::relationship_name_vi(*rel)) +
                                              (organisation ? " không áp dụng khi nộp cho tổ chức."
                                                            : " chỉ áp dụng khi nộp cho tổ chức."));
  const std::string& doc = in.on_behalf->document;
  if (dossier::needs_document(*rel)) {
    bool provided = std::any_of(in.components.begin(), in.components.end(),
                                [&](const ComponentInput& c) { return c.provided && c.name == doc; });
    if (doc.empty() || !provided)
      return fail("on_behalf.document", "Ghi tên giấy tờ chứng minh quyền nộp thay (văn bản ủy quyền, giấy khai sinh, "
                                        "quyết định giám hộ) và nộp kèm giấy tờ đó trong thành phần hồ sơ.");
  }
  // Online, the filer is the account; at the counter the officer records the right, not who came.
  OnBehalfRecord r{std::string(dossier::to_string(*rel)), "", "", dossier::needs_document(*rel) ? doc : ""};
  if (a.is_citizen()) r.filer_id = a.id, r.filer_name = a.full_name;
  return std::optional<OnBehalfRecord>{std::move(r)};
}

json::object applicant_json(const Applicant& a) {
  return {{"kind", dossier::to_string(a.kind)},
          {"full_name", a.full_name},
          {"id_number", a.id_number},
          {"tax_code", a.tax_code},
          {"phone", a.phone},
          {"email", a.email},
          {"address", a.address},
          {"address_unit_id", a.address_unit_id},
          {"address_unit_name", a.address_unit_name},
          {"address_former_unit_id", a.address_former_unit_id},
          {"address_former_unit_name", a.address_former_unit_name}};
}

// The applicant as recorded: with what the national population database said, when it was asked.
json::object applicant_record(const Applicant& a) {
  json::object o = applicant_json(a);
  if (!a.data_source.empty()) {
    o["birth_date"] = a.birth_date;
    o["gender"] = a.gender;
    o["data_source"] = a.data_source;
  }
  return o;
}

// The reception desk the officer works at: the one given, or their only reception grant.
Result<std::string> reception_agency(const Actor& a, const std::string& wanted) {
  std::string found;
  int n = 0;
  for (auto& g : a.grants) {
    if (g.role != org::Role::reception) continue;
    if (!wanted.empty() && g.agency_id == wanted) return wanted;
    if (found != g.agency_id) { found = g.agency_id; ++n; }
  }
  if (!wanted.empty() || n == 0)
    return make_error(ErrorKind::forbidden, "Tài khoản không có quyền tiếp nhận hồ sơ tại cơ quan này.");
  if (n > 1)
    return make_error(ErrorKind::invalid, "Tài khoản tiếp nhận ở nhiều cơ quan: hãy chọn cơ quan tiếp nhận (receiving_agency_id).");
  return found;
}

}  // namespace

// What an intake's write job needs, owned: the job runs on the store's writer thread, maybe
// after the caller has returned (intake_async).
struct DossierService::IntakeWork {
  Actor actor;
  std::string note;
  bool receive = false;
  std::string idem_key, request_hash;
  Millis now = 0;
  std::shared_ptr<const calendar::Calendar> cal;
  std::shared_ptr<const ProcedureEntry> proc;
  std::shared_ptr<const store::AgencyRec> recv_agency;
  dossier::Channel channel = dossier::Channel::counter;  // d.channel is its stored code
  store::DossierRec d;
  store::DossierRec as_submitted;  // what the first history entry records
  json::object receipt;
  IntakeCommit out;
  int64_t online_per_day = 0;  // Config::online_filings_per_day
  // The national population database (IntakeInput::population_lookup_id): the applicant and the
  // details as prepared, which a found lookup completes in the transaction.
  std::string lookup_id;
  Applicant applicant;
  DossierDetails details;
  // Set by apply_lookup: the components the lookup satisfied, and the lookup's record.
  std::vector<std::string> from_population;
  store::PopulationLookupRec lookup;

  // The dossier's number in its agency's day, once taken (reserve_code, or inside write).
  std::optional<int64_t> seq;
  bool reserved = false;  // `seq` committed by reserve_code: a rerun of write keeps it

  Status check_daily_filings(sql::Connection& c) const;
  // Takes the next number of the receiving agency's day into `seq`, refusing when the day's
  // numbers for this channel are used up.
  Status take_code(sql::Connection& c);
  // PostgreSQL: takes the number in its own short transaction before the dossier's. The day's
  // counter row is then locked for one statement instead of the whole intake (two processes
  // otherwise queue on it); a number whose dossier is never written stays a gap, which the
  // code allows (unique per agency and day, not gap-free: DOMAIN.md §4).
  Status reserve_code(sql::Database& db);
  // Components the database could have replaced: taken from it, or handed in all the same.
  PopulationCounts population;
  Status apply_lookup(sql::Connection& c);
  Status record_population(sql::Connection& c, DossierView* view);
  Status write(sql::Connection& c);
};

Status DossierService::IntakeWork::take_code(sql::Connection& c) {
  const bool online = channel == dossier::Channel::online;
  MC_ASSIGN(auto n, store::take_code_seq(c, d.receiving_agency_id, format_date(local_date(now)),
                                         online ? dossier::kMaxOnlineDailySeq : dossier::kMaxDailySeq));
  if (n) {
    seq = *n;
    return ok_status();
  }
  if (!online) return make_error(ErrorKind::unavailable, "Đã hết số hồ sơ trong ngày", "dossier_seq_exhausted");
  return make_error(ErrorKind::unavailable,
                    "Hôm nay " + recv_agency->name + " đã nhận đủ số hồ sơ trực tuyến trong ngày. Vui lòng nộp lại "
                    "từ ngày mai hoặc nộp trực tiếp tại bộ phận một cửa.",
                    "online_quota_reached");
}

Status DossierService::IntakeWork::reserve_code(sql::Database& db) {
  MC_TRY(db.write([this](sql::Connection& c) -> Status {
    // Durable enough: the dossier that uses the number commits after this, and its flush
    // carries this commit's WAL with it; lost alone, the number was never used.
    MC_TRY(c.exec("SET LOCAL synchronous_commit TO OFF"));
    return take_code(c);
  }));
  reserved = true;
  return ok_status();
}

Result<std::shared_ptr<DossierService::IntakeWork>> DossierService::prepare_intake(const Actor& a, const IntakeInput& in,
                                                              const std::string& idem_key,
                                                              const std::string& request_hash) {
  Millis now = this->now();
  if (!a.is_staff() && !a.is_citizen())
    return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập để nộp hồ sơ.");
  if (a.is_citizen() && in.channel != dossier::Channel::online)
    return make_error(ErrorKind::invalid, "Công dân chỉ nộp hồ sơ trực tuyến (kênh 2).");
  if (a.is_citizen() && in.receive)
    return make_error(ErrorKind::forbidden, "Chỉ cán bộ tiếp nhận mới tiếp nhận hồ sơ.", "role_not_allowed");
  if (a.is_staff() && in.channel == dossier::Channel::online)
    return make_error(ErrorKind::invalid, "Cán bộ tiếp nhận hồ sơ trực tiếp (kênh 1) hoặc qua bưu chính (kênh 3).");
  Applicant applicant = in.applicant;
  if (a.is_citizen()) {
    if (applicant.kind == dossier::ApplicantKind::citizen && applicant.id_number.empty()) applicant.id_number = a.id;
    if (applicant.full_name.empty()) applicant.full_name = a.full_name;
  }
  MC_TRY(validate_applicant(applicant, local_date(now).year));
  MC_ASSIGN(auto on_behalf, on_behalf_of(a, in, applicant));
  if (!applicant.address_unit_id.empty() || !applicant.address_former_unit_id.empty()) {
    MC_ASSIGN(auto units, catalogue_.units());
    MC_TRY(resolve_address_units(*units, applicant));
  }
  std::string receiving;
  if (a.is_staff()) {
    MC_ASSIGN(receiving, reception_agency(a, in.receiving_agency_id));
  }

  // The catalogue is read outside the write transaction (from memory, usually): the single
  // writer only does what must be serial.
  MC_ASSIGN(auto entry, catalogue_.procedure(in.procedure_id));
  if (!entry) {
    Error e = make_error(ErrorKind::invalid, "Không tìm thấy thủ tục hành chính đã chọn.", "unknown_procedure");
    e.fields.push_back({"procedure_id", "Thủ tục không tồn tại"});
    return e;
  }
  // A procedure version may require an identity assurance level (VNeID level 2, say) for
  // online filing: checked here, once, for every way a citizen files (direct or from a draft).
  if (a.is_citizen() && a.assurance < entry->min_assurance)
    return make_error(ErrorKind::forbidden,
                      "Thủ tục này yêu cầu đăng nhập bằng tài khoản định danh điện tử VNeID mức " +
                          std::to_string(entry->min_assurance) + " để nộp trực tuyến (mức của phiên hiện tại: " +
                          std::to_string(a.assurance) + "). Vui lòng đăng nhập lại bằng VNeID mức " +
                          std::to_string(entry->min_assurance) + ".",
                      "assurance_too_low");
  const auto& handlers = entry->handlers;
  if (handlers.empty()) return make_error(ErrorKind::invalid, "Thủ tục chưa được giao cho cơ quan nào giải quyết.");
  std::string competent;
  if (a.is_staff()) {
    MC_ASSIGN(auto agency, catalogue_.agency(receiving));
    bool handles = std::find(handlers.begin(), handlers.end(), receiving) != handlers.end();
    if (!handles && !(agency && agency->type == "service_center") && !entry->rec.boundary_free)
      return make_error(ErrorKind::forbidden, "Cơ quan của bạn không tiếp nhận thủ tục này.", "not_reception_point");
    competent = handles ? receiving : handlers.front();
  } else {
    // The citizen chooses among the agencies handling the procedure (their commune, say).
    competent = handlers.front();
    if (!in.receiving_agency_id.empty()) {
      if (std::find(handlers.begin(), handlers.end(), in.receiving_agency_id) == handlers.end()) {
        Error e = make_error(ErrorKind::invalid, "Cơ quan đã chọn không giải quyết thủ tục này.");
        e.fields.push_back({"receiving_agency_id", e.detail});
        return e;
      }
      competent = in.receiving_agency_id;
    }
    receiving = competent;  // online dossiers are received by the competent agency's desk
  }
  auto w = std::make_shared<IntakeWork>();
  MC_ASSIGN(w->recv_agency, catalogue_.agency(receiving));
  if (!w->recv_agency) return make_error(ErrorKind::internal, "Thiếu cơ quan tiếp nhận");
  w->actor = a;
  w->note = in.note;
  w->receive = in.receive;
  w->idem_key = idem_key;
  w->request_hash = request_hash;
  w->online_per_day = cfg_.online_filings_per_day;
  w->now = now;
  w->cal = calendar();
  w->proc = entry;
  w->out.view.procedure = entry->rec;
  // Everything that does not need the store is prepared here, off the single writer.
  store::DossierRec& d = w->d;
  d.id = new_id();
  d.procedure_id = entry->rec.id;
  d.receiving_agency_id = receiving;
  d.competent_agency_id = competent;
  w->channel = in.channel;
  d.channel = int64_t(in.channel);
  d.state = std::string(dossier::to_string(dossier::State::submitted));
  const bool person = applicant.kind == dossier::ApplicantKind::citizen;
  d.owner_personal_id = a.is_citizen() ? a.id : (person ? applicant.id_number : "");
  d.applicant_name = applicant.full_name;
  d.applicant_name_folded = fold_vi(applicant.full_name);
  d.applicant_id_number = person ? applicant.id_number : applicant.tax_code;
  d.applicant_doc = json::serialize(applicant_record(applicant));
  d.submitted_at = now;
  d.created_at = d.updated_at = now;
  DossierDetails details;
  for (auto& k : in.components) details.components.push_back(ComponentRecord{k.name, k.kind, k.count, k.provided, ""});
  details.note = in.note;
  details.on_behalf = std::move(on_behalf);
  details.eform = in.eform;
  d.doc = details_json(details);
  w->population = population_counts(details.components, entry->population_components);
  if (!in.population_lookup_id.empty()) {
    if (!person) {
      Error e = make_error(ErrorKind::invalid, "Chỉ dùng thông tin từ Cơ sở dữ liệu quốc gia về dân cư cho người nộp là cá nhân.",
                           "population_lookup_invalid");
      e.fields.push_back({"population_lookup_id", e.detail});
      return e;
    }
    w->lookup_id = in.population_lookup_id;
    w->applicant = applicant;
    w->details = details;
  }
  w->as_submitted = d;
  if (in.receive) {
    // A complete counter dossier is received at once (form 01 with its appointment): the row
    // is written once, in its received state, with both history entries.
    dossier::Facts f;
    f.state = dossier::State::submitted;
    f.channel = in.channel;
    MC_ASSIGN(auto t, dossier::decide(f, dossier::Action::receive));
    d.state = std::string(dossier::to_string(t.to));
    MC_TRY(start_clock(d, *entry, *w->cal, now, w->receipt));
    d.version = 2;
  }
  if (db_.engine() == sql::Engine::postgres) MC_TRY(w->reserve_code(db_));
  return w;
}

// One citizen account files at most `online_per_day` dossiers online in any 24 hours, counted in
// the store (every process, every restart) inside the filing's own transaction.
Status DossierService::IntakeWork::check_daily_filings(sql::Connection& c) const {
  MC_ASSIGN(int64_t filed,
            store::count_filings_since(c, actor.id, int64_t(dossier::Channel::online), now - 24 * kHour));
  if (filed < online_per_day) return ok_status();
  Error e = make_error(ErrorKind::too_many,
                       "Tài khoản đã nộp " + std::to_string(filed) + " hồ sơ trực tuyến trong 24 giờ qua, tối đa " +
                           std::to_string(online_per_day) + ". Vui lòng nộp tiếp sau, hoặc liên hệ bộ phận một cửa.",
                       "filing_limit");
  e.retry_after_s = 3600;
  return e;
}

// A found lookup named by the filing completes the applicant (name as the database holds it;
// the address when none was given; birth date and gender) and satisfies the components the
// database replaces. Starts from the prepared applicant and details each time (rerunnable).
Status DossierService::IntakeWork::apply_lookup(sql::Connection& c) {
  auto refuse = [](ErrorKind kind, std::string why, const char* code) {
    Error e = make_error(kind, why, code);
    e.fields.push_back({"population_lookup_id", std::move(why)});
    return e;
  };
  MC_ASSIGN(auto rec, store::get_population_lookup(c, lookup_id));
  if (!rec || rec->asked_by != actor.label())
    return refuse(ErrorKind::invalid, "Không tìm thấy lần tra cứu Cơ sở dữ liệu quốc gia về dân cư này của bạn.",
                  "population_lookup_invalid");
  if (rec->status != "found")
    return refuse(ErrorKind::invalid,
                  "Lần tra cứu này không lấy được thông tin công dân: tra cứu lại, hoặc nộp giấy tờ thay thế.",
                  "population_lookup_invalid");
  if (rec->id_number != applicant.id_number)
    return refuse(ErrorKind::invalid,
                  "Lần tra cứu là của số định danh " + rec->id_number + ", không phải của người nộp hồ sơ.",
                  "population_lookup_invalid");
  if (rec->created_at + PopulationService::kValidity < now)
    return refuse(ErrorKind::invalid, "Lần tra cứu đã quá 24 giờ: hãy tra cứu lại.", "population_lookup_expired");
  MC_ASSIGN(bool mine, store::use_population_lookup(c, lookup_id, d.id));
  if (!mine)
    return refuse(ErrorKind::conflict, "Lần tra cứu này đã được dùng cho một hồ sơ khác: hãy tra cứu lại cho hồ sơ này.",
                  "population_lookup_used");
  lookup = *rec;
  const PersonRecord p = person_from_json(rec->person);
  Applicant a = applicant;
  if (!p.full_name.empty()) a.full_name = p.full_name;
  if (a.address.empty()) a.address = p.permanent_address.empty() ? p.current_address : p.permanent_address;
  a.birth_date = p.birth_date;
  a.gender = p.gender;
  a.data_source = std::string(catalogue::to_string(catalogue::DataSource::csdl_dan_cu));
  DossierDetails det = details;
  from_population.clear();
  for (auto& r : proc->population_components) {
    auto it = std::find_if(det.components.begin(), det.components.end(),
                           [&](const ComponentRecord& c) { return c.name == r.name; });
    if (it == det.components.end()) it = det.components.insert(det.components.end(), ComponentRecord{r.name, r.kind, r.count, true, ""});
    it->provided = true;
    it->source = a.data_source;
    from_population.push_back(r.name);
  }
  population = population_counts(det.components, proc->population_components);
  for (store::DossierRec* x : {&d, &as_submitted}) {
    x->applicant_name = a.full_name;
    x->applicant_name_folded = fold_vi(a.full_name);
    x->applicant_doc = json::serialize(applicant_record(a));
    x->doc = details_json(det);
  }
  return ok_status();
}

// What the national population database gave this dossier, in its history and audit, and the
// counters of reuse (each component satisfied) or of still asking (each handed in instead).
Status DossierService::IntakeWork::record_population(sql::Connection& c, DossierView* view) {
  // One per component, as kpi-verify recounts them from the stored dossier (population_counts).
  auto bump = [&](kpi::Metric m, int64_t n) -> Status {
    for (int64_t i = 0; i < n; ++i) MC_TRY(bump_metric(c, d, m, now));
    return ok_status();
  };
  MC_TRY(bump(kpi::Metric::population_asked, population.asked));
  if (from_population.empty()) return ok_status();
  json::array comps;
  for (auto& n : from_population) comps.push_back(json::value(n));
  ChangeRecord used{&actor, std::string(dossier::to_string(dossier::Entry::population_data_used)), as_submitted.state,
                    std::string(catalogue::data_source_name_vi(catalogue::DataSource::csdl_dan_cu)),
                    {{"lookup_id", lookup.id}, {"looked_up_at", lookup.created_at}, {"asked_by", lookup.asked_by},
                     {"consent", lookup.consent}, {"source", "csdl_dan_cu"}, {"components", std::move(comps)}}};
  used.sync = false;
  MC_TRY(record_change(c, as_submitted, used, now, view));
  return bump(kpi::Metric::population_reused, population.reused);
}

Status DossierService::IntakeWork::write(sql::Connection& c) {
  const Actor& a = actor;
  out.replayed = false;  // rerunnable (Database::write_async): everything below is overwritten
  // The intake hash is the body's alone (as recorded since keys were introduced); no copies
  // for the usual keyless intake.
  const Idempotency idem = idem_key.empty() ? Idempotency{} : Idempotency{a.label(), idem_key, request_hash};
  MC_ASSIGN(Created made, with_idempotency(c, idem, now, [&]() -> Result<std::string> {
    const Date today = local_date(now);
    if (channel == dossier::Channel::online && a.is_citizen()) MC_TRY(check_daily_filings(c));
    if (!reserved) MC_TRY(take_code(c));  // SQLite: in this transaction (its writer is single anyway)
    MC_ASSIGN(d.code, dossier::format_dossier_code(recv_agency->eid, today, int(*seq)));
    as_submitted.code = d.code;
    if (!lookup_id.empty()) MC_TRY(apply_lookup(c));
    MC_TRY(store::insert_dossier(c, d));
    // One national-portal sync per transaction: the received state when received at once.
    ChangeRecord first{&a, std::string(dossier::to_string(dossier::Entry::intake)), "", note, {}};
    first.sync = !receive;
    first.audit = !receive;  // received at once: one audit record, "intake", for both entries
    // The answer is built from what this transaction wrote: no read-back.
    DossierView& view = out.view;
    view.events.clear();
    view.steps.clear();
    MC_TRY(record_change(c, as_submitted, first, now, &view));
    MC_TRY(record_population(c, &view));
    if (receive) {
      MC_TRY(write_reception_steps(c, *cal, d, *proc, a, now, &view));
      ChangeRecord received{&a, std::string(dossier::to_string(dossier::Action::receive)),
                            std::string(dossier::to_string(dossier::State::submitted)), "", receipt};
      received.audit_action = std::string(dossier::to_string(dossier::Entry::intake));
      received.before = &as_submitted;
      MC_TRY(record_change(c, d, received, now, &view));
    }
    return d.id;
  }));
  if (made.replayed) {
    out.view.dossier.id = std::move(made.id);  // finish_intake reads it back
    out.replayed = true;
    return ok_status();
  }
  out.view.dossier = d;
  return ok_status();
}

void DossierService::intake_async(const Actor& a, const IntakeInput& in, const std::string& idem_key,
                       const std::string& request_hash, std::function<void(Result<IntakeCommit>)> done) {
  auto w = prepare_intake(a, in, idem_key, request_hash);
  if (!w.ok()) return done(w.error());
  std::shared_ptr<IntakeWork> work = std::move(*w);
  db_.write_async([work](sql::Connection& c) { return work->write(c); },
                   [work, done = std::move(done)](Status st) {
                     if (!st.ok()) return done(st.error());
                     done(std::move(work->out));
                   });
}

Result<DossierView> DossierService::finish_intake(const Actor& a, IntakeCommit c) {
  if (c.replayed) return dossier(a, c.view.dossier.id);
  const Millis now = this->now();
  annotate_due(c.view, now);
  annotate_rights(a, c.view);
  // The reception step is the officer's own (write_reception_steps): named as a read would.
  for (auto& s : c.view.steps)
    if (!s.assignee_id.empty() && s.assignee_id == a.id) c.view.assignee_names[a.id] = a.full_name;
  // The answer says what the desk may do next, as a read of the dossier would.
  MC_ASSIGN(auto proc, catalogue_.procedure(c.view.dossier.procedure_id));
  if (proc) MC_TRY(annotate_actions(a, c.view, *proc, now));
  return std::move(c.view);
}

Result<DossierService::Filing> DossierService::prepare_filing(const Actor& a, const IntakeInput& in) {
  if (!a.is_citizen() || in.channel != dossier::Channel::online || in.receive)
    return make_error(ErrorKind::forbidden, "Chỉ công dân nộp hồ sơ trực tuyến từ bản nháp.", "role_not_allowed");
  MC_ASSIGN(auto w, prepare_intake(a, in, "", ""));
  return Filing{std::move(w)};
}

Result<store::DossierRec> DossierService::write_filing(sql::Connection& c, Filing& f,
                                                       std::vector<store::DocumentRec> documents) {
  IntakeWork& w = *f.work;
  MC_TRY(w.write(c));
  const store::DossierRec& d = w.d;
  for (auto& doc : documents) {
    doc.dossier_id = d.id;
    MC_TRY(store::insert_document(c, doc));
    MC_TRY(record_change(c, d, ChangeRecord{&w.actor, std::string(dossier::to_string(dossier::Entry::document_added)),
                                            d.state, doc.file_name,
                                            {{"document_id", doc.id}, {"sha256", doc.sha256}, {"size", doc.size_bytes},
                                             {"content_type", doc.content_type}}, false}, w.now));
  }
  return d;
}

Result<DossierView> DossierService::intake(const Actor& a, const IntakeInput& in, const std::string& idem_key,
                                const std::string& request_hash) {
  std::promise<Result<IntakeCommit>> p;
  auto f = p.get_future();
  intake_async(a, in, idem_key, request_hash, [&p](Result<IntakeCommit> r) { p.set_value(std::move(r)); });
  MC_ASSIGN(auto c, f.get());
  return finish_intake(a, std::move(c));
}

}  // namespace motcua::app

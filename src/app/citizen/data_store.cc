// Kho dữ liệu của tôi: the documents a citizen submitted and the results issued to them, used
// again in another of their dossiers by reference (the blob store is content-addressed: no byte
// is copied) and counted; what a procedure still asks of them ("never ask twice").
#include <algorithm>
#include <map>
#include <set>

#include <boost/json.hpp>

#include "app/blob_store.h"
#include "app/citizen/citizen_service.h"
#include "app/citizen/data_store.h"
#include "app/dossier/details.h"
#include "app/dossier/support.h"
#include "app/idempotency.h"
#include "app/journal.h"
#include "common/crypto.h"
#include "domain/dossier/document_rules.h"
#include "domain/dossier/history.h"
#include "domain/kpi/metric.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;

namespace {

Error document_not_found() { return make_error(ErrorKind::not_found, "Không tìm thấy tài liệu trong kho dữ liệu của bạn."); }

// The national databases a component's data may come from (data/seed: replaceable_by).
std::string_view source_name(std::string_view id) {
  if (id == "csdl_dan_cu") return "Cơ sở dữ liệu quốc gia về dân cư";
  if (id == "csdl_ho_tich") return "Cơ sở dữ liệu hộ tịch điện tử";
  if (id == "csdl_dat_dai") return "Cơ sở dữ liệu quốc gia về đất đai";
  return "";
}

}  // namespace

Result<std::optional<store::OwnedDocument>> data_store_document(sql::Connection& c, const Actor& a,
                                                                const std::string& document_id,
                                                                const std::string& files_dir) {
  using None = std::optional<store::OwnedDocument>;
  if (!a.is_citizen()) return None{};
  MC_ASSIGN(auto source, store::owned_document(c, a.id, document_id));
  if (!source) return None{};
  if (source->doc.uploaded_by != a.label()) {
    MC_ASSIGN(auto from, store::get_dossier(c, source->doc.dossier_id));
    auto r = from ? parse_details(from->doc).result : std::nullopt;
    if (!r || r->document_id != source->doc.id || !(from->flags & store::kResultReady)) return None{};
  }
  if (!BlobStore(files_dir).contains(source->doc.sha256)) return None{};
  return source;
}

NationalDatabases CitizenService::national_databases() const {
  if (connected_ && connected_("csdl_dan_cu"))
    return NationalDatabases{true,
                             "Hệ thống đã kết nối với Cơ sở dữ liệu quốc gia về dân cư: khi bạn đồng ý, thông tin nhân "
                             "thân và cư trú được lấy từ đó và bạn không phải nộp các giấy tờ này. Hộ tịch và đất đai "
                             "chưa kết nối: các giấy tờ đó vẫn cần nộp."};
  // No national database is connected: every component is still asked for.
  return NationalDatabases{false,
                           "Hệ thống chưa kết nối với các cơ sở dữ liệu quốc gia (dân cư, hộ tịch, đất đai). Bạn vẫn "
                           "cần nộp các giấy tờ này; khi kết nối xong, hệ thống sẽ tự lấy dữ liệu và không yêu cầu "
                           "bạn nộp lại."};
}

Result<std::vector<MyDocument>> CitizenService::my_documents(const Actor& a) {
  if (!a.is_citizen())
    return make_error(ErrorKind::forbidden, "Kho dữ liệu dành cho công dân và tổ chức nộp hồ sơ.", "citizens_only");
  std::vector<store::OwnedDocument> docs;
  std::set<std::string> results;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(docs, store::owned_documents(c, a.id, 1000));
    MC_ASSIGN(auto details, store::result_details_of(c, a.id));
    for (auto& [id, text] : details)
      if (auto r = parse_details(text).result; r && !r->document_id.empty()) results.insert(r->document_id);
    return ok_status();
  }));
  const std::string me = a.label();
  std::vector<MyDocument> out;
  std::set<std::string> seen;  // one entry per content, the first one: a reused copy is the same document
  for (auto it = docs.rbegin(); it != docs.rend(); ++it) {  // oldest first
    auto& o = *it;
    const bool is_result = results.count(o.doc.id) > 0;
    if (!is_result && o.doc.uploaded_by != me) continue;
    if (!seen.insert(o.doc.sha256).second) continue;
    MyDocument m{o, is_result ? "result" : "submitted", "", ""};
    if (auto p = catalogue_.procedure(o.procedure_id); p.ok() && *p) m.procedure_name = (*p)->rec.name;
    out.push_back(std::move(m));
  }
  std::reverse(out.begin(), out.end());  // newest first
  return out;
}

Result<std::vector<MyComponent>> CitizenService::components(const Actor& a, const std::string& procedure_id) {
  MC_ASSIGN(auto p, catalogue_.procedure(procedure_id));
  if (!p) return make_error(ErrorKind::not_found, "Không tìm thấy thủ tục.");
  std::vector<MyDocument> store_docs;
  if (a.is_citizen()) {
    MC_ASSIGN(store_docs, my_documents(a));
  }
  std::vector<MyComponent> out;
  json::object doc = detail::parse_doc(p->rec.doc);
  if (auto* comps = doc.if_contains("components"); comps && comps->is_array()) {
    for (auto& v : comps->as_array()) {
      if (!v.is_object()) continue;
      auto& o = v.as_object();
      MyComponent m;
      if (auto* x = o.if_contains("name"); x && x->is_string()) m.name = std::string(x->as_string());
      if (auto* x = o.if_contains("kind"); x && x->is_string()) m.kind = std::string(x->as_string());
      if (auto* x = o.if_contains("count"); x && x->is_int64()) m.count = x->as_int64();
      if (auto* x = o.if_contains("replaceable_by"); x && x->is_string()) m.replaceable_by = std::string(x->as_string());
      m.source_name = std::string(source_name(m.replaceable_by));
      m.asked = m.replaceable_by.empty() || !connected_ || !connected_(m.replaceable_by);
      for (auto& d : store_docs)
        if (d.owned.doc.component == m.name) m.reusable.push_back(d);
      out.push_back(std::move(m));
    }
  }
  return out;
}

Result<store::DocumentRec> CitizenService::reuse_document(const Actor& a, const std::string& dossier_id,
                                                          const std::string& source_id, const std::string& component,
                                                          const std::string& idem_key, const std::string& body_hash) {
  if (!a.is_citizen())
    return make_error(ErrorKind::forbidden, "Kho dữ liệu dành cho công dân và tổ chức nộp hồ sơ.", "citizens_only");
  const Idempotency idem = idempotency(a, idem_key, "document_reuse", dossier_id, body_hash);
  const Millis now = this->now();
  dossier::UploadLimits limits;
  limits.max_file_bytes = cfg_.max_file_mb << 20;
  limits.max_dossier_bytes = cfg_.max_dossier_mb << 20;
  std::string made_id;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(bool exists, store::lock_dossier(c, dossier_id));  // uploads to one dossier take turns
    if (!exists) return make_error(ErrorKind::not_found, "Không tìm thấy hồ sơ.");
    MC_ASSIGN(auto d, store::get_dossier(c, dossier_id));
    if (!d || d->owner_personal_id != a.id) return make_error(ErrorKind::not_found, "Không tìm thấy hồ sơ.");
    MC_ASSIGN(Created made, with_idempotency(c, idem, now, [&]() -> Result<std::string> {
      if (!dossier::is(d->state, dossier::State::submitted) && !dossier::is(d->state, dossier::State::supplement_requested))
        return make_error(ErrorKind::conflict, "Chỉ bổ sung tài liệu khi hồ sơ chờ tiếp nhận hoặc được yêu cầu bổ sung.",
                          "documents_closed");
      // The source must be in the citizen's data store: their own upload or a result issued to them.
      MC_ASSIGN(auto source, data_store_document(c, a, source_id, cfg_.files_dir));
      if (!source) return document_not_found();
      if (source->doc.dossier_id == dossier_id)
        return make_error(ErrorKind::conflict, "Tài liệu này đã có trong hồ sơ.", "already_attached");
      MC_ASSIGN(auto existing, store::list_documents(c, dossier_id));
      int64_t total = 0;
      for (auto& e : existing) total += e.size_bytes;
      MC_TRY(dossier::check_upload_size(limits, source->doc.size_bytes, total, int(existing.size())));
      store::DocumentRec doc{new_id(), dossier_id, component.empty() ? source->doc.component : component,
                             source->doc.file_name, source->doc.content_type, source->doc.size_bytes,
                             source->doc.sha256, a.label(), now};
      MC_TRY(store::insert_document(c, doc));
      MC_TRY(detail::count_digitised_upload(c, *d, std::move(existing), doc, now));
      MC_TRY(store::insert_reuse(c, store::ReuseRec{doc.id, dossier_id, source->doc.id, a.label(), now}));
      MC_TRY(detail::record_change(
          c, *d,
          detail::ChangeRecord{&a, std::string(dossier::to_string(dossier::Entry::document_added)), d->state, doc.file_name,
                               {{"document_id", doc.id}, {"sha256", doc.sha256}, {"size", doc.size_bytes},
                                {"content_type", doc.content_type}, {"reused_from", source->doc.id}},
                               /*sync=*/false},
          now));
      MC_TRY(detail::bump_metric(c, *d, kpi::Metric::documents_reused, now));
      return doc.id;
    }));
    made_id = made.id;
    return ok_status();
  }));
  store::DocumentRec out;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto docs, store::list_documents(c, dossier_id));
    for (auto& d : docs)
      if (d.id == made_id) out = d;
    return ok_status();
  }));
  if (out.id.empty()) return make_error(ErrorKind::internal, "Không đọc lại được tài liệu vừa gắn");
  return out;
}

}  // namespace motcua::app

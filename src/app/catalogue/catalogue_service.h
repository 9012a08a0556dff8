// The procedure catalogue: published procedure versions (a change is a new version with its
// effective date; dossiers keep the version they were filed under) and their internal process.
#pragma once
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/catalogue_cache.h"
#include "common/result.h"
#include "common/time.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::app {

struct ProcessStepInput {
  std::string name, role, agency;  // agency: receiving | competent
  int64_t hours = 0;
};

struct FeeInput {
  std::string code, name;
  int64_t amount_vnd = 0;
};

struct NewVersionInput {
  std::string effective_from;
  int64_t time_amount = 0;
  std::string time_unit;
  std::vector<ProcessStepInput> process;
  std::optional<std::vector<std::string>> handling_agencies;  // absent = those of the base version
  // The VNeID assurance level online filing needs (0–2); absent = that of the base version.
  std::optional<int64_t> min_assurance;
  // Changes accepted from the national procedure database (NationalSyncService::accept_catalogue_
  // change); absent = as the base version. A fee whose code the base has keeps its other terms
  // (when it is collected); a component whose name the base has keeps its kind, count, template
  // and replaceable_by; new ones are plain originals, one copy.
  std::optional<std::string> name, field;
  std::optional<std::vector<FeeInput>> fees;
  std::optional<std::vector<std::string>> components;
  std::string source;  // where the change comes from, recorded on the version and in the audit
  // What an Idempotency-Key stands for ("" = "procedure.version" of the base version): a use case
  // on top (accepting national changes) keys its own request, checked before it reads anything.
  std::string idempotency_kind, idempotency_object;
};

// What the public catalogue is asked (GET /api/v1/procedures): every filter optional.
struct ProcedureSearch {
  std::string query;         // as typed; folded and matched by catalogue::search_score
  std::string agency_id;     // procedures this agency handles (a service centre: all)
  std::string field;         // exact field name ("Hộ tịch")
  std::string level;         // "province" | "commune" | …, exact
  std::string online_level;  // "full" | "partial" | "none" | "unknown", exact
  std::string in_force_on;   // "YYYY-MM-DD": only the version in force that day per national code
  int limit = 200;
};

// The procedures citizens file most (the portal's home page): dossiers per national code over the
// 12 local months ending with this one, each shown as its version in force today.
struct MostUsed {
  std::vector<std::pair<store::ProcedureRec, int64_t>> items;  // most filed first
  std::string from_month, to_month;                          // "2025-12" … "2026-11"
  Millis computed_at = 0;
};

struct ProcedureHits {
  std::vector<store::ProcedureRec> items;                 // best match first (no query: field, name)
  std::vector<std::pair<std::string, int64_t>> fields;  // every field among the matches, with counts
};

class CatalogueService {
 public:
  CatalogueService(sql::Database& db, CatalogueCache& catalogue) : db_(db), catalogue_(catalogue) {}

  Result<std::vector<store::ProcedureRec>> procedures(const std::string& agency_id, const std::string& query, int limit);
  Result<store::ProcedureRec> procedure(const std::string& id);
  // The catalogue as citizens search it: forgiving of diacritics, spelling and word order.
  Result<ProcedureHits> search(const ProcedureSearch& s);
  // New versions: province admins only.
  Result<store::ProcedureRec> new_procedure_version(const Actor& a, const std::string& base_id,
                                                    const NewVersionInput& in, const std::string& idempotency_key = {},
                                                    const std::string& body_hash = {});
  Result<std::vector<store::ProcedureRec>> procedure_versions(const Actor& a, const std::string& id);
  // Cheap on every request: a closed month's counts are read once (one range of the index
  // dossiers_created_procedure) and kept; the current month's are read again at most every
  // kUsageRefresh. No request scans all dossiers.
  Result<MostUsed> most_used(int limit);
  static constexpr Millis kUsageRefresh = 10 * kMinute;

 private:
  // Every procedure version, for search: re-read at most once a minute (other processes'
  // new versions appear within it) and at once after this process added one.
  Result<std::shared_ptr<const std::vector<store::ProcedureRec>>> all_versions();

  sql::Database& db_;
  CatalogueCache& catalogue_;
  std::mutex all_mu_;
  std::shared_ptr<const std::vector<store::ProcedureRec>> all_;
  std::chrono::steady_clock::time_point all_loaded_{};
  // most_used: counts per procedure version by month "YYYY-MM" (closed months, and the current
  // one read at current_read_).
  std::mutex usage_mu_;
  std::map<std::string, std::vector<std::pair<std::string, int64_t>>> usage_;
  std::string current_month_;
  Millis current_read_ = 0;
};

}  // namespace motcua::app

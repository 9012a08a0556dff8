// The catalogue as the request path needs it, kept in memory: a procedure version never changes
// once published (a change is a new version), so its record, handling agencies and parsed
// internal process are loaded once; agencies are refreshed every minute.
#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::app {

// One step of a procedure's internal process (doc.process), in order.
struct ProcessStep {
  int64_t step;
  std::string name, role, agency;  // agency: "receiving" | "competent" | an agency id
  int64_t hours;                   // allotted working hours
};

// The internal process of a procedure; a default four-step process when none is published.
std::vector<ProcessStep> process_of(const store::ProcedureRec& p);

struct ProcedureEntry {
  store::ProcedureRec rec;
  std::vector<std::string> handlers;  // agencies competent to decide it
  std::vector<ProcessStep> steps;
};

class CatalogueCache {
 public:
  explicit CatalogueCache(sql::Database& db) : db_(db) {}
  // nullptr when there is no such procedure version / agency.
  Result<std::shared_ptr<const ProcedureEntry>> procedure(const std::string& id);
  Result<std::shared_ptr<const store::AgencyRec>> agency(const std::string& id);

 private:
  struct AgencySlot {
    std::shared_ptr<const store::AgencyRec> rec;
    Millis loaded_at = 0;
  };
  sql::Database& db_;
  std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const ProcedureEntry>> procedures_;
  std::unordered_map<std::string, AgencySlot> agencies_;
};

}  // namespace motcua::app

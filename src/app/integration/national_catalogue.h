// The procedure catalogue as the national procedure database publishes it (Cơ sở dữ liệu quốc gia
// về thủ tục hành chính), compared with ours. The export comes through a port implemented by the
// adapter (integrations/dvcqg: LayDanhSachTTHC); the comparison is pure.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/calendar/deadline.h"
#include "store/records.h"

namespace motcua::app {

// A fee as the national export lists it (PHILEPHI: MAPHILEPHI, MOTA, SOTIEN, DONVI).
struct NationalFee {
  std::string code, name;
  int64_t amount_vnd = 0;
};

// One procedure of the national export, in our terms.
struct NationalProcedureRecord {
  std::string national_code, name, field;
  int64_t time_amount = 0;
  std::optional<calendar::TimeUnit> time_unit;  // nullopt: a unit we do not know (not compared)
  // Fees and components (THANHPHANHOSO[].GIAYTO[].TENGIAYTO); compared only when the export
  // lists them (an export without the list says nothing about ours).
  std::optional<std::vector<NationalFee>> fees;
  std::optional<std::vector<std::string>> components;
};

class NationalCatalogueSource {
 public:
  virtual ~NationalCatalogueSource() = default;
  virtual Result<std::vector<NationalProcedureRecord>> fetch() = 0;
};

struct FieldChange {
  std::string field, ours, theirs;
};
// One national code whose record differs from our latest version ("changed"), that we do not
// have ("new"), or that the export no longer lists ("missing").
struct CatalogueChange {
  std::string national_code, kind, procedure_id, name;
  int64_t version = 0;  // our latest version (0 for "new")
  std::vector<FieldChange> changes;
};

// `ours`: every version we hold (any order). Changes sorted by national code. The fields compared:
// name, field, time_limit, fees (code and amount, in any order), components (names, in any order).
std::vector<CatalogueChange> compare_catalogue(const std::vector<NationalProcedureRecord>& theirs,
                                               const std::vector<store::ProcedureRec>& ours);

// How fees and components are shown in a FieldChange ("LP01 8.000 đ; LP02 0 đ", names joined by "; ").
std::string fees_text(const std::vector<NationalFee>& fees);
std::string components_text(std::vector<std::string> names);
// Ours, read from a version's record (`fees[]`, `components[]`).
std::vector<NationalFee> national_fees_of(const store::ProcedureRec& p);
std::vector<std::string> component_names_of(const store::ProcedureRec& p);

}  // namespace motcua::app

#include "integrations/dvcqg/catalogue_source.h"

#include <cstdlib>

namespace motcua::integrations::dvcqg {
namespace json = boost::json;

namespace {
std::string str(const json::object& o, const char* k) {
  auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}
const json::object* first(const json::object& o, const char* k) {
  auto* v = o.if_contains(k);
  if (!v || !v->is_array() || v->as_array().empty() || !v->as_array()[0].is_object()) return nullptr;
  return &v->as_array()[0].as_object();
}
}  // namespace

Result<app::NationalProcedureRecord> parse_export_record(const json::value& v) {
  if (!v.is_object()) return make_error(ErrorKind::invalid, "Bản ghi thủ tục không phải đối tượng JSON");
  const auto& o = v.as_object();
  app::NationalProcedureRecord r;
  r.national_code = str(o, "MATTHC");
  if (r.national_code.empty()) return make_error(ErrorKind::invalid, "Bản ghi thủ tục thiếu MATTHC");
  r.name = str(o, "TENTTHC");
  if (auto* f = first(o, "LINHVUCTHUCHIEN")) r.field = str(*f, "TENLINHVUC");
  if (auto* way = first(o, "CACHTHUCTHUCHIEN"))
    if (auto* t = first(*way, "THOIGIAN")) {
      auto* amount = t->if_contains("THOIGIANGIAIQUYET");
      if (amount && amount->is_int64()) r.time_amount = amount->as_int64();
      else if (amount && amount->is_string()) {
        try {
          r.time_amount = std::stoll(std::string(amount->as_string()));
        } catch (...) {
          r.time_amount = 0;
        }
      }
      r.time_unit = calendar::time_unit_from_national(str(*t, "DONVITINH"));
      // Fees of the first way of filing (OpenCPS reads PHILEPHI there): MAPHILEPHI, MOTA, SOTIEN.
      if (auto* fees = t->if_contains("PHILEPHI"); fees && fees->is_array()) {
        std::vector<app::NationalFee> list;
        for (auto& f : fees->as_array()) {
          if (!f.is_object()) continue;
          const auto& fo = f.as_object();
          app::NationalFee fee{str(fo, "MAPHILEPHI"), str(fo, "MOTA"), 0};
          if (auto* a = fo.if_contains("SOTIEN")) {
            if (a->is_int64()) fee.amount_vnd = a->as_int64();
            else if (a->is_double()) fee.amount_vnd = int64_t(a->as_double() + 0.5);
            else if (a->is_string()) fee.amount_vnd = std::atoll(std::string(a->as_string()).c_str());
          }
          if (fee.amount_vnd < 0 || fee.amount_vnd > 1'000'000'000'000) fee.amount_vnd = 0;
          list.push_back(std::move(fee));
        }
        r.fees = std::move(list);
      }
    }
  // Components: THANHPHANHOSO[].GIAYTO[].TENGIAYTO (as OpenCPS reads them).
  if (auto* parts = o.if_contains("THANHPHANHOSO"); parts && parts->is_array()) {
    std::vector<std::string> names;
    for (auto& part : parts->as_array()) {
      if (!part.is_object()) continue;
      auto* papers = part.as_object().if_contains("GIAYTO");
      if (!papers || !papers->is_array()) continue;
      for (auto& g : papers->as_array())
        if (g.is_object())
          if (auto n = str(g.as_object(), "TENGIAYTO"); !n.empty() && n.size() <= 1000) names.push_back(std::move(n));
    }
    r.components = std::move(names);
  }
  return r;
}

Result<std::vector<app::NationalProcedureRecord>> CatalogueSource::fetch() {
  MC_ASSIGN(auto answer, client_->call("LayDanhSachTTHC", json::object{}));
  std::vector<app::NationalProcedureRecord> out;
  auto* result = answer.if_contains("result");
  if (!result || !result->is_array())
    return make_error(ErrorKind::unavailable, "Cổng DVCQG trả lời danh mục không có result");
  for (auto& item : result->as_array()) {
    auto r = parse_export_record(item);
    if (r.ok()) out.push_back(std::move(*r));
  }
  return out;
}

}  // namespace motcua::integrations::dvcqg

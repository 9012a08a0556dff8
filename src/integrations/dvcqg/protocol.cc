#include "integrations/dvcqg/protocol.h"

#include "domain/dossier/transitions.h"

namespace motcua::integrations::dvcqg {
namespace json = boost::json;

namespace {
std::string str(const json::object& o, const char* k) {
  auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}
int64_t i64(const json::object& o, const char* k) {
  auto* v = o.if_contains(k);
  return v && v->is_int64() ? v->as_int64() : v && v->is_uint64() ? int64_t(v->as_uint64()) : 0;
}
}  // namespace

Result<SyncEvent> parse_sync_event(const std::string& payload) {
  boost::system::error_code ec;
  auto v = json::parse(payload, ec);
  if (ec || !v.is_object()) return make_error(ErrorKind::invalid, "Thông điệp đồng bộ không phải JSON hợp lệ");
  const auto& o = v.as_object();
  SyncEvent e;
  e.code = str(o, "code");
  if (e.code.empty()) return make_error(ErrorKind::invalid, "Thông điệp đồng bộ thiếu mã hồ sơ");
  e.dossier_id = str(o, "dossier_id");
  if (e.dossier_id.empty()) e.dossier_id = e.code;  // rows written before the payload named the dossier
  e.procedure_id = str(o, "procedure_id");
  e.receiving_agency_id = str(o, "receiving_agency_id");
  e.competent_agency_id = str(o, "competent_agency_id");
  e.applicant_name = str(o, "applicant_name");
  e.action = str(o, "action");
  e.actor = str(o, "actor");
  e.note = str(o, "note");
  e.status = i64(o, "status");
  e.channel = o.contains("channel") ? i64(o, "channel") : 1;
  e.at = i64(o, "at");
  e.submitted_at = i64(o, "submitted_at");
  e.received_at = i64(o, "received_at");
  e.due_at = i64(o, "due_at");
  e.resolved_at = i64(o, "resolved_at");
  e.returned_at = i64(o, "returned_at");
  return e;
}

json::object dossier_item(const SyncEvent& e, const Facts& f) {
  // Field names as OpenCPS's DVCQGIntegrationActionImpl.createSyncDossierBodyRequest sends them.
  return json::object{
      {"MaHoSo", e.code},
      {"MaTTHC", f.procedure.national_code},
      {"TenTTHC", f.procedure.name},
      {"MaLinhVuc", ""},
      {"TenLinhVuc", f.procedure.field},
      {"ChuHoSo", e.applicant_name},
      {"LoaiDoiTuong", "1"},
      {"MaDoiTuong", ""},
      {"NgayTiepNhan", national_time(e.received_at ? e.received_at : e.submitted_at)},
      {"NgayHenTra", national_time(e.due_at)},
      {"TrangThaiHoSo", std::to_string(e.status)},
      {"NgayTra", national_time(e.returned_at)},
      {"NgayKetThucXuLy", national_time(e.resolved_at)},
      {"HinhThuc", dossier::channel_from_code(int(e.channel)) == dossier::Channel::post ? "1" : "0"},  // 1: result by post
      {"KenhThucHien", std::to_string(e.channel)},
      {"DonViXuLy", f.competent.name},
      {"MaDonViXuLy", f.competent.eid},
      {"DonViTiepNhan", f.receiving.name},
      {"TaiLieuNop", json::array{}},
      {"DanhSachLePhi", json::array{}},
      {"DanhSachTepDinhKemKhac", json::array{}},
      {"DanhSachHoSoBoSung", json::array{}},
      {"DanhSachGiayToKetQua", json::array{}},
  };
}

json::object progress_item(const SyncEvent& e, const Facts& f) {
  // As createSyncDossierStatusBodyRequest: who acted, when, what, and the resulting status.
  std::string note = e.note;
  if (note.size() > 500) {
    size_t cut = 500;
    while (cut > 0 && (static_cast<unsigned char>(note[cut]) & 0xC0) == 0x80) --cut;
    note.resize(cut);
  }
  return json::object{
      {"MaHoSo", e.code},
      {"NguoiXuLy", e.actor},
      {"ChucDanh", ""},
      {"ThoiDiemXuLy", national_time(e.at)},
      {"PhongBanXuLy", f.competent.name},
      {"NoiDungXuLy", note.empty() ? e.action : note},
      {"TrangThai", std::to_string(e.status)},
      {"NgayBatDau", national_time(e.received_at)},
      {"NgayKetThucTheoQuyDinh", national_time(e.due_at)},
  };
}

std::string request_body(const std::string& session, const std::string& madonvi, const std::string& service,
                         json::object item, std::optional<bool> is_updating) {
  json::object o{{"session", session}, {"madonvi", madonvi}, {"service", service}};
  if (is_updating) o["isUpdating"] = *is_updating ? "True" : "False";
  o["data"] = json::array{std::move(item)};
  return json::serialize(o);
}

std::string login_body(const std::string& username, const std::string& password) {
  return json::serialize(json::object{{"username", username}, {"password", password}});
}

Answer classify(long http_status, const std::string& body) {
  Answer a;
  if (http_status == 401) return {Outcome::session_expired, "Cổng DVCQG trả lời 401: phiên làm việc không hợp lệ", ""};
  if (http_status >= 500 || http_status == 429 || http_status == 408)
    return {Outcome::transient, "Cổng DVCQG trả lời lỗi HTTP " + std::to_string(http_status), ""};
  if (http_status != 200)
    return {Outcome::refused, "Cổng DVCQG từ chối (HTTP " + std::to_string(http_status) + ")", ""};
  boost::system::error_code ec;
  auto v = json::parse(body, ec);
  if (ec || !v.is_object() || !v.as_object().contains("error_code"))
    return {Outcome::transient, "Cổng DVCQG trả lời không đúng định dạng (không phải JSON có error_code)", ""};
  const auto& o = v.as_object();
  const auto& c = o.at("error_code");
  int64_t code = -999;
  if (c.is_int64()) code = c.as_int64();
  else if (c.is_uint64()) code = int64_t(c.as_uint64());
  else if (c.is_string()) {
    std::string s(c.as_string());
    try {
      size_t used = 0;
      code = std::stoll(s, &used);
      if (used != s.size()) code = -999;
    } catch (...) {
      code = -999;
    }
  }
  std::string message = str(o, "message");
  if (message.size() > 300) {
    size_t cut = 300;
    while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) --cut;
    message.resize(cut);
  }
  if (code == -999) return {Outcome::transient, "Cổng DVCQG trả lời error_code không đọc được", ""};
  if (code == 0) return {Outcome::ok, "", str(o, "session")};
  if (code == -1) return {Outcome::session_expired, "Phiên làm việc với Cổng DVCQG đã hết hạn", ""};
  return {Outcome::refused, "Cổng DVCQG từ chối (mã " + std::to_string(code) + "): " + message, ""};
}

}  // namespace motcua::integrations::dvcqg

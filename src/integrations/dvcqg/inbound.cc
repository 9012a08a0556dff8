#include "integrations/dvcqg/inbound.h"

#include <chrono>
#include <cstdio>

namespace motcua::integrations::dvcqg {
namespace json = boost::json;

namespace {
std::string str(const json::object& o, const char* k) {
  auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}
}  // namespace

Result<Offered> parse_offered(const json::value& item) {
  if (!item.is_object()) return make_error(ErrorKind::invalid, "Hồ sơ từ Cổng không phải đối tượng JSON");
  const auto& o = item.as_object();
  Offered out;
  auto& d = out.dossier;
  d.national_code = str(o, "MaHoSo");
  d.procedure_code = str(o, "MaTTHC");
  d.agency_eid = str(o, "MaDonVi");
  d.applicant_name = str(o, "ChuHoSo");
  d.applicant_id_number = str(o, "SoDinhDanh");
  d.phone = str(o, "SoDienThoai");
  d.email = str(o, "Email");
  d.address = str(o, "DiaChi");
  if (d.national_code.empty() || d.procedure_code.empty() || d.agency_eid.empty() || d.applicant_name.empty() ||
      d.applicant_id_number.empty())
    return make_error(ErrorKind::invalid, "Hồ sơ từ Cổng thiếu MaHoSo, MaTTHC, MaDonVi, ChuHoSo hoặc SoDinhDanh");
  if (auto* files = o.if_contains("TaiLieuNop"); files && files->is_array()) {
    for (auto& f : files->as_array()) {
      if (!f.is_object()) continue;
      Offered::File file{str(f.as_object(), "MaThanhPhanHoSo"), str(f.as_object(), "TenTepDinhKem"),
                         str(f.as_object(), "DuongDanTaiTepTin")};
      if (file.url.empty() || file.name.empty())
        return make_error(ErrorKind::invalid, "Tệp của hồ sơ từ Cổng thiếu tên hoặc đường dẫn");
      if (file.component.empty()) file.component = file.name;
      out.files.push_back(std::move(file));
    }
  }
  if (out.files.size() > 50) return make_error(ErrorKind::invalid, "Hồ sơ từ Cổng có quá nhiều tệp");
  return out;
}

InboundPuller::InboundPuller(std::shared_ptr<PortalClient> client, app::NationalSyncService& national,
                             int64_t max_file_bytes, Millis interval)
    : client_(std::move(client)), national_(national), max_file_bytes_(max_file_bytes), interval_(interval) {}

InboundPuller::~InboundPuller() { stop(); }

Result<PullReport> InboundPuller::pull_once() {
  PullReport rep;
  MC_ASSIGN(auto answer, client_->call("LayDanhSachHoSoMoi", json::object{}));
  auto* result = answer.if_contains("result");
  if (!result || !result->is_array()) return rep;
  for (auto& item : result->as_array()) {
    ++rep.offered;
    auto fail = [&](const std::string& why) {
      ++rep.failed;
      rep.errors.push_back(why);
    };
    auto offered = parse_offered(item);
    if (!offered.ok()) {
      fail(offered.error().detail);
      continue;
    }
    bool fetched = true;
    for (auto& f : offered->files) {
      auto bytes = client_->fetch(f.url, max_file_bytes_);
      if (!bytes.ok()) {
        fail(offered->dossier.national_code + ": " + bytes.error().detail);
        fetched = false;
        break;
      }
      offered->dossier.files.push_back(app::NationalFile{f.component, f.name, std::move(*bytes)});
    }
    if (!fetched) continue;
    auto r = national_.import_dossier(offered->dossier);
    if (!r.ok()) {
      fail(offered->dossier.national_code + ": " + r.error().detail);
      continue;
    }
    ++(r->created ? rep.imported : rep.repeated);
    auto ack = client_->call("XacNhanHoSo", json::object{{"MaHoSo", offered->dossier.national_code},
                                                         {"MaHoSoTinh", r->code}, {"MaHoSoNoiBo", r->dossier_id}});
    if (!ack.ok()) fail(offered->dossier.national_code + ": " + ack.error().detail);
  }
  return rep;
}

void InboundPuller::start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stopping_) {
      lock.unlock();
      auto r = pull_once();
      if (!r.ok())
        std::fprintf(stderr, "dvcqg: không lấy được hồ sơ mới từ Cổng: %s\n", r.error().detail.c_str());
      else
        for (auto& e : r->errors) std::fprintf(stderr, "dvcqg: không nhận được hồ sơ %s\n", e.c_str());
      lock.lock();
      cv_.wait_for(lock, std::chrono::milliseconds(interval_), [this] { return stopping_; });
    }
  });
}

void InboundPuller::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace motcua::integrations::dvcqg

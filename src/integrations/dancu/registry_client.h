// The population database through the data-sharing platform: app::PopulationRegistry over
// protocol.h. Configured by MOTCUA_DANCU_* (app/config.h).
#pragma once
#include <string>

#include "app/integration/population.h"
#include "integrations/dancu/protocol.h"

namespace motcua::integrations::dancu {

struct Options {
  std::string url;      // the service address on the platform (POSTed to)
  Credentials credentials;
  std::string service;  // MaDVC
  std::string unit;     // MaDonVi
  std::string account;  // TaiKhoan
  long timeout_s = 10;
};

class RegistryClient : public app::PopulationRegistry {
 public:
  explicit RegistryClient(Options o) : opt_(std::move(o)) {}
  Result<std::optional<app::PersonRecord>> find(const app::PopulationQuery& q) override;

 private:
  Options opt_;
};

}  // namespace motcua::integrations::dancu

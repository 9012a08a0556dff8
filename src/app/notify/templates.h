// The texts of the notices, as data (data/seed/notification_templates.json, Vietnamese), one per
// event and channel:
//   { "<event>": { "email": {"subject": "...", "body": "..."},
//                  "sms":   {"text": "..."},
//                  "zalo":  {"template_id": "...", "params": {"<name>": {"value": "...", "max": 30}}} } }
// Placeholders {{name}} are filled from the notice's values; a value never brings a line break or
// any other control character into the text (replaced by a space), and an unknown placeholder
// renders as nothing.
#pragma once
#include <map>
#include <optional>
#include <string>

#include "app/notify/channel.h"
#include "common/result.h"

namespace motcua::app::notify {

using Values = std::map<std::string, std::string>;

// A value as it may enter a text: valid UTF-8, control characters (C0, DEL, C1, bidi and
// zero-width controls) replaced by a space, at most `max_chars` code points (0 = no limit; a
// cut value ends with "…").
std::string clean_value(const std::string& v, size_t max_chars = 0);
// `tpl` with every {{key}} replaced by clean_value(values[key]).
std::string render(const std::string& tpl, const Values& values);

class Templates {
 public:
  static Result<Templates> parse(const std::string& json_text);
  static Result<Templates> load(const std::string& path);
  // The message for (event, channel) with `values` filled in; nullopt when there is no template.
  // `to` and `idempotency_key` are left for the caller.
  std::optional<Outgoing> build(const std::string& event, motcua::notify::Channel ch, const Values& values) const;
  bool empty() const { return raw_.empty(); }

 private:
  struct Entry {
    std::string subject, body, text, zns_template_id;
    std::vector<std::pair<std::string, std::pair<std::string, size_t>>> params;  // name → (value, max)
  };
  std::map<std::pair<std::string, std::string>, Entry> raw_;
};

}  // namespace motcua::app::notify

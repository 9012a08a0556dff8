// What a dossier may carry as uploaded documents: PDF, JPEG or PNG recognised by their content
// (never by the name or the declared type), within per-file and per-dossier size limits.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace motcua::dossier {

struct UploadLimits {
  int64_t max_file_bytes = 20LL << 20;     // 20 MB per file
  int64_t max_dossier_bytes = 100LL << 20;  // 100 MB per dossier
  int max_files = 100;
};

// "application/pdf", "image/jpeg" or "image/png" from the leading bytes; otherwise
// ErrorKind::unsupported with a Vietnamese detail saying which types are accepted.
Result<std::string> detect_document_type(std::string_view bytes);

// Checks one more file of `size` bytes against the limits, given what the dossier already has.
Status check_upload_size(const UploadLimits& l, int64_t size, int64_t dossier_bytes_so_far, int files_so_far);

// A file name safe to store and to send back in Content-Disposition: path parts removed,
// control, bidirectional and invisible format characters dropped, at most 200 bytes of valid
// UTF-8, "tai-lieu" when nothing remains, and an extension that names `media_type` (the type
// detected from the content): a matching one is kept, another one is replaced, none is added.
std::string clean_file_name(std::string_view name, std::string_view media_type);

}  // namespace motcua::dossier

// Kho dữ liệu của tôi, the one rule of what is in it: a document of one of the citizen's dossiers
// that they uploaded themself, or the electronic result issued to them on a dossier whose result
// is ready; and its content still stored. Asked when a document is reused (into a dossier or a
// draft) and again when a draft that reuses one is submitted.
#pragma once
#include <optional>
#include <string>

#include "app/actor.h"
#include "common/result.h"
#include "store/citizen_repo.h"
#include "store/sql/database.h"

namespace motcua::app {

// The document when it is in `a`'s data store and still valid; nullopt otherwise (another's, a
// scan made by staff, a result not issued, content gone).
Result<std::optional<store::OwnedDocument>> data_store_document(sql::Connection& c, const Actor& a,
                                                                const std::string& document_id,
                                                                const std::string& files_dir);

}  // namespace motcua::app

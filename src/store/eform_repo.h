// The e-form and draft tables (migration 013): procedure versions' e-form schemas, citizens'
// drafts and their resumable uploads. SQL written once for both engines, like repo.h.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "store/sql/database.h"

namespace motcua::store {

struct DraftRec {
  std::string id, owner_personal_id, procedure_id;
  std::string data;   // the form's values (JSON object)
  std::string extra;  // JSON object: receiving_agency_id, on_behalf
  int64_t version = 1;
  std::string state = "open";  // open | submitted
  std::string dossier_id;      // once submitted
  int64_t created_at = 0, updated_at = 0, expires_at = 0;
};

struct DraftUploadRec {
  std::string id, draft_id, component, file_name;
  int64_t declared_size = 0, received = 0;
  std::string content_type, sha256;  // set once complete
  std::string state = "receiving";   // receiving | complete
  int64_t created_at = 0, updated_at = 0;
  std::string reused_from;  // a document of the citizen's data store taken instead of bytes ("" = uploaded)
};

Status put_procedure_eform(sql::Connection& c, const std::string& procedure_id, const std::string& schema, bool verified);
// The stored schema text of a procedure version, nullopt when it has none (the generic form).
Result<std::optional<std::string>> get_procedure_eform(sql::Connection& c, const std::string& procedure_id);

Status insert_draft(sql::Connection& c, const DraftRec& d);
Result<std::optional<DraftRec>> get_draft(sql::Connection& c, const std::string& id);
// Open drafts of a citizen not expired at `now`, most recently changed first (at most `limit`).
Result<std::vector<DraftRec>> list_drafts(sql::Connection& c, const std::string& owner, int64_t now, int limit);
// Writes data, extra, version, updated_at, expires_at, state and dossier_id when the stored
// version is `expected_version`; false when it is not (a lost update).
Result<bool> update_draft(sql::Connection& c, const DraftRec& d, int64_t expected_version);
// Takes the draft's row lock for the rest of the transaction (a no-op UPDATE): submits, uploads
// and edits of one draft take turns on PostgreSQL. False when there is no such draft.
Result<bool> lock_draft(sql::Connection& c, const std::string& id);
Status delete_draft(sql::Connection& c, const std::string& id);  // and its uploads' rows
// Open drafts whose expiry passed before `now` (at most `limit`), for the sweep.
Result<std::vector<DraftRec>> expired_drafts(sql::Connection& c, int64_t now, int limit);

Status insert_draft_upload(sql::Connection& c, const DraftUploadRec& u);
Result<std::optional<DraftUploadRec>> get_draft_upload(sql::Connection& c, const std::string& draft_id,
                                                       const std::string& id);
Result<std::vector<DraftUploadRec>> list_draft_uploads(sql::Connection& c, const std::string& draft_id);
Status update_draft_upload(sql::Connection& c, const DraftUploadRec& u);
Status delete_draft_upload(sql::Connection& c, const std::string& draft_id, const std::string& id);

}  // namespace motcua::store

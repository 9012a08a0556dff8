// E-forms and drafts: the e-form of a procedure version (its own, or the generic form), a
// citizen's drafts of an online filing (the form's values, versioned against lost updates, with
// an expiry), their resumable uploads per component, and the submit that turns a draft into one
// online dossier. Citizens only, each their own drafts (another's is 404, as if it did not exist).
//
// Expiry is lazy: a draft untouched for Config::draft_ttl_s is treated as gone by every use case
// (404 draft_expired), and the expired drafts' rows and partial files are purged (sweep_expired)
// the next time a citizen lists their drafts; no background thread. Each save moves expires_at;
// within Config::draft_warn_s of it the view says expiry_warning.
//
// Submit validates the form on the server (domain/eform/validate.h), maps its addresses through
// the units of the day (a former commune to today's), and writes in ONE transaction: the dossier
// through DossierService's online intake (channel 2, submitted) with the form's values in its
// details and the draft's uploads as its documents, and the draft marked submitted with the
// dossier's id. The draft's id is the idempotency key: a repeated or concurrent submit finds the
// draft submitted (its row is locked first) and answers the same dossier.
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "app/actor.h"
#include "app/catalogue_cache.h"
#include "app/clock.h"
#include "app/config.h"
#include "app/dossier/dossier_service.h"
#include "common/result.h"
#include "domain/eform/schema.h"
#include "store/eform_repo.h"
#include "store/sql/database.h"

namespace motcua::app {

struct EformInfo {
  std::string procedure_id;
  bool generic = false;          // the procedure has no e-form of its own
  std::shared_ptr<const eform::Schema> schema;
  std::string schema_json;       // as stored (or the generic form), served to the browser
  std::vector<ComponentInput> components;  // the procedure version's components (uploads name one)
  // The component the e-form stands for (the paper declaration whose template is the form's):
  // provided by filing the form. "" when none.
  std::string form_component;
};

struct DraftView {
  store::DraftRec draft;
  std::string procedure_name;
  std::vector<store::DraftUploadRec> uploads;
  bool expiry_warning = false;
};

// What a citizen sends to create or save a draft; absent parts are kept as they are.
struct DraftInput {
  std::optional<boost::json::object> data;        // the form's values (may be incomplete)
  std::optional<std::string> receiving_agency_id;  // among the procedure's handling agencies
  std::optional<OnBehalfInput> on_behalf;          // filing for someone else (intake's rule)
  // A lookup of the citizen in the national population database (POST /api/v1/population/
  // lookups) that the submit hands to intake; "" removes it.
  std::optional<std::string> population_lookup_id;
};

struct UploadStart {
  std::string component;  // one of the procedure version's components, by name
  std::string file_name;
  int64_t size = 0;       // declared size in bytes
};

// One chunk of an upload: `offset` is where it starts (Content-Range), its bytes in a spooled file.
struct ChunkInput {
  int64_t offset = 0;
  int64_t total = -1;     // the size the client declares in Content-Range ("*" = -1)
  std::string file_path;  // Request::body_file
  int64_t size = 0;
  std::string_view bytes; // or in memory (tests)
};

// A document of the citizen's data store taken for a component instead of an upload.
struct ReuseInput {
  std::string document_id;
  std::string component;  // "" = the source's own component, when the procedure asks for it
};

struct ChunkOutcome {
  store::DraftUploadRec upload;
  bool accepted = true;   // false: the chunk did not start at upload.received (send from there)
};

class EformService {
 public:
  EformService(const Config& cfg, sql::Database& db, CatalogueCache& catalogue, DossierService& dossiers,
               const Clock& clock)
      : cfg_(cfg), db_(db), catalogue_(catalogue), dossiers_(dossiers), clock_(clock) {}

  // The e-form of a procedure version (public). 404 for an unknown version.
  Result<EformInfo> eform(const std::string& procedure_id);

  // Drafts. Errors: 401 not a citizen; 404 draft_not_found (another's, or none); 404
  // draft_expired; 422 invalid_form (errors[] by field path: unknown fields, wrong types, text
  // too long or with control characters — missing required values are allowed in a draft);
  // 412 draft_version_mismatch on update with a stale version.
  Result<DraftView> create_draft(const Actor& a, const std::string& procedure_id, const DraftInput& in,
                                 const std::string& idempotency_key, const std::string& body_hash);
  Result<std::vector<DraftView>> drafts(const Actor& a);
  Result<DraftView> draft(const Actor& a, const std::string& id);
  Result<DraftView> update_draft(const Actor& a, const std::string& id, int64_t expected_version,
                                 const DraftInput& in);
  Status delete_draft(const Actor& a, const std::string& id);

  // Resumable uploads of a draft: declare (component, name, size), send chunks from the offset
  // the server has (upload.received), ask it again after a dropped connection. The first bytes
  // must be PDF, JPEG or PNG (415 otherwise, nothing kept); sizes as for staff uploads
  // (Config::max_file_mb per file, max_dossier_mb per draft). Complete uploads are in the blob
  // store; they become the dossier's documents on submit.
  Result<store::DraftUploadRec> start_upload(const Actor& a, const std::string& draft_id, const UploadStart& in,
                                             const std::string& idempotency_key, const std::string& body_hash);
  Result<store::DraftUploadRec> upload(const Actor& a, const std::string& draft_id, const std::string& upload_id);
  Result<ChunkOutcome> upload_chunk(const Actor& a, const std::string& draft_id, const std::string& upload_id,
                                    const ChunkInput& in);
  Status delete_upload(const Actor& a, const std::string& draft_id, const std::string& upload_id);
  // "Never ask twice": a document of the citizen's data store (app/citizen/data_store.h) becomes
  // a complete upload of the draft by reference (no byte copied). 404 document_not_found when it
  // is not in their store (another's, a staff scan, content gone); 409 already_attached when the
  // draft has it already; 422 on an unknown component; the size limits as for uploads. Counted as
  // documents_reused, and checked again, when the draft is submitted.
  Result<store::DraftUploadRec> reuse_document(const Actor& a, const std::string& draft_id, const ReuseInput& in,
                                               const std::string& idempotency_key, const std::string& body_hash);

  // Submits the draft: the dossier as its owner reads it (the same dossier for every repeat).
  // 422 invalid_form with the form's errors (and uploads not complete); the intake's own
  // refusals (filing limit 429, …).
  Result<DossierView> submit(const Actor& a, const std::string& draft_id, const std::string& idempotency_key,
                             const std::string& body_hash);

  // Purges drafts expired before now (rows and partial files), at most `limit`; how many.
  Result<int64_t> sweep_expired(int limit = 500);

 private:
  Millis now() const { return clock_.now(); }
  Result<store::DraftRec> owned(sql::Connection& c, const Actor& a, const std::string& id, bool for_update);
  Result<DraftView> view_of(sql::Connection& c, store::DraftRec d);
  std::string part_path(const std::string& upload_id) const;
  void remove_parts(const std::vector<store::DraftUploadRec>& uploads) const;

  const Config& cfg_;
  sql::Database& db_;
  CatalogueCache& catalogue_;
  DossierService& dossiers_;
  const Clock& clock_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const EformInfo>> cache_;  // procedure versions never change
};

}  // namespace motcua::app

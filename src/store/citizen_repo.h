// The citizen's side of the store (migration 014): their dossiers in filing order, their data
// store (documents of their dossiers), ratings, documents reused by reference, and the desk
// kiosks that rate the dossier just returned at their desk. SQL written once for both engines.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::store {

struct MyDossierFilter {
  std::string owner_personal_id;
  std::vector<std::string> states;  // empty = any
  // Cursor: (created_at, id) strictly before this (newest first).
  std::optional<std::pair<Millis, std::string>> before;
  int limit = 20;
};
// The owner's dossiers, newest first (index dossiers_owner_created).
Result<std::vector<DossierRec>> list_my_dossiers(sql::Connection& c, const MyDossierFilter& f);

// A document of one of the owner's dossiers, with its dossier's code and procedure.
struct OwnedDocument {
  DocumentRec doc;
  std::string dossier_code, procedure_id;
};
// Documents of the owner's dossiers uploaded by `uploaded_by` or listed in `also_ids` (results
// issued to them), newest first, at most `limit`.
Result<std::vector<OwnedDocument>> owned_documents(sql::Connection& c, const std::string& owner_personal_id,
                                                   int limit);
// One document of one of the owner's dossiers (nullopt when it is not theirs).
Result<std::optional<OwnedDocument>> owned_document(sql::Connection& c, const std::string& owner_personal_id,
                                                    const std::string& document_id);
// The `doc` (details JSON) of the owner's dossiers whose result is ready, by dossier id.
Result<std::vector<std::pair<std::string, std::string>>> result_details_of(sql::Connection& c,
                                                                          const std::string& owner_personal_id);

struct RatingRec {
  std::string dossier_id, agency_id, score, comment, channel, rated_by;
  Millis rated_at = 0;
};
Result<std::optional<RatingRec>> get_rating(sql::Connection& c, const std::string& dossier_id);
// Which of these dossiers have a rating.
Result<std::vector<std::string>> rated_among(sql::Connection& c, const std::vector<std::string>& dossier_ids);
// ErrorKind::conflict when the dossier has a rating already (primary key).
Status insert_rating(sql::Connection& c, const RatingRec& r);

struct ReuseRec {
  std::string document_id, dossier_id, source_document_id, reused_by;
  Millis reused_at = 0;
};
Status insert_reuse(sql::Connection& c, const ReuseRec& r);
// source document id by reused document id, for one dossier.
Result<std::vector<ReuseRec>> reuses_of(sql::Connection& c, const std::string& dossier_id);

// The stored value of setting `key`, writing `value` first when there is none (two processes
// racing both read the one that won).
Result<std::string> setting_once(sql::Connection& c, const std::string& key, const std::string& value);

struct KioskRec {
  std::string id, agency_id, desk, staff_id, pairing_code_hash, token_hash, dossier_id;
  Millis pairing_expires_at = 0, paired_at = 0, dossier_set_at = 0, created_at = 0, ended_at = 0;
};
Status insert_kiosk(sql::Connection& c, const KioskRec& k);
// The kiosks an official paired (ended ones too), newest first, at most `limit`.
Result<std::vector<KioskRec>> kiosks_of(sql::Connection& c, const std::string& staff_id, int limit);
Result<std::optional<KioskRec>> get_kiosk(sql::Connection& c, const std::string& id);
Result<std::optional<KioskRec>> kiosk_by_code(sql::Connection& c, const std::string& code_hash);
Result<std::optional<KioskRec>> kiosk_by_token(sql::Connection& c, const std::string& token_hash);
// Writes the mutable columns (pairing, token, current dossier, end).
Status update_kiosk(sql::Connection& c, const KioskRec& k);
// Ends every live kiosk of `staff_id` but `keep_id` (a new pairing replaces the old).
Status end_kiosks_of(sql::Connection& c, const std::string& staff_id, const std::string& keep_id, Millis at);
// The dossier `staff_id` has just returned becomes their live kiosk's current dossier.
Status set_kiosk_dossier(sql::Connection& c, const std::string& staff_id, const std::string& dossier_id, Millis at);

}  // namespace motcua::store

// Blocks shared by the forms (internal): the agency / national motto header, the title,
// the QR footer, signature blocks, and the per-form bodies.
#pragma once
#include <string>
#include <vector>

#include "docs/canvas.h"
#include "docs/docs.h"

namespace motcua::docs::detail {

// Agency block at top left (parent upper case, name upper case bold, short rule, "Số: ..."),
// motto at top right (line 1 bold, line 2 bold with a rule as long as the text), then the
// italic place-and-date line under the motto when `date` is set. Leaves the cursor below.
void national_header(Doc& d, const AgencyHeader& a, const std::string& doc_number,
                     const Date* date);

// Centred bold upper-case title and an optional centred line under it. With `qr`, the
// symbol sits at the right margin beside the title, `code` printed under it, and the title
// is centred between symmetric side margins so the two never overlap.
void title(Doc& d, const std::string& text, const Spans& subtitle = {}, const Matrix* qr = nullptr,
           const std::string& code = {});

// A one-line footer on every page: where to track the dossier.
void tracking_footer(Doc& d, const std::string& url, const std::string& key = {});

struct Signer {
  std::string title;  // "NGƯỜI TIẾP NHẬN HỒ SƠ"
  std::string hint;   // "(Ký và ghi rõ họ tên)"
  std::string name;   // printed under the signing space; may be empty
};
// One signer: the right half. Two: left and right halves. `recipients` (Nơi nhận) goes at
// the left when there is one signer and it is non-empty. The block itself never splits: it
// starts a new page when it does not fit.
void signatures(Doc& d, const std::vector<Signer>& signers,
                const std::vector<std::string>& recipients = {});

// A paragraph as Doc::para draws it, kept for a keep-together group.
struct Line {
  Spans spans;
  Style style;
  double indent = 0, after = 3;
};
// The end of a form's body: `last_lines` then the signature block, kept together on one page
// (when the block does not fit under the body, those lines go to the next page with it).
void closing(Doc& d, const std::vector<Line>& last_lines, const std::vector<Signer>& signers,
             const std::vector<std::string>& recipients = {});

// The agency name `text` (already upper case) as the lines of the issuing block, in a column of
// width `w`: one line when it fits at `st.size` shrunk down to `min_size`; else two lines broken
// at a space (before a unit word such as «PHƯỜNG», «TỈNH» or after a comma when that fits, never
// inside a place name, rather not inside a common two-syllable word, otherwise as even as
// possible), at the largest size that fits; else the whole text, for Pango to wrap at spaces.
// Sets `st.size` to the size chosen.
std::vector<std::string> agency_lines(Doc& d, const std::string& text, Style& st, double w,
                                      double min_size);

// "Label: value" paragraph at the cursor; an empty value prints as dots.
void field(Doc& d, const std::string& label, const std::string& value, bool bold_value = false);

// Body text styles.
Style body_style();

// Bodies after the title. `unit` is the receiving unit's name (defaults to the agency's).
void body_01(Doc& d, const AgencyHeader& a, const DossierForm& f);
void body_02(Doc& d, const AgencyHeader& a, const DossierForm& f);
void body_03(Doc& d, const AgencyHeader& a, const DossierForm& f);
void body_04(Doc& d, const AgencyHeader& a, const DossierForm& f);
void body_05(Doc& d, const AgencyHeader& a, const DossierForm& f);
void body_06(Doc& d, const AgencyHeader& a, const DossierForm& f);

}  // namespace motcua::docs::detail

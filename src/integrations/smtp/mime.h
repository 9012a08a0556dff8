// The e-mail as it goes on the wire (RFC 5322 / 2045 / 2047), built so that nothing a citizen or
// an official typed can add a header or break the structure:
// - header texts (subject, display names) are RFC 2047 encoded-words (UTF-8, base64), never raw;
// - addresses must be plain mailboxes (app::is_plain_email): no CR, LF, spaces, quotes or <>;
// - the body is UTF-8 in base64 (lines of 76), as text/plain and as text/html with every
//   character HTML-escaped.
#pragma once
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/time.h"

namespace motcua::integrations::smtp {

// "=?UTF-8?B?...?=" words of at most 75 characters, folded with CRLF SP; a pure printable-ASCII
// text without "=?" is returned as it is.
std::string encode_header_text(std::string_view utf8);
std::string base64(std::string_view bytes, size_t line = 0);  // line > 0: CRLF every `line` chars
// Plain text to an HTML fragment: escaped, paragraphs kept with <br>.
std::string text_to_html(std::string_view s);
// "Sat, 05 Dec 2026 09:30:00 +0700"
std::string rfc5322_date(Millis t);

struct Mail {
  std::string from_name, from_address;  // display name (any UTF-8), mailbox
  std::string to_address;
  std::string subject, text;            // UTF-8
  std::string message_id;               // left part of <...@domain>; [A-Za-z0-9._-] only
  Millis date = 0;
};
// The message, CRLF line ends. ErrorKind::invalid when an address is not a plain mailbox or the
// message id has other characters.
Result<std::string> build_message(const Mail& m);
// "Name <box@host>" or "box@host" → (name, address).
std::pair<std::string, std::string> split_mailbox(std::string_view from);

}  // namespace motcua::integrations::smtp

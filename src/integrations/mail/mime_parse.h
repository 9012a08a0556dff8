// Reading one Internet message (RFC 5322 headers, RFC 2045–2047 MIME) as the mailbox reader
// needs it: who sent it, the subject, the text (text/plain, else the text of text/html), and
// the attachments. Headers' encoded-words (=?charset?B|Q?…?=) are decoded; bodies in base64 or
// quoted-printable are decoded; charsets other than UTF-8 are converted with iconv. Bounded:
// at most `max_parts` parts, nested at most 8 deep.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace motcua::integrations::mail {

struct MailPart {
  std::string file_name;     // as the sender named it (decoded; not cleaned)
  std::string declared_type; // as the sender declared it (never trusted)
  std::string bytes;
};

struct Mail {
  std::string message_id;  // without the angle brackets; "" when the message has none
  std::string from_name, from_address, subject;
  std::string text;  // UTF-8
  std::string html;  // UTF-8, as sent (the reader uses html_to_text)
  std::vector<MailPart> attachments;
};

// RFC 2047: decodes every encoded-word (B and Q, any charset iconv knows) in a header value;
// whitespace between two adjacent encoded-words is dropped. Invalid words are left as they are.
std::string decode_header(std::string_view value);

// invalid when there is no header/body separation or a part cannot be read (bad base64 is
// decoded leniently: characters outside the alphabet are skipped).
Result<Mail> parse_mail(std::string_view raw, int max_parts = 100);

// The readable text of an HTML body: tags dropped (script and style with their content),
// block elements as line breaks, the common entities (&amp; &lt; &gt; &quot; &#39; &nbsp;
// numeric) decoded. Never used to render HTML: the result is plain text.
std::string html_to_text(std::string_view html);

// "Nguyễn Văn An <an@example.vn>" → name and address (the first mailbox of a From header,
// already decoded).
void split_address(std::string_view from, std::string& name, std::string& address);

}  // namespace motcua::integrations::mail

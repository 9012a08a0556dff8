// Encodings of text and bytes put into HTML, URLs and tokens (the server's own pages, e-mail
// bodies, query strings and forms sent to other systems, JWT and PKCE).
#pragma once
#include <string>
#include <string_view>

namespace motcua {

// & < > " ' as character references: safe inside HTML elements and quoted attributes.
std::string html_escape(std::string_view s);

// Every byte but ASCII letters, digits and those in `keep` as %XX (upper-case hex). The default
// keeps RFC 3986's unreserved set (application/x-www-form-urlencoded, OAuth); "-_.!~*'()" is
// JavaScript's encodeURIComponent.
std::string percent_encode(std::string_view s, std::string_view keep = "-._~");

// base64url without padding (RFC 4648 §5; JWT segments, RFC 7636 code challenges).
std::string base64url_encode(std::string_view bytes);

}  // namespace motcua

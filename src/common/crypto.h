// Hashes, random tokens, password hashing and opaque ids (OpenSSL + libsodium).
#pragma once
#include <string>
#include <string_view>

namespace motcua {

std::string sha256_hex(std::string_view data);
// SHA-256 of a file's bytes, read in pieces (an upload spooled to disk); "" when it cannot be read.
std::string sha256_file_hex(const std::string& path);
// `bytes` random bytes from the OS CSPRNG, hex-encoded (2×bytes characters).
std::string random_hex(size_t bytes);
// UUIDv7-like opaque id: 48-bit ms timestamp + 74 random bits, canonical 36-char form.
std::string new_id();
// argon2id (libsodium "interactive" limits unless `strong`): an encoded string with salt+params.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view encoded, std::string_view password);
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace motcua

#include "common/crypto.h"

#include <openssl/evp.h>
#include <sodium.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "common/time.h"

namespace motcua {
namespace {
const bool kSodiumReady = [] {
  if (sodium_init() < 0) throw std::runtime_error("libsodium init failed");
  return true;
}();

std::string to_hex(const unsigned char* p, size_t n) {
  static const char* d = "0123456789abcdef";
  std::string s(n * 2, '0');
  for (size_t i = 0; i < n; ++i) {
    s[2 * i] = d[p[i] >> 4];
    s[2 * i + 1] = d[p[i] & 15];
  }
  return s;
}
}  // namespace

std::string sha256_hex(std::string_view data) {
  // Fetched once: OpenSSL 3's implicit fetch behind EVP_sha256() costs more than hashing a
  // short audit record (measured with callgrind: ~30k instructions a call).
  static EVP_MD* const kSha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, kSha256 ? kSha256 : EVP_sha256(), nullptr);
  return to_hex(md, len);
}

std::string sha256_file_hex(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return {};
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1;
  std::string buf(1 << 16, '\0');
  while (ok) {
    size_t n = std::fread(buf.data(), 1, buf.size(), f);
    if (n > 0) ok = EVP_DigestUpdate(ctx, buf.data(), n) == 1;
    if (n < buf.size()) {
      ok = ok && !std::ferror(f);
      break;
    }
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  ok = ok && EVP_DigestFinal_ex(ctx, md, &len) == 1;
  EVP_MD_CTX_free(ctx);
  std::fclose(f);
  return ok ? to_hex(md, len) : std::string();
}

std::string random_hex(size_t bytes) {
  std::string buf(bytes, '\0');
  randombytes_buf(buf.data(), bytes);
  return to_hex(reinterpret_cast<const unsigned char*>(buf.data()), bytes);
}

// Random bytes for ids from a per-thread buffer filled 512 bytes at a time from the OS: one
// getrandom per ~50 ids instead of one each (a system call is dear on the virtual machines we
// run on). Ids are not secrets; tokens and salts still come straight from the OS (random_hex).
static void id_random(unsigned char* out, size_t n) {
  thread_local unsigned char pool[512];
  thread_local size_t left = 0;
  if (left < n) {
    randombytes_buf(pool, sizeof pool);
    left = sizeof pool;
  }
  std::memcpy(out, pool + sizeof pool - left, n);
  sodium_memzero(pool + sizeof pool - left, n);  // each byte handed out once
  left -= n;
}

std::string new_id() {
  unsigned char b[16];
  id_random(b + 6, sizeof b - 6);  // the first 6 bytes are the time
  uint64_t ms = uint64_t(now_ms());
  for (int i = 0; i < 6; ++i) b[i] = uint8_t(ms >> (8 * (5 - i)));
  b[6] = uint8_t(0x70 | (b[6] & 0x0f));  // version 7
  b[8] = uint8_t(0x80 | (b[8] & 0x3f));  // variant
  std::string h = to_hex(b, 16);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
}

std::string hash_password(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("out of memory hashing a password");
  return out;
}

bool verify_password(std::string_view encoded, std::string_view password) {
  std::string enc(encoded);  // must be NUL-terminated
  return crypto_pwhash_str_verify(enc.c_str(), password.data(), password.size()) == 0;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace motcua

// Content-addressed files outside any served folder: <root>/<aa>/<sha256>. A file is written to
// a temporary name, fsynced and renamed, so a stored hash always names complete bytes.
#pragma once
#include <functional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace motcua::app {

class BlobStore {
 public:
  explicit BlobStore(std::string root) : root_(std::move(root)) {}
  // Stores `bytes` (idempotent for the same content); returns the hex SHA-256.
  Result<std::string> put(std::string_view bytes);
  // Stores the file at `path` (hashed as it is read, then moved in place, or copied across file
  // systems); the file is gone from `path` afterwards when it was moved. Returns the SHA-256.
  Result<std::string> put_file(const std::string& path);
  Result<std::string> get(const std::string& sha256) const;
  // Whether the content named `sha256` is stored (without reading it).
  bool contains(const std::string& sha256) const;

 private:
  std::string path_of(const std::string& sha256) const;
  // Puts the content named `sha256` in place, unless it is stored already: `fill` writes it
  // complete and fsynced to the temporary name it is given beside the final path; that name is
  // then renamed and the rename made durable.
  Result<std::string> install(const std::string& sha256, const std::function<Status(const std::string& tmp)>& fill);
  std::string root_;
};

}  // namespace motcua::app

#include "app/blob_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/crypto.h"

namespace motcua::app {
namespace fs = std::filesystem;

std::string BlobStore::path_of(const std::string& h) const { return root_ + "/" + h.substr(0, 2) + "/" + h; }

static Status write_all(int fd, std::string_view b) {
  while (!b.empty()) {
    ssize_t n = ::write(fd, b.data(), b.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return make_error(ErrorKind::internal, "Không ghi được tệp lên đĩa");
    }
    b.remove_prefix(size_t(n));
  }
  return ok_status();
}

Result<std::string> BlobStore::install(const std::string& h, const std::function<Status(const std::string&)>& fill) {
  std::string final_path = path_of(h);
  std::error_code ec;
  if (fs::exists(final_path, ec)) return h;
  fs::create_directories(fs::path(final_path).parent_path(), ec);
  if (ec) return make_error(ErrorKind::internal, "Không tạo được thư mục lưu tệp");
  std::string tmp = final_path + ".tmp" + random_hex(4);
  Status st = fill(tmp);
  if (!st.ok() || ::rename(tmp.c_str(), final_path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return st.ok() ? Result<std::string>(make_error(ErrorKind::internal, "Không ghi được tệp lên đĩa")) : st.take_error();
  }
  // Make the rename itself durable.
  int dfd = ::open(fs::path(final_path).parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return h;
}

Result<std::string> BlobStore::put(std::string_view bytes) {
  return install(sha256_hex(bytes), [&](const std::string& tmp) -> Status {
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd < 0) return make_error(ErrorKind::internal, "Không ghi được tệp lên đĩa");
    Status st = write_all(fd, bytes);
    if (st.ok() && ::fsync(fd) != 0) st = make_error(ErrorKind::internal, "Không ghi được tệp lên đĩa");
    ::close(fd);
    return st;
  });
}

Result<std::string> BlobStore::put_file(const std::string& path) {
  std::string h = sha256_file_hex(path);
  if (h.empty()) return make_error(ErrorKind::internal, "Không đọc được tệp tải lên");
  return install(h, [&](const std::string& tmp) -> Status {
    // Same file system (the spool is under the store's root): a rename; else a copy.
    if (::rename(path.c_str(), tmp.c_str()) != 0) {
      std::error_code ec;
      fs::copy_file(path, tmp, fs::copy_options::overwrite_existing, ec);
      if (ec) return make_error(ErrorKind::internal, "Không ghi được tệp lên đĩa");
    }
    int fd = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC);
    bool synced = fd >= 0 && ::fsync(fd) == 0;
    if (fd >= 0) ::close(fd);
    return synced ? ok_status() : make_error(ErrorKind::internal, "Không ghi được tệp lên đĩa");
  });
}

Result<std::string> BlobStore::get(const std::string& h) const {
  if (h.size() != 64 || h.find_first_not_of("0123456789abcdef") != std::string::npos)
    return make_error(ErrorKind::not_found, "Không tìm thấy tệp.");
  std::ifstream in(path_of(h), std::ios::binary);
  if (!in) return make_error(ErrorKind::not_found, "Không tìm thấy tệp.");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool BlobStore::contains(const std::string& h) const {
  if (h.size() != 64 || h.find_first_not_of("0123456789abcdef") != std::string::npos) return false;
  std::error_code ec;
  return fs::is_regular_file(path_of(h), ec);
}

}  // namespace motcua::app

#include <qrencode.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "docs/docs.h"

namespace motcua::docs {

Result<Matrix> qr_matrix(std::string_view payload) {
  if (payload.empty()) return make_error(ErrorKind::invalid, "Nội dung mã QR trống.", "qr_empty");
  // QRcode_encodeData takes a length, so a payload with NUL bytes is encoded whole.
  QRcode* q = QRcode_encodeData(static_cast<int>(payload.size()),
                                reinterpret_cast<const unsigned char*>(payload.data()), 0,
                                QR_ECLEVEL_M);
  if (q == nullptr) {
    int e = errno;
    if (e == ERANGE) {
      return make_error(ErrorKind::invalid, "Nội dung mã QR quá dài.", "qr_too_long");
    }
    return make_error(ErrorKind::internal,
                      std::string("Không tạo được mã QR: ") + std::strerror(e), "qr_failed");
  }
  Matrix m;
  m.size = q->width;
  m.dark.resize(static_cast<size_t>(q->width) * q->width);
  for (size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = (q->data[i] & 1) != 0;
  QRcode_free(q);
  return m;
}

}  // namespace motcua::docs

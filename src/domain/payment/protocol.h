// The two payment protocols' pure rules: field orders, signatures, amounts and answer codes.
// docs/integrations.md says what was taken from where and what is assumed.
//
// National payment platform (paygov): JSON messages; every message carries `MaXacThuc`, the
// lower-case hex SHA-256 of the message's fields (in the fixed order below) joined with '|',
// followed by '|' and the shared secret: sha256("f1|f2|…|fn|secret").
//
// VNPay (API 2.1.0): `vnp_SecureHash` is the lower-case hex HMAC-SHA512 (key: the hash secret) of
// the parameters other than vnp_SecureHash and vnp_SecureHashType, sorted by name (byte order),
// each `urlencode(name)=urlencode(value)` (PHP urlencode: space as '+', A–Z a–z 0–9 -_. kept,
// everything else %XX upper case), joined with '&'. querydr uses the pipe-joined form below.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::payment {

// --- digests (OpenSSL; lower-case hex) ---
std::string sha256_hex_of(std::string_view data);
std::string hmac_sha512_hex(std::string_view key, std::string_view data);
// Compares two hex digests without leaking where they differ (case-insensitive).
bool same_digest(std::string_view a, std::string_view b);

// --- paygov ---
// Field orders of each message's MaXacThuc.
inline const std::vector<std::string> kPaygovInitFields = {"MaDoiTac", "MaThamChieu", "SoTien", "MaHoSo",
                                                           "UrlTraVe", "ThoiGianGD"};
inline const std::vector<std::string> kPaygovInitReplyFields = {"MaLoi", "MaThamChieu", "MaGiaoDich", "UrlThanhToan"};
inline const std::vector<std::string> kPaygovQueryFields = {"MaDoiTac", "MaThamChieu", "ThoiGianGD"};
inline const std::vector<std::string> kPaygovQueryReplyFields = {"MaLoi", "MaThamChieu", "MaGiaoDich", "SoTien",
                                                                 "TrangThai"};
inline const std::vector<std::string> kPaygovConfirmFields = {"MaDoiTac", "MaThamChieu", "MaGiaoDich", "SoTien",
                                                              "TrangThai", "ThoiGianThanhToan"};
inline const std::vector<std::string> kPaygovReturnFields = {"MaThamChieu", "TrangThai"};
inline const std::vector<std::string> kPaygovStatementFields = {"MaDoiTac", "Ngay"};

// "v1|v2|…|vn|secret" for the named fields of `msg` (a missing field counts as "").
std::string paygov_sign_input(const std::map<std::string, std::string>& msg, const std::vector<std::string>& order,
                              std::string_view secret);
std::string paygov_checksum(const std::map<std::string, std::string>& msg, const std::vector<std::string>& order,
                            std::string_view secret);
bool paygov_verify(const std::map<std::string, std::string>& msg, const std::vector<std::string>& order,
                   std::string_view secret);

// TrangThai: 1 success, 3 pending, 4 failed (DOMAIN.md §6).
enum class PaygovStatus { success = 1, pending = 3, failed = 4 };
std::optional<PaygovStatus> parse_paygov_status(std::string_view);

// Our answer to CONFIRM (MaLoi), mirroring VNPay's IPN codes.
inline constexpr std::string_view kPaygovOk = "00", kPaygovUnknownOrder = "01", kPaygovAlreadyConfirmed = "02",
                                  kPaygovBadAmount = "04", kPaygovBadChecksum = "97", kPaygovOther = "99";

// --- vnpay ---
std::string vnpay_urlencode(std::string_view s);
// The signed string: sorted, URL-encoded, '&'-joined, without vnp_SecureHash / vnp_SecureHashType.
std::string vnpay_sign_data(const std::map<std::string, std::string>& params);
std::string vnpay_secure_hash(const std::map<std::string, std::string>& params, std::string_view secret);
bool vnpay_verify(const std::map<std::string, std::string>& params, std::string_view secret);
// The query string of the redirect: the same encoding, with vnp_SecureHash appended.
std::string vnpay_query_string(const std::map<std::string, std::string>& params, std::string_view secret);

// vnp_Amount is VND × 100. nullopt when the text is not a non-negative multiple of 100.
std::string vnpay_amount(int64_t vnd);
std::optional<int64_t> vnpay_amount_to_vnd(std::string_view text);

// querydr: the request's and the answer's pipe-joined hash inputs (fields in this order).
inline const std::vector<std::string> kVnpayQueryFields = {"vnp_RequestId", "vnp_Version", "vnp_Command",
                                                           "vnp_TmnCode", "vnp_TxnRef", "vnp_TransactionDate",
                                                           "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo"};
inline const std::vector<std::string> kVnpayQueryReplyFields = {
    "vnp_ResponseId", "vnp_Command", "vnp_ResponseCode", "vnp_Message", "vnp_TmnCode",
    "vnp_TxnRef", "vnp_Amount", "vnp_BankCode", "vnp_PayDate", "vnp_TransactionNo",
    "vnp_TransactionType", "vnp_TransactionStatus", "vnp_OrderInfo", "vnp_PromotionCode", "vnp_PromotionAmount"};
std::string vnpay_pipe_hash(const std::map<std::string, std::string>& msg, const std::vector<std::string>& order,
                            std::string_view secret);

// IPN answer codes (RspCode).
inline constexpr std::string_view kVnpOk = "00", kVnpUnknownOrder = "01", kVnpAlreadyConfirmed = "02",
                                  kVnpBadAmount = "04", kVnpBadChecksum = "97", kVnpOther = "99";

// A VNPay transaction's outcome from vnp_ResponseCode and vnp_TransactionStatus ("00" both: paid;
// "01" status: pending; anything else: failed).
enum class Outcome { paid, pending, failed };
Outcome vnpay_outcome(std::string_view response_code, std::string_view transaction_status);

// yyyyMMddHHmmss in Vietnam's time (UTC+7) of a UTC instant in ms; both protocols use it.
std::string vn_timestamp(int64_t utc_ms);

}  // namespace motcua::payment

// Plain Vietnamese words for the catalogue's codes (display only: every rule stays on the server).

export const LEVEL_LABEL: Record<string, string> = {
  commune: 'Cấp xã',
  province: 'Cấp tỉnh',
  central: 'Cấp trung ương',
};

export const ONLINE_LEVEL_LABEL: Record<string, string> = {
  full: 'Toàn trình',
  partial: 'Một phần',
  info: 'Chỉ cung cấp thông tin',
  unknown: 'Chưa công bố mức độ',
};

/** What the online level means for the citizen, in one sentence. */
export const ONLINE_LEVEL_TEXT: Record<string, string> = {
  full: 'Toàn trình: nộp hồ sơ, nộp phí và nhận kết quả đều trực tuyến (hoặc nhận kết quả qua bưu điện), không phải đến cơ quan.',
  partial:
    'Một phần: nộp hồ sơ trực tuyến; vẫn phải đến cơ quan để nộp phí, xuất trình bản chính hoặc nhận kết quả như hướng dẫn của cơ quan.',
  info: 'Chỉ cung cấp thông tin: thủ tục này chưa nộp trực tuyến được, vui lòng nộp trực tiếp hoặc qua bưu điện.',
  unknown:
    'Mức độ dịch vụ công trực tuyến của thủ tục này chưa được công bố trong danh mục; nếu thủ tục cho nộp trực tuyến, cơ quan có thể đề nghị anh/chị đến xuất trình bản chính hoặc nhận kết quả.',
};

export const LOCATION_KIND_LABEL: Record<string, string> = {
  provincial_center: 'Trung tâm Phục vụ hành chính công',
  postal_point: 'Điểm bưu chính công ích',
  commune_center: 'Bộ phận Một cửa cấp xã',
  desk: 'Quầy tiếp nhận',
};

export const FEE_WHEN_LABEL: Record<string, string> = {
  reception: 'nộp khi nộp hồ sơ',
  supplement: 'nộp khi bổ sung hồ sơ',
  result: 'nộp khi nhận kết quả',
};

export const CHANNEL_TEXT: Record<number, string> = {
  1: 'Nộp trực tiếp tại Bộ phận Một cửa',
  2: 'Nộp trực tuyến trên Cổng dịch vụ công',
  3: 'Nộp qua dịch vụ bưu chính công ích',
};

/** The citizen's side of a dossier state: what it means for them, in plain words. */
export const STATE_PLAIN: Record<string, string> = {
  draft: 'Đang soạn, chưa nộp',
  submitted: 'Đã nộp, chờ cơ quan kiểm tra',
  received: 'Đã được tiếp nhận',
  refused: 'Không được tiếp nhận',
  in_progress: 'Đang được giải quyết',
  supplement_requested: 'Cần bổ sung giấy tờ',
  awaiting_payment: 'Chờ nộp phí, lệ phí',
  withdrawn: 'Đã rút hồ sơ',
  stopped: 'Đã dừng giải quyết',
  resolved: 'Đã có kết quả',
  returned: 'Đã trả kết quả',
};

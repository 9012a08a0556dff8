// How the lifecycle actions are presented (docs/openapi.yaml, the `action` parameter of
// POST /api/v1/dossiers/{id}/actions/{action}). Which of them this official may take now is the
// server's answer (the dossier view's `allowed_actions`): no rule is kept here.
import type { DossierView } from '../ui/types';

export type ActionId =
  | 'receive'
  | 'request_supplement'
  | 'refuse'
  | 'start_processing'
  | 'handover'
  | 'supplement_received'
  | 'request_payment'
  | 'payment_received'
  | 'apologise'
  | 'stop'
  | 'withdraw'
  | 'resolve_granted'
  | 'resolve_refused'
  | 'return_result';

export type ActionFields = 'none' | 'items' | 'apology' | 'return' | 'assignee' | 'result';

export interface ActionDef {
  id: ActionId;
  label: string;
  /** What the form asks for. */
  fields: ActionFields;
  /** Label of the item list (documents or reasons). */
  itemsLabel?: string;
  tone: 'primary' | 'secondary' | 'danger';
  confirm: string;
  done: string;
}

export const ACTIONS: Record<ActionId, ActionDef> = {
  receive: { id: 'receive', label: 'Tiếp nhận hồ sơ', fields: 'none', tone: 'primary', confirm: 'Xác nhận hồ sơ đầy đủ, tiếp nhận và hẹn ngày trả kết quả (mẫu 01).', done: 'Đã tiếp nhận hồ sơ.' },
  request_supplement: {
    id: 'request_supplement',
    label: 'Yêu cầu bổ sung',
    fields: 'items',
    itemsLabel: 'Giấy tờ cần bổ sung, hoàn thiện',
    tone: 'secondary',
    confirm: 'Liệt kê đầy đủ, một lần, các giấy tờ cần bổ sung (mẫu 02). Pháp luật chỉ cho phép yêu cầu bổ sung một lần.',
    done: 'Đã gửi yêu cầu bổ sung hồ sơ.',
  },
  refuse: { id: 'refuse', label: 'Từ chối tiếp nhận', fields: 'items', itemsLabel: 'Lý do từ chối', tone: 'danger', confirm: 'Từ chối tiếp nhận hồ sơ (mẫu 03), nêu rõ lý do.', done: 'Đã từ chối tiếp nhận hồ sơ.' },
  start_processing: { id: 'start_processing', label: 'Bắt đầu xử lý', fields: 'assignee', tone: 'primary', confirm: 'Nhận hồ sơ để thẩm định, xử lý.', done: 'Đã chuyển hồ sơ sang đang xử lý.' },
  handover: { id: 'handover', label: 'Chuyển bước tiếp theo', fields: 'assignee', tone: 'primary', confirm: 'Kết thúc bước hiện tại trên phiếu kiểm soát và chuyển hồ sơ sang bước tiếp theo.', done: 'Đã chuyển hồ sơ sang bước tiếp theo.' },
  supplement_received: { id: 'supplement_received', label: 'Đã nhận hồ sơ bổ sung', fields: 'none', tone: 'primary', confirm: 'Xác nhận đã nhận đủ giấy tờ bổ sung; thời gian giải quyết được tính tiếp.', done: 'Đã ghi nhận hồ sơ bổ sung.' },
  request_payment: { id: 'request_payment', label: 'Yêu cầu thực hiện nghĩa vụ tài chính', fields: 'none', tone: 'secondary', confirm: 'Yêu cầu người nộp thực hiện nghĩa vụ tài chính; thời gian giải quyết tạm dừng.', done: 'Đã yêu cầu thực hiện nghĩa vụ tài chính.' },
  payment_received: { id: 'payment_received', label: 'Đã hoàn thành nghĩa vụ tài chính', fields: 'none', tone: 'primary', confirm: 'Xác nhận người nộp đã hoàn thành nghĩa vụ tài chính; thời gian giải quyết được tính tiếp.', done: 'Đã ghi nhận hoàn thành nghĩa vụ tài chính.' },
  apologise: { id: 'apologise', label: 'Xin lỗi, hẹn lại ngày trả', fields: 'apology', tone: 'secondary', confirm: 'Văn bản xin lỗi và hẹn lại ngày trả kết quả (mẫu 04): chỉ một lần, chậm nhất 01 ngày làm việc trước hạn.', done: 'Đã ghi nhận văn bản xin lỗi và ngày hẹn mới.' },
  stop: { id: 'stop', label: 'Dừng xử lý', fields: 'items', itemsLabel: 'Lý do dừng xử lý', tone: 'danger', confirm: 'Dừng xử lý hồ sơ (mẫu 05), nêu rõ lý do.', done: 'Đã dừng xử lý hồ sơ.' },
  withdraw: { id: 'withdraw', label: 'Rút hồ sơ', fields: 'none', tone: 'danger', confirm: 'Ghi nhận người nộp yêu cầu rút hồ sơ.', done: 'Đã ghi nhận rút hồ sơ.' },
  resolve_granted: { id: 'resolve_granted', label: 'Phê duyệt kết quả', fields: 'result', tone: 'primary', confirm: 'Phê duyệt, ký kết quả giải quyết hồ sơ: ghi số, ngày, người ký văn bản kết quả và hình thức trả.', done: 'Đã phê duyệt kết quả; hồ sơ chờ trả kết quả.' },
  resolve_refused: { id: 'resolve_refused', label: 'Từ chối giải quyết', fields: 'items', itemsLabel: 'Lý do không giải quyết', tone: 'danger', confirm: 'Kết thúc hồ sơ với kết quả từ chối, nêu rõ lý do.', done: 'Đã trả lời từ chối giải quyết.' },
  return_result: { id: 'return_result', label: 'Trả kết quả', fields: 'return', tone: 'primary', confirm: 'Trả kết quả cho người nộp.', done: 'Đã trả kết quả.' },
};

/** The actions the server allows this reader now, in the order it gives them. */
export function allowedActions(d: DossierView): ActionId[] {
  return (d.allowed_actions ?? []).map((a) => a.id).filter((id): id is ActionId => id in ACTIONS);
}

export const HISTORY_LABEL: Record<string, string> = {
  intake: 'Tạo hồ sơ',
  submit: 'Nộp hồ sơ',
  consult: 'Lấy ý kiến cơ quan khác',
  consultation_answered: 'Cơ quan được hỏi ý kiến đã trả lời',
  document_added: 'Đính kèm tài liệu',
  appointment_moved: 'Dời ngày hẹn trả kết quả theo lịch nghỉ chính thức',
  population_data_used: 'Lấy thông tin người nộp từ CSDL quốc gia về dân cư (không yêu cầu giấy tờ)',
  ...Object.fromEntries(Object.values(ACTIONS).map((a) => [a.id, a.label])),
};

export const RETURN_METHOD_LABEL: Record<string, string> = {
  counter: 'Tại Bộ phận Một cửa',
  post: 'Qua bưu chính công ích',
  electronic: 'Bản điện tử (kho dữ liệu của công dân)',
};

export const FORMS: { n: string; label: string; when: (d: DossierView) => boolean }[] = [
  { n: '01', label: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', when: (d) => !!d.received_at },
  { n: '02', label: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', when: (d) => !!d.details.supplement_request },
  { n: '03', label: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ', when: (d) => !!d.details.refusal },
  { n: '04', label: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả', when: (d) => !!d.details.apology },
  { n: '05', label: 'Thông báo dừng giải quyết hồ sơ', when: (d) => !!d.details.stop },
  { n: '06', label: 'Phiếu kiểm soát quá trình giải quyết hồ sơ', when: () => true },
];

// The answers of GET /api/v1/kpi/summary, /kpi/dossiers and /kpi/targets (docs/openapi.yaml, tag kpi).
export interface KpiSummary {
  from: string;
  to: string;
  received: { total: number; counter: number; online: number; post: number };
  resolved: { total: number; early: number; on_time: number; late: number };
  on_time_rate: number | null;
  carried_over: number;
  in_progress: { total: number; within_time: number; overdue: number; at: string };
  online_share: number | null;
  apologised: number;
  supplement_requested: number;
  supplements_per_dossier: number | null;
  returned: number;
  refused: number;
  withdrawn: number;
  stopped: number;
  closed_undecided: number;
  results_electronic: number;
  documents_reused: number;
  ratings: { very_satisfied: number; satisfied: number; dissatisfied: number; total: number; note?: string };
}

// What one row of a list is: a dossier, a procedure, or a component of a dossier.
export type ListKind = 'dossiers' | 'procedures' | 'feedback' | 'components';

// A component counted by «Tỷ lệ khai thác, sử dụng lại dữ liệu đã số hóa»: the dossier's row plus
// the component, whether it was taken from a database (source) and when the dossier was filed.
export interface ComponentRow extends DrillRow {
  component: string;
  reused: boolean;
  source: string | null;
  submitted_at: string | null;
}

export interface DrillRow {
  id: string;
  code: string;
  procedure_id: string;
  agency_id: string;
  channel: number;
  state: string;
  received_at: string | null;
  resolved_at: string | null;
  timeliness: string;
}

export interface Target {
  id: string;
  label: string;
  target: number;
  basis: string;
}

export interface Targets {
  effective_from: string;
  legal_basis: string;
  verified: boolean;
  note: string;
  targets: Target[];
}

export const METRIC_LABEL: Record<string, string> = {
  received: 'Hồ sơ tiếp nhận',
  received_counter: 'Tiếp nhận trực tiếp',
  received_online: 'Tiếp nhận trực tuyến',
  received_post: 'Tiếp nhận qua bưu chính',
  resolved: 'Hồ sơ đã giải quyết',
  resolved_early: 'Giải quyết trước hạn',
  resolved_on_time: 'Giải quyết đúng hạn',
  resolved_late: 'Giải quyết quá hạn',
  apologised: 'Hồ sơ có thư xin lỗi',
  supplement_requested: 'Hồ sơ được yêu cầu bổ sung',
  in_progress: 'Hồ sơ đang giải quyết',
  overdue: 'Hồ sơ đang giải quyết quá hạn',
  in_progress_within: 'Hồ sơ đang giải quyết trong hạn',
  near_due: 'Hồ sơ sắp đến hạn',
  resolved_not_late: 'Hồ sơ giải quyết không quá hạn',
  results_electronic: 'Hồ sơ có kết quả điện tử',
  synced: 'Hồ sơ đã đồng bộ lên Cổng Dịch vụ công quốc gia',
  received_of_online: 'Hồ sơ tiếp nhận của thủ tục có dịch vụ trực tuyến',
  received_online_of_online: 'Hồ sơ trực tuyến của thủ tục có dịch vụ trực tuyến',
  received_of_fee: 'Hồ sơ tiếp nhận của thủ tục có phí',
  paid_online: 'Hồ sơ thanh toán trực tuyến',
  rated: 'Hồ sơ được đánh giá',
  rated_not_dissatisfied: 'Hồ sơ được đánh giá hài lòng, rất hài lòng',
  procedures: 'Thủ tục của phạm vi',
  procedures_online: 'Thủ tục có dịch vụ trực tuyến',
  procedures_online_used: 'Thủ tục có hồ sơ trực tuyến trong kỳ',
  fee_procedures: 'Thủ tục có phí',
  fee_procedures_online: 'Thủ tục có phí tích hợp thanh toán trực tuyến',
  fee_procedures_paid: 'Thủ tục có phí có giao dịch thanh toán trực tuyến trong kỳ',
  progress_due: 'Hồ sơ phải cập nhật tiến độ (đã giải quyết trong kỳ)',
  progress_published: 'Hồ sơ có tiến độ đến quyết định được Cổng Dịch vụ công quốc gia xác nhận',
  feedback_answered: 'Phản ánh, kiến nghị được trả lời lần đầu trong kỳ',
  feedback_answered_on_time: 'Phản ánh, kiến nghị trả lời đúng hạn',
  feedback_answered_not_dissatisfied: 'Phản ánh, kiến nghị không bị đánh giá không hài lòng',
  components_reused: 'Thành phần hồ sơ lấy từ Cơ sở dữ liệu quốc gia về dân cư',
  components_asked: 'Thành phần hồ sơ vẫn yêu cầu nộp giấy tờ',
  received_digitised: 'Hồ sơ tiếp nhận đã số hóa thành phần khi tiếp nhận',
};
// The stocks: the dossiers at the close of the period's last day (any past day).
export const STOCK_METRICS = ['in_progress', 'overdue', 'in_progress_within', 'near_due'];

// GET /api/v1/kpi/steps: where dossiers wait (working minutes, pauses left out).
export interface StepTime {
  n: number;
  minutes: number;
  mean_minutes: number | null;
  median_minutes: number | null;
  median_bucket: { from: number; to: number | null } | null;
  histogram: number[];
}
export interface KpiSteps {
  from: string;
  to: string;
  total: StepTime;
  by_step: (StepTime & { step: number; role: string; role_name: string })[];
  by_agency: (StepTime & { agency_id: string; agency_name: string })[];
  buckets: { from: number; to: number | null }[];
}

// GET /api/v1/kpi/index766 (Quyết định 766 groups and points, stocks near due and overdue).
export interface Index766Indicator {
  id: string;
  label: string;
  formula: string;
  measured: boolean;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  points: number | null;
  max_points: number;
  target: number;
  reached: boolean | null;
  basis: string;
  points_verified: boolean;
  target_verified: boolean;
  source: string;
  note: string | null;
  lists: { numerator: ListRef[]; denominator: ListRef[] };  // each side's number is the sum of its lists' totals
}

// Where the list behind a number is read (the server says it; the screen keeps no rule).
export interface ListRef {
  metric: string;
  kind: ListKind;
  path: string;
  query: Record<string, string>;
}

export interface Index766Group {
  id: string;
  label: string;
  points: number;
  scored_max_points: number;
  max_points: number;
  indicators: Index766Indicator[];
}

export interface Index766 {
  from: string;
  to: string;
  rules: { effective_from: string; legal_basis: string; verified: boolean; note: string } | null;
  total: { points: number; scored_max_points: number; max_points: number } | null;
  groups: Index766Group[];
  stock: {
    at: string; in_progress: number; overdue: number; near_due: number; near_due_working_days: number; near_due_until: string;
    lists: { in_progress: ListRef; overdue: ListRef; near_due: ListRef };
  };
  lists: { apologised: ListRef; supplement_requested: ListRef; received: ListRef };
  apologised: number;
  supplement_requested: number;
  received: number;
  supplements_per_dossier: number | null;
}

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
  'stock:in_progress': 'Hồ sơ đang giải quyết',
  'stock:overdue': 'Hồ sơ đang giải quyết quá hạn',
  'stock:near_due': 'Hồ sơ sắp đến hạn',
  'event:apologised': 'Hồ sơ có thư xin lỗi',
  'event:supplement_requested': 'Hồ sơ được yêu cầu bổ sung',
  in_progress: 'Hồ sơ đang giải quyết',
  overdue: 'Hồ sơ đang giải quyết quá hạn',
};
// The stocks: the dossiers at the close of the period's last day (any past day).
export const STOCK_METRICS = ['in_progress', 'overdue'];

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
  drill: Record<string, string>;
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
  stock: { at: string; in_progress: number; overdue: number; near_due: number; near_due_working_days: number; near_due_until: string };
  apologised: number;
  supplement_requested: number;
  received: number;
  supplements_per_dossier: number | null;
}

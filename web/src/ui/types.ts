// Shapes of the API's JSON (docs/openapi.yaml, components/schemas).

export type Role =
  | 'reception'
  | 'specialist'
  | 'head'
  | 'leader'
  | 'clerk'
  | 'unit_admin'
  | 'province_admin'
  | 'province_monitor';

export interface Grant {
  agency_id: string;
  role: Role;
  role_label: string;
}

// What the staff app offers this reader, decided by the server's policy (org::capabilities).
export interface StaffCapabilities {
  receive: boolean;
  administration: boolean;
  manage_staff: boolean;
  read_calendar: boolean;
  change_calendar: boolean;
  read_organisation: boolean;
  change_organisation: boolean;
  change_procedures: boolean;
  feedback_calls?: boolean;
  feedback_cases?: boolean;
  evaluate: boolean;
  review_procedures: boolean;
  reports?: boolean;              // the unit reports page
  consolidate_reports?: boolean;  // the province's view and consolidation of the reports
  read_kpi: boolean;  // kpi.read: a leader, or a province role (the leaders' dashboards)
  read_kpi_province?: boolean;  // kpi.read of the whole province: the province roles
  feedback_figures?: boolean;           // the feedback figures page (heads, leaders, province roles)
  feedback_figures_province?: boolean;  // …of the whole province
}

export interface Actor {
  kind: 'staff' | 'citizen' | 'anonymous';
  id: string;
  username: string;
  full_name: string;
  grants: Grant[];
  may?: StaffCapabilities; // staff only
  // Staff only, from the server's policy: the web never works these out from role names.
  receive_agencies?: string[];  // where the reader receives at the counter
  staff_agencies?: string[];    // whose accounts a unit administrator manages
  grantable_roles?: Role[];     // the roles this administrator may hand out
}

export interface LoginResponse {
  csrf_token: string;
  user: Actor;
  expires_at: string;
}

export interface MeResponse {
  csrf_token: string;
  user: Actor;
}

export interface TimeLimit {
  amount: number;
  unit: 'working_days' | 'working_hours' | 'calendar_days' | 'same_day' | 'none';
  verified: boolean;
}

export interface Procedure {
  id: string;
  national_code: string;
  version: number;
  name: string;
  field: string;
  level: string;
  online_level: string;
  boundary_free: boolean;
  time_limit: TimeLimit;
}

export interface CatalogueComponent {
  name: string;
  kind: string;
  count: number;
  template?: string | null;
  replaceable_by?: string | null;
}

export interface CatalogueFee {
  code?: string;
  name: string;
  amount_vnd: number | null;
  verified: boolean;
  note?: string;
  /** "page": amount_vnd is a page's price; tiers lower it from a page on; at most cap_per_copy_vnd a copy. */
  per?: string;
  tiers?: { from_page: number; amount_vnd: number }[];
  cap_per_copy_vnd?: number | null;
}

/** Who the published fees exempt (the server's words, DOMAIN.md §6); `granted` at payment. */
export interface FeeExemption {
  code: string;
  label: string;
  fees: string[];
  granted?: boolean;
}

export interface ProcedureFull extends Procedure {
  exemptions?: FeeExemption[];
  catalogue: {
    components?: CatalogueComponent[];
    fees?: CatalogueFee[];
    consultations?: CatalogueConsultation[];
    result?: string;
    [k: string]: unknown;
  };
}

export interface Unit {
  id: string;
  code: string;
  name: string;
  level: string;
  type: string;
  parent_id: string | null;
  valid_to?: string | null;
  /** Ended by today (the server's answer): "(cũ)". A unit whose end is recorded ahead of its date is not former yet. */
  former: boolean;
  /** Only with `successors=1`, on former units: what the unit became (merge, split, rename). */
  successors?: { to_id: string; kind: string }[];
}

export interface Agency {
  id: string;
  eid: string;
  name: string;
  type: string;
  valid_to: string | null;
}

export type StateId =
  | 'draft'
  | 'submitted'
  | 'received'
  | 'refused'
  | 'in_progress'
  | 'supplement_requested'
  | 'awaiting_payment'
  | 'withdrawn'
  | 'stopped'
  | 'resolved'
  | 'returned';

export interface DossierState {
  id: StateId;
  label: string;
  national_code: number;
  national_name: string;
}

export type Timeliness = 'early' | 'on_time' | 'late' | null;

export interface DossierSummary {
  id: string;
  code: string;
  procedure_id: string;
  receiving_agency_id: string;
  competent_agency_id: string;
  channel: 1 | 2 | 3;
  state: DossierState;
  applicant_name: string;
  submitted_at: string | null;
  received_at: string | null;
  due_at: string | null;
  original_due_at: string | null;
  paused: boolean;
  overdue: boolean;
  result_ready: boolean;
  resolution: 'granted' | 'refused' | null;
  timeliness: Timeliness;
  version: number;
  /** The server's clock (province calendar): working minutes to `due_at`, negative when overdue;
   *  null when no clock runs (not received, paused, closed). */
  working_minutes_left: number | null;
  /** The clock runs and at most one working day is left. */
  near_due: boolean;
}

export interface DossierList {
  /** `queues`: staff, the reader's queues that hold the dossier (where a search match is). */
  items: (DossierSummary & { consultation?: Consultation; queues?: { id: string; label: string }[] })[];
  next_cursor: string | null;
}

export interface HistoryEntry {
  at: string;
  actor: string;
  action: string;
  from_state: string | null;
  to_state: string;
  note: string;
  data?: Record<string, unknown>;
}

export interface ControlSheetStep {
  step: number;
  name: string;
  role: string;
  role_label: string;
  agency_id: string;
  assignee_id: string | null;
  /** The full name of the person the step is assigned to. */
  assignee_name: string | null;
  handed_by: string;
  started_at: string | null;
  due_at: string | null;
  finished_at: string | null;
  timeliness: Timeliness;
}

export interface Consultation {
  id: number;
  /** In a dossier view: whether this reader may answer it now (the server's policy). */
  may_answer?: boolean;
  /** The consulted agency. */
  agency_id: string;
  /** The question asked. */
  subject: string;
  requested_at: string | null;
  requested_by: string | null;
  due_at: string | null;
  answered_at: string | null;
  answered_by: string | null;
  answer: string | null;
  timeliness: Timeliness;
  /** Unanswered and past `due_at`. */
  overdue: boolean;
  /** Working minutes to `due_at` (negative when overdue); null once answered. */
  working_minutes_left: number | null;
  near_due: boolean;
}

/** A consultation the procedure's catalogue foresees (`catalogue.consultations[]`). */
export interface CatalogueConsultation {
  agency_type: string;
  /** A named agency, or null when any agency of `agency_type` (e.g. the commune where the land is). */
  agency: string | null;
  name: string;
  hours: number;
}

export interface Applicant {
  kind: 'citizen' | 'organisation';
  full_name: string;
  /** Masked ("*********321") in the consulted view, as is a citizen's tax_code. */
  id_number: string;
  tax_code: string;
  /** phone, email and address are absent from the consulted view (`access: consulted`). */
  phone?: string;
  email?: string;
  address?: string;
  address_unit_id: string;
  /** Filled in at intake: the unit's name with its province ("Xã Măng Đen, tỉnh Quảng Ngãi"). */
  address_unit_name?: string;
  /** The pre-2025 unit the applicant gave, kept as written, and its name as it was. */
  address_former_unit_id?: string;
  address_former_unit_name?: string;
}

export interface DossierView extends DossierSummary {
  procedure: Procedure;
  applicant: Applicant;
  details: {
    components?: { name: string; kind: string; count: number; provided: boolean; source?: 'csdl_dan_cu' }[];
    note?: string;
    supplement_request?: { at: number; items: string[]; stage: 'reception' | 'processing' };
    /** What the applicant sent with the supplement: note and documents (online from Hồ sơ của tôi). */
    supplement_answer?: { at: number; note: string; documents: string[]; online: boolean };
    refusal?: { at: number; reasons: string[] };
    stop?: { at: number; reasons: string[] };
    resolution?: { at: number; reasons: string[] };
    apology?: { at: number; reason: string; old_due: number; new_due: number };
    return?: { at: number; method: string; received_by: string };
    /** Recorded at the decision: the result document and how it will be returned. */
    result?: { at: number; number: string; date: string; signer: string; document_id?: string; return_method?: string };
    /** Filed for the applicant by someone else (nộp thay), on this right. */
    on_behalf?: { relationship: 'authorised' | 'guardian' | 'legal_representative'; filer_id: string; filer_name: string; document: string };
    [k: string]: unknown;
  };
  /** Tracking key (mã tra cứu) printed with the QR code: with the code it opens the full public lookup. Absent for a consulted agency. */
  tracking_key?: string;
  /** Whether this reader may ask another agency for an opinion / attach documents now (the server's policy). */
  may_consult: boolean;
  may_attach_documents: boolean;
  /** The dossier's state still takes answers to consultations. */
  consultations_open: boolean;
  /** What this reader may do now: the server's policy and state machine (absent in the consulted view). */
  /** `fee.per_page` (request_payment): the form asks for the pages and copies counted. */
  allowed_actions?: { id: string; label: string; fee?: { per_page: boolean } }[];
  /** For start_processing / handover: the step the dossier goes to and who may be chosen for it. */
  step_choices?: StepChoice[];
  supplement_used: { reception: boolean; processing: boolean };
  apology_used: boolean;
  // The national portal (DVCQG): what it has confirmed, what waits and why (staff, full view).
  national_sync?: {
    state: 'none' | 'pending' | 'retrying' | 'parked' | 'synced';
    confirmed_status: number;
    synced_at: string | null;
    messages: number;
    waiting: number;
    attempts: number;
    last_error: string | null;
  };
  resolved_at: string | null;
  returned_at: string | null;
  history: HistoryEntry[];
  control_sheet: ControlSheetStep[];
  consultations: Consultation[];
  documents?: DossierDocument[];
  /** `consulted`: the reader sees the dossier only as an official of a consulted agency. */
  access: 'full' | 'consulted';
}

export interface StepChoice {
  action: 'start_processing' | 'handover';
  step: number;
  name: string;
  role: string;
  role_label: string;
  agency_id: string;
  candidates: { id: string; username: string; full_name: string }[];
}

export interface DossierDocument {
  id: string;
  file_name: string;
  content_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  size_bytes: number;
  component: string | null;
  sha256: string;
  uploaded_by: string;
  uploaded_at: string;
  href: string;
}

export interface CalendarDay {
  date: string;
  working: boolean;
  reason: string;
}

export interface CalendarChange {
  id: number;
  date: string;
  working: boolean | null;
  reason: string;
  changed_by: string;
  changed_at: string;
}

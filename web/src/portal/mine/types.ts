// The citizen's views of their dossiers (docs/openapi.yaml: MyDossierSummary, MyDossierView,
// MyDocument, Rating). Everything the citizen may do now is the server's answer (`awaiting`,
// `may_*`): the portal never works it out from the state.

export interface Awaiting {
  id: 'send_supplement' | 'pay_fee' | 'collect_result' | 'download_result' | 'rate' | string;
  label: string;
  items?: string[];
}

export interface MyDossierSummary {
  id: string;
  code: string;
  procedure_id: string;
  procedure_name: string;
  state: string;
  state_label: string;
  national_status: number;
  open: boolean;
  submitted_at: string | null;
  due_at: string | null;
  awaiting: Awaiting[];
}

export interface MyDocument {
  id: string;
  dossier_id: string;
  dossier_code: string;
  procedure_name?: string;
  kind: 'submitted' | 'result';
  component: string | null;
  file_name: string;
  content_type: string;
  size_bytes: number;
  uploaded_at: string;
  reused_from?: string | null;
  href: string;
}

export interface Rating {
  dossier_id: string;
  score: 'very_satisfied' | 'satisfied' | 'dissatisfied';
  label: string;
  comment?: string | null;
  channel: string;
  at: string;
}

export interface MyDossierView extends MyDossierSummary {
  receiving_agency_name?: string;
  received_at?: string | null;
  returned_at?: string | null;
  history?: { at: string; event: string; label: string; by_me?: boolean; note?: string | null; items?: string[] }[];
  forms?: { form: string; name: string; href: string }[];
  documents?: MyDocument[];
  result?: { granted: boolean; number: string; date: string; return_method?: string | null; electronic: boolean; href?: string | null } | null;
  rating?: Rating | null;
  may_withdraw?: boolean;
  may_answer_supplement?: boolean;
  may_rate?: boolean;
  may_add_documents?: boolean;
}

export interface NationalDatabases {
  connected: boolean;
  message: string;
}

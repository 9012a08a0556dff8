// The feedback API's shapes (docs/openapi.yaml, tag feedback).
export interface FeedbackHistory {
  at: string;
  action: string;
  label: string;
  actor: string | null;
  note: string | null;
}
export interface FeedbackCase {
  id: string;
  code: string;
  channel: string;
  channel_label: string;
  kind: string | null;
  kind_label: string | null;
  state: string;
  state_label: string;
  title: string;
  accepted: boolean;
  refusal_reason: string | null;
  field: string | null;
  agency_id: string;
  agency_name: string;
  assignee_id: string | null;
  private: boolean;
  published: boolean;
  reopened: boolean;
  overdue: boolean;
  reminded: boolean;
  escalated_to: string | null;
  received_at: string;
  due_at: string | null;
  answered_at: string | null;
  dossier: { id: string | null; code: string } | null;
  may: string[];
  content?: string;
  answer?: string | null;
  sender?: { name: string | null; phone: string | null; email: string | null; address: string | null };
  received_by?: string | null;
  history?: FeedbackHistory[];
  attachments?: { id: string; file_name: string; content_type: string; size_bytes: number; href: string }[];
  ratings?: { round: number; score: string; comment: string | null }[];
}
export interface Filed {
  id: string;
  code: string;
  accepted: boolean;
  reply: string | null;
}
export interface PublishedAnswer {
  code: string;
  kind: string;
  field: string;
  agency_name: string;
  title: string;
  content: string;
  answer: string;
  received_at: string;
  answered_at: string;
}
export interface FeedbackRules {
  fields: string[];
  kinds: { id: string; label: string }[];
  attachments: { max_files: number; max_file_bytes: number };
}

/** A File as base64 (without the data: prefix), for the JSON filing body. */
export function fileToBase64(f: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(f);
  });
}

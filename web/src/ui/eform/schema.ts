// The e-form schema (format 1) as the server serves it: GET /api/v1/procedures/{id}/eform.
// The C++ contract is src/domain/eform/schema.h; this is its TypeScript shape. No dependencies.

export type FieldType =
  | 'text'
  | 'number'
  | 'date'
  | 'choice'
  | 'address'
  | 'personal_id'
  | 'phone'
  | 'email'
  | 'boolean'
  | 'group';

export interface Option {
  value: string;
  label: string;
}

/** The field is shown (and checked, and kept) only while its sibling `field` holds one of these. */
export interface Condition {
  field: string;
  equals?: string | boolean;
  in?: Array<string | boolean>;
}

export interface Field {
  name: string;
  type: FieldType;
  label: string;
  help?: string;
  required?: boolean;
  /** text: code points (default 500) */
  max_length?: number;
  /** text: newlines allowed (a textarea) */
  multiline?: boolean;
  /** number */
  min?: number;
  max?: number;
  integer?: boolean;
  /** date: YYYY-MM-DD or "today" */
  min_date?: string;
  max_date?: string;
  /** choice */
  options?: Option[];
  when?: Condition;
  /** group: a list of objects instead of one */
  repeat?: boolean;
  min_items?: number;
  max_items?: number;
  fields?: Field[];
}

/** Which fields fill the dossier's applicant: dotted paths through groups that do not repeat. */
export interface ApplicantMap {
  full_name?: string;
  id_number?: string;
  phone?: string;
  email?: string;
  address?: string;
}

export interface Schema {
  format: 1;
  title: string;
  template?: string;
  verified?: boolean;
  source?: string;
  fields: Field[];
  applicant?: ApplicantMap;
}

/** An address field's value. `former_unit_id`: a commune before 1 July 2025 (mapped by the server). */
export interface AddressValue {
  line?: string;
  unit_id?: string;
  former_unit_id?: string;
}

export type FormValue = null | boolean | number | string | AddressValue | FormData | FormData[] | unknown;
export interface FormData {
  [name: string]: FormValue;
}

/** One problem, keyed like the server's 422 `errors[]` (`field` is the path, `detail` the message). */
export interface FieldError {
  field: string;
  detail: string;
}

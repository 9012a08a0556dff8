// The e-form schema (format 1) as the server sends it with a procedure version: see
// src/domain/eform/schema.h, the one description of the format. Only what the portal renders.

export type FieldType = 'text' | 'number' | 'date' | 'choice' | 'address' | 'personal_id' | 'phone' | 'email' | 'boolean' | 'group';

export interface EField {
  name: string;
  type: FieldType;
  label: string;
  help?: string;
  required?: boolean;
  max_length?: number;
  multiline?: boolean;
  min?: number;
  max?: number;
  integer?: boolean;
  min_date?: string;
  max_date?: string;
  options?: { value: string; label: string }[];
  when?: { field: string; equals?: unknown; in?: unknown[]; values?: unknown[] };
  repeat?: boolean;
  min_items?: number;
  max_items?: number;
  fields?: EField[];
}

export interface ESchema {
  format: number;
  title?: string;
  template?: string;
  verified?: boolean;
  fields: EField[];
  applicant?: Record<string, string>;
}

export type Obj = Record<string, unknown>;

/** Whether a field's `when` holds among its siblings (`scope`). */
export function shown(f: EField, scope: Obj): boolean {
  if (!f.when) return true;
  const v = scope[f.when.field];
  const list = f.when.in ?? f.when.values ?? [f.when.equals];
  return list.some((x) => x === v);
}

/** "a.b[2].c" → DOM id. */
export function fieldDomId(path: string): string {
  return `ef-${path.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function todayIso(): string {
  const p = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return p;
}

export function resolveDate(d: string | undefined): string | undefined {
  if (!d) return undefined;
  return d === 'today' ? todayIso() : d;
}

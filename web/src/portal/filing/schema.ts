// The e-form schema's types are the shared ones (web/src/ui/eform/schema.ts); helpers for rendering.

import type { Field, Schema } from '../../ui/eform/schema';
import { isShown } from '../../ui/eform/validate';

export type EField = Field;
export type ESchema = Schema;
export type Obj = Record<string, unknown>;

/** Whether a field's `when` holds among its siblings (`scope`): the shared validator's rule. */
export function shown(f: EField, scope: Obj): boolean {
  return isShown(f, scope);
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

// The browser's check of the e-form: the shared validator (web/src/ui/eform/validate.ts), the
// same rules and messages as the server. Returns the first error per field path.
import { normalizeData, validate } from '../../ui/eform/validate';
import type { Errors } from './EForm';
import type { ESchema, Obj } from './schema';

export function validateForm(schema: ESchema | null, data: Obj): Errors {
  if (!schema) return {};
  const out: Errors = {};
  for (const e of validate(schema, normalizeData(data))) out[e.field] ??= e.detail;
  return out;
}

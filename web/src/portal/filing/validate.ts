// The browser's check of the e-form: the shared validator (web/src/ui/eform/validate.ts), the
// same rules and messages as the server. Returns the first error per field path.
import { isShown, normalizeData, validate } from '../../ui/eform/validate';
import type { Errors } from './EForm';
import type { EField, ESchema, Obj } from './schema';

export function validateForm(schema: ESchema | null, data: Obj): Errors {
  if (!schema) return {};
  const out: Errors = {};
  for (const e of validate(schema, withRequiredGroups(schema.fields, normalizeData(data)))) out[e.field] ??= e.detail;
  return out;
}

/** A required group left untouched is checked as an empty one, so that each of its required
 *  fields gets its own message (the server names the group; the citizen sees the fields). */
function withRequiredGroups(fields: EField[], data: Obj): Obj {
  const out: Obj = { ...data };
  for (const f of fields) {
    if (f.type !== 'group' || f.repeat || !isShown(f, out)) continue;
    const v = out[f.name];
    if (v === undefined && f.required) out[f.name] = withRequiredGroups(f.fields ?? [], {});
    else if (v && typeof v === 'object' && !Array.isArray(v)) out[f.name] = withRequiredGroups(f.fields ?? [], v as Obj);
  }
  return out;
}

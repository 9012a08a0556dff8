// «Tra cứu CSDL quốc gia về dân cư» on a filing form (the counter's and the portal's): with the
// citizen's consent (a box ticked here; the server refuses without it), the person is looked up
// by the 12-digit number (with the name and birth date the database matches on) and the server's
// answer is handed to the form: what to fill (`fills`) and which components the database
// replaces (`satisfies`). The web keeps no rule of its own: fields and components come from the
// answer. When the database has no such person or cannot answer, its Vietnamese message is
// shown and the form stays as it is, to be typed by hand.
import { useId, useRef, useState } from 'react';
import { api, ApiError, uuid } from './api';
import { DateField } from './DateField';
import { problemOf } from './components';

export interface PopulationFill {
  field: string;
  value: string;
  mode: 'set' | 'if_empty';
}

export interface PopulationLookupResult {
  id: string;
  source_name: string;
  person: { id_number: string; full_name: string; birth_date: string; gender: string; permanent_address: string; current_address: string };
  satisfies: { name: string; kind: string; count: number }[];
  fills: { applicant: PopulationFill[]; form: PopulationFill[] };
  looked_up_at: string;
  expires_at: string;
}

/** What a form keeps of a found lookup (its id goes with the filing as population_lookup_id). */
export interface PopulationUse {
  id: string;
  id_number: string;
  full_name: string;
  source_name: string;
  /** The components the database replaces (the server's answer). */
  satisfies: string[];
  expires_at: string;
}

export function populationUse(r: PopulationLookupResult): PopulationUse {
  return {
    id: r.id,
    id_number: r.person.id_number,
    full_name: r.person.full_name,
    source_name: r.source_name,
    satisfies: r.satisfies.map((c) => c.name),
    expires_at: r.expires_at,
  };
}

function blank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** Applies fills to a flat record (the counter form's applicant); returns the fields changed. */
export function applyFlat<T extends object>(target: T, fills: PopulationFill[]): { value: T; changed: string[] } {
  const out = { ...target } as Record<string, unknown>;
  const changed: string[] = [];
  for (const f of fills) {
    if (!(f.field in out)) continue; // a field this form does not have
    if (f.mode === 'if_empty' && !blank(out[f.field])) continue;
    if (out[f.field] !== f.value) changed.push(f.field);
    out[f.field] = f.value;
  }
  return { value: out as T, changed };
}

/** Applies fills to nested form data by dotted path ("requester.full_name", "residence.line"). */
export function applyPaths(data: Record<string, unknown>, fills: PopulationFill[]): { value: Record<string, unknown>; changed: string[] } {
  const root: Record<string, unknown> = { ...data };
  const changed: string[] = [];
  for (const f of fills) {
    const parts = f.field.split('.');
    let node = root;
    for (const p of parts.slice(0, -1)) {
      const next = node[p];
      const copy = next && typeof next === 'object' && !Array.isArray(next) ? { ...(next as Record<string, unknown>) } : {};
      node[p] = copy;
      node = copy;
    }
    const leaf = parts[parts.length - 1];
    if (f.mode === 'if_empty' && !blank(node[leaf])) continue;
    if (node[leaf] !== f.value) changed.push(f.field);
    node[leaf] = f.value;
  }
  return { value: root, changed };
}

interface Props {
  /** counter: an officer with the citizen in front of them; online: the citizen themself. */
  who: 'counter' | 'online';
  idNumber: string;
  fullName: string;
  procedureId?: string;
  /** The lookup in use on this form, if any. */
  used: PopulationUse | null;
  /** Applies a found answer to the form; returns the sentence announced to screen readers. */
  onFound: (r: PopulationLookupResult) => string;
  /** The officer or citizen stops using the lookup (types the data by hand instead). */
  onDrop: () => void;
  /** The box's heading level in its page (the next below the section it sits in). */
  level?: 2 | 3;
}

const FIELD_NAMES: Record<string, string> = {
  id_number: 'Số định danh cá nhân',
  full_name: 'Họ và tên',
  birth_date: 'Ngày sinh',
  consent: 'Sự đồng ý',
  procedure_id: 'Thủ tục',
};

export function PopulationLookup({ who, idNumber, fullName, procedureId, used, onFound, onDrop, level = 3 }: Props) {
  const H = level === 2 ? 'h2' : 'h3';
  const id = useId();
  const [birth, setBirth] = useState('');
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ detail: string; fields: Record<string, string> } | null>(null);
  const [said, setSaid] = useState('');
  const consentRef = useRef<HTMLInputElement>(null);

  async function lookup() {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setSaid('Đang tra cứu Cơ sở dữ liệu quốc gia về dân cư…');
    try {
      const body: Record<string, unknown> = { id_number: idNumber.trim(), full_name: fullName.trim(), birth_date: birth, consent };
      if (procedureId) body.procedure_id = procedureId;
      const { data } = await api.post<PopulationLookupResult>('/api/v1/population/lookups', body, { headers: { 'Idempotency-Key': uuid() } });
      setSaid(onFound(data));
    } catch (e) {
      const p = problemOf(e);
      const fields: Record<string, string> = {};
      if (e instanceof ApiError) for (const fe of p.errors ?? []) fields[fe.field] = fe.detail;
      setProblem({ detail: p.detail || 'Chưa tra cứu được. Vui lòng thử lại.', fields });
      setSaid('');
      if (fields.consent) consentRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  const others = problem ? Object.entries(problem.fields).filter(([k]) => k !== 'consent' && k !== 'birth_date') : [];
  return (
    <section
      className="lookup-box"
      aria-labelledby={`${id}-h`}
      onKeyDown={(e) => {
        // Enter in the lookup's own fields looks up (instead of sending the whole form).
        if (e.key === 'Enter' && e.target instanceof HTMLInputElement && e.target.type !== 'checkbox') {
          e.preventDefault();
          void lookup();
        }
      }}
    >
      <H id={`${id}-h`} className="lookup-title">
        Tra cứu Cơ sở dữ liệu quốc gia về dân cư
      </H>
      {used ? (
        <div className="lookup-used">
          {used.full_name ? (
            <p>
              Đang dùng thông tin của <strong>{used.full_name}</strong> (số định danh {used.id_number}) lấy từ {used.source_name}.
            </p>
          ) : (
            <p>Đang dùng thông tin đã tra cứu từ {used.source_name} (trên thiết bị khác).</p>
          )}
          <button type="button" className="btn btn-link" onClick={() => { onDrop(); setSaid('Đã bỏ dùng thông tin tra cứu: nhập và nộp giấy tờ như bình thường.'); }}>
            Không dùng thông tin tra cứu
          </button>
        </div>
      ) : (
        <>
          <p className="hint">
            {who === 'counter'
              ? 'Nhập số định danh và họ tên người nộp ở trên, ngày sinh ở đây: hệ thống điền thông tin từ cơ sở dữ liệu và đánh dấu giấy tờ không phải nộp.'
              : 'Hệ thống lấy thông tin của anh/chị theo số định danh, họ tên và ngày sinh để điền tờ khai; giấy tờ mà cơ sở dữ liệu đã có thì không phải nộp.'}
          </p>
          <div className="lookup-fields">
            <DateField
              label="Ngày sinh (để tra cứu)"
              value={birth}
              onChange={setBirth}
              max={new Date().toISOString().slice(0, 10)}
              error={problem?.fields.birth_date}
            />
          </div>
          <div className={`lookup-consent field ${problem?.fields.consent ? 'field-invalid' : ''}`}>
            <input
              ref={consentRef}
              id={`${id}-consent`}
              type="checkbox"
              checked={consent}
              onChange={(e) => setConsent(e.target.checked)}
              aria-describedby={problem?.fields.consent ? `${id}-consent-err` : undefined}
              aria-invalid={problem?.fields.consent ? true : undefined}
            />
            <label htmlFor={`${id}-consent`}>
              {who === 'counter'
                ? 'Công dân đồng ý cho cơ quan khai thác thông tin của mình từ Cơ sở dữ liệu quốc gia về dân cư'
                : 'Tôi đồng ý cho cơ quan khai thác thông tin của tôi từ Cơ sở dữ liệu quốc gia về dân cư'}
            </label>
          </div>
          {problem?.fields.consent && (
            <p className="field-error" id={`${id}-consent-err`}>
              {problem.fields.consent}
            </p>
          )}
          <button type="button" className="btn btn-secondary" onClick={() => void lookup()} disabled={busy}>
            {busy ? 'Đang tra cứu…' : 'Tra cứu CSDL quốc gia về dân cư'}
          </button>
        </>
      )}
      {problem && (
        <div className="msg msg-warning" role="alert">
          <div className="msg-body">
            <p className="msg-title">{problem.detail}</p>
            {others.length > 0 && (
              <ul className="msg-list">
                {others.map(([k, v]) => (
                  <li key={k}>
                    {FIELD_NAMES[k] ?? k}: {v}
                  </li>
                ))}
              </ul>
            )}
            <p>Biểu mẫu vẫn dùng được: anh/chị có thể nhập thông tin và nộp giấy tờ như bình thường.</p>
          </div>
        </div>
      )}
      <p className="lookup-said" role="status" aria-live="polite" data-testid="population-status">
        {said}
      </p>
    </section>
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../ui/api';
import { Badge, ErrorBox, Field, Link, Loading, Message, PageTitle, ProblemView, problemOf } from '../ui/components';
import { actorLabel, CHANNEL_LABEL, COMPONENT_KIND_LABEL, fmtDateTime, fromLocalInput, ON_BEHALF_LABEL, timelinessLabel, toLocalInput } from '../ui/format';
import { DateInput, DateTimeInput } from '../ui/DateField';
import { DossierFeedback } from '../ui/DossierFeedback';
import { todayVn } from '../ui/dates';
import type { DossierView, HistoryEntry, Timeliness } from '../ui/types';
import { ACTIONS, allowedActions, FORMS, HISTORY_LABEL, RETURN_METHOD_LABEL, type ActionDef, type ActionId } from './actions';
import { loadAgencies, useNameMap } from './catalog';
import { ConsultationsSection } from './Consultations';
import { DeliveriesSection } from './Deliveries';
import { DocumentsSection } from './Documents';
import { DueBadges } from './Due';
import { AddressUnitText } from '../ui/UnitPicker';

const STATE_LABEL: Record<string, string> = {
  draft: 'Bản nháp',
  submitted: 'Mới đăng ký',
  received: 'Được tiếp nhận',
  refused: 'Không được tiếp nhận',
  in_progress: 'Đang xử lý',
  supplement_requested: 'Yêu cầu bổ sung giấy tờ',
  awaiting_payment: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  withdrawn: 'Công dân yêu cầu rút hồ sơ',
  stopped: 'Dừng xử lý',
  resolved: 'Đã xử lý xong',
  returned: 'Đã trả kết quả',
};


type Flash = { kind: 'success'; text: string } | { kind: 'stale'; detail: string } | null;

const NATIONAL_SYNC_LABEL: Record<string, string> = {
  none: 'Chưa có thông tin cần đồng bộ',
  pending: 'Đang chờ gửi',
  retrying: 'Gửi chưa thành công, đang thử lại',
  parked: 'Đã dừng gửi, chờ quản trị xử lý',
  synced: 'Đã đồng bộ',
};

export function DossierPage({ id }: { id: string }) {
  const [dossier, setDossier] = useState<DossierView | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [open, setOpen] = useState<ActionId | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [flash, setFlash] = useState<Flash>(null);
  const agencyNames = useNameMap(loadAgencies);
  const flashRef = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const { data } = await api.get<DossierView>(`/api/v1/dossiers/${encodeURIComponent(id)}`);
      setDossier(data);
      setLoadError(null);
    } catch (e) {
      setLoadError(e);
      setDossier(null);
    } finally {
      setLoading(false);
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  // Quiet re-read (after an upload: the history gains an entry); failures are ignored.
  const refresh = useCallback(async () => {
    try {
      const { data } = await api.get<DossierView>(`/api/v1/dossiers/${encodeURIComponent(id)}`);
      setDossier(data);
    } catch {
      /* the list already shows the new document */
    }
  }, [id]);

  async function act(action: ActionId, body: Record<string, unknown>) {
    if (!dossier) return;
    setBusy(true);
    setActionError(null);
    setFlash(null);
    try {
      const { data } = await api.post<DossierView>(`/api/v1/dossiers/${encodeURIComponent(dossier.id)}/actions/${action}`, body, {
        headers: { 'If-Match': `"${dossier.version}"` },
      });
      setDossier(data);
      setOpen(null);
      setFlash({ kind: 'success', text: ACTIONS[action].done });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'stale') {
        setFlash({ kind: 'stale', detail: e.problem.detail });
      } else {
        setActionError(e);
      }
    } finally {
      setBusy(false);
      setTimeout(() => flashRef.current?.focus(), 0);
    }
  }

  if (loading && !dossier) return <Loading label="Đang tải hồ sơ…" />;
  if (loadError !== null || !dossier) {
    const p = problemOf(loadError);
    const title = p.status === 403 ? 'Không có quyền xem hồ sơ' : p.status === 404 ? 'Không tìm thấy hồ sơ' : 'Không tải được hồ sơ';
    return (
      <div className="page">
        <PageTitle title={title}>{title}</PageTitle>
        <ErrorBox error={loadError} />
        <p className="actions-row">
          <button type="button" className="btn btn-secondary" onClick={() => void load()}>
            Thử lại
          </button>
          <Link href="/staff" className="btn btn-link">
            Về hàng đợi hồ sơ
          </Link>
        </p>
      </div>
    );
  }

  const d = dossier;
  const actions = allowedActions(d);
  // An official of a consulted agency sees only what the opinion needs (the server's consulted view).
  const consulted = d.access === 'consulted';

  return (
    <div className="page page-wide dossier">
      <p className="breadcrumb">
        <Link href="/staff">← Hàng đợi hồ sơ</Link>
      </p>
      <PageTitle title={`Hồ sơ ${d.code}`}>
        Hồ sơ <span className="code">{d.code}</span>
      </PageTitle>
      <div className="status-line">
        <span className={`state state-${d.state.id}`} data-testid="dossier-state">
          {d.state.label}
        </span>
        {d.state.national_code > 0 && <span className="muted">Mã trạng thái quốc gia: {d.state.national_code}</span>}
        {d.paused && <Badge tone="info">Tạm dừng tính thời gian</Badge>}
        <DueBadges clock={d} testId="dossier-due-left" />
        {d.timeliness && <Badge tone={d.timeliness === 'late' ? 'danger' : 'ok'}>{timelinessLabel(d.timeliness)}</Badge>}
      </div>

      <div ref={flashRef} tabIndex={-1} className="flash" aria-live="polite">
        {flash?.kind === 'success' && (
          <Message kind="success" onDismiss={() => setFlash(null)}>
            {flash.text}
          </Message>
        )}
        {flash?.kind === 'stale' && (
          <Message kind="error">
            <p className="msg-title">Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại hồ sơ rồi thực hiện lại thao tác.</p>
            {flash.detail && <p>{flash.detail}</p>}
            <button
              type="button"
              className="btn btn-primary btn-small"
              onClick={() => {
                setFlash(null);
                void load();
              }}
            >
              Tải lại hồ sơ
            </button>
          </Message>
        )}
      </div>

      {consulted && (
        <Message kind="info">
          <p className="msg-title">Cơ quan của bạn được lấy ý kiến về hồ sơ này.</p>
          <p>
            Trang chỉ hiển thị thông tin cần để cho ý kiến: thủ tục, người nộp (không kèm thông tin liên hệ; số định danh được che), thành phần và tài liệu của
            hồ sơ, yêu cầu gửi cơ quan của bạn.
          </p>
        </Message>
      )}

      <div className="dossier-grid">
        <div className="dossier-main">
          {!consulted && (
            <section className="card" aria-labelledby="h-actions">
              <h2 id="h-actions" className="card-title">
                Xử lý hồ sơ
              </h2>
              {actions.length === 0 ? (
                <p className="muted">Không có thao tác nào bạn có thể thực hiện ở trạng thái này.</p>
              ) : (
                <div className="action-buttons">
                  {actions.map((a) => (
                    <button
                      key={a}
                      type="button"
                      className={`btn btn-${ACTIONS[a].tone === 'primary' ? 'primary' : ACTIONS[a].tone === 'danger' ? 'danger-outline' : 'secondary'} ${open === a ? 'is-open' : ''}`}
                      aria-expanded={open === a}
                      aria-controls="action-form"
                      onClick={() => {
                        setActionError(null);
                        setOpen(open === a ? null : a);
                      }}
                    >
                      {ACTIONS[a].label}
                    </button>
                  ))}
                </div>
              )}
              {open && (
                <ActionForm
                  key={open}
                  def={ACTIONS[open]}
                  dossier={d}
                  agencyName={(id) => agencyNames.get(id) ?? id}
                  busy={busy}
                  error={actionError}
                  onCancel={() => {
                    setOpen(null);
                    setActionError(null);
                  }}
                  onSubmit={(body) => void act(open, body)}
                />
              )}
            </section>
          )}

          <ConsultationsSection d={d} onUpdated={setDossier} />

          <section className="card" aria-labelledby="h-general">
            <h2 id="h-general" className="card-title">
              Thông tin hồ sơ
            </h2>
            <dl className="dl">
              <dt>Thủ tục</dt>
              <dd>
                {d.procedure.name} <span className="muted">({d.procedure.national_code})</span>
              </dd>
              <dt>Nơi tiếp nhận</dt>
              <dd>{agencyNames.get(d.receiving_agency_id) ?? d.receiving_agency_id}</dd>
              <dt>Cơ quan giải quyết</dt>
              <dd>{agencyNames.get(d.competent_agency_id) ?? d.competent_agency_id}</dd>
              <dt>Kênh nộp</dt>
              <dd>{CHANNEL_LABEL[d.channel]}</dd>
              {d.details.on_behalf && (
                <>
                  <dt>Nộp thay</dt>
                  <dd>
                    {ON_BEHALF_LABEL[d.details.on_behalf.relationship]}
                    {d.details.on_behalf.filer_name && `: ${d.details.on_behalf.filer_name} (${d.details.on_behalf.filer_id})`}
                    {d.details.on_behalf.document && `, giấy tờ: ${d.details.on_behalf.document}`}
                  </dd>
                </>
              )}
              {d.tracking_key && (
                <>
                  <dt>Mã tra cứu</dt>
                  <dd data-testid="tracking-key">
                    <strong>{d.tracking_key}</strong>{' '}
                    <span className="muted">(in trên giấy tiếp nhận; cùng mã hồ sơ xem đầy đủ tình trạng trên trang tra cứu)</span>
                  </dd>
                </>
              )}
              <dt>Ngày nộp</dt>
              <dd>{fmtDateTime(d.submitted_at)}</dd>
              <dt>Ngày tiếp nhận</dt>
              <dd>{fmtDateTime(d.received_at)}</dd>
              <dt>Hạn trả kết quả</dt>
              <dd data-testid="due-at">
                {fmtDateTime(d.due_at)}
                {d.original_due_at && d.original_due_at !== d.due_at && <span className="muted"> (hẹn lần đầu: {fmtDateTime(d.original_due_at)})</span>}
              </dd>
              {d.resolved_at && (
                <>
                  <dt>Kết quả</dt>
                  <dd>
                    {d.resolution === 'granted' ? 'Giải quyết' : d.resolution === 'refused' ? 'Từ chối giải quyết' : '—'}, lúc {fmtDateTime(d.resolved_at)}
                    {d.timeliness && ` — ${timelinessLabel(d.timeliness)}`}
                  </dd>
                </>
              )}
              {d.returned_at && (
                <>
                  <dt>Ngày trả kết quả</dt>
                  <dd>
                    {fmtDateTime(d.returned_at)}
                    {d.details.return && (
                      <>
                        {' '}
                        — {RETURN_METHOD_LABEL[d.details.return.method] ?? d.details.return.method}
                        {d.details.return.received_by && `, người nhận: ${d.details.return.received_by}`}
                      </>
                    )}
                  </dd>
                </>
              )}
              {d.national_sync && (
                <>
                  <dt>Đồng bộ Cổng DVC quốc gia</dt>
                  <dd data-testid="national-sync">
                    {NATIONAL_SYNC_LABEL[d.national_sync.state]}
                    {d.national_sync.synced_at && d.national_sync.state === 'synced' && `, lúc ${fmtDateTime(d.national_sync.synced_at)}`}
                    {d.national_sync.last_error && <span className="muted"> — lỗi gần nhất: {d.national_sync.last_error}</span>}
                  </dd>
                </>
              )}
            </dl>
            <DetailNotes d={d} />
          </section>

          <section className="card" aria-labelledby="h-applicant">
            <h2 id="h-applicant" className="card-title">
              Người nộp hồ sơ
            </h2>
            <dl className="dl">
              <dt>{d.applicant.kind === 'organisation' ? 'Tên tổ chức' : 'Họ và tên'}</dt>
              <dd>{d.applicant.full_name}</dd>
              {d.applicant.kind === 'organisation' ? (
                <>
                  <dt>Mã số thuế</dt>
                  <dd>{d.applicant.tax_code || '—'}</dd>
                </>
              ) : (
                <>
                  <dt>Số định danh cá nhân</dt>
                  <dd>{d.applicant.id_number || '—'}</dd>
                </>
              )}
              {/* The consulted view has no contact data nor street line (server data minimisation). */}
              {!consulted && (
                <>
                  <dt>Số điện thoại</dt>
                  <dd>{d.applicant.phone || '—'}</dd>
                  {d.applicant.email && (
                    <>
                      <dt>Thư điện tử</dt>
                      <dd>{d.applicant.email}</dd>
                    </>
                  )}
                  <dt>Địa chỉ</dt>
                  <dd>{d.applicant.address || '—'}</dd>
                </>
              )}
              {d.applicant.address_unit_id && (
                <>
                  <dt>Xã, phường, đặc khu</dt>
                  <dd data-testid="address-unit">
                    <AddressUnitText applicant={d.applicant} />
                  </dd>
                </>
              )}
            </dl>
          </section>

          <section className="card" aria-labelledby="h-components">
            <h2 id="h-components" className="card-title">
              Thành phần hồ sơ
            </h2>
            {!d.details.components || d.details.components.length === 0 ? (
              <p className="muted">Không có danh mục giấy tờ.</p>
            ) : (
              <ul className="components">
                {d.details.components.map((c, i) => (
                  <li key={i}>
                    <span className={c.provided ? 'ok-mark' : 'missing-mark'} aria-hidden="true">
                      {c.provided ? '✓' : '✗'}
                    </span>{' '}
                    {c.name}{' '}
                    <span className="muted">
                      — {COMPONENT_KIND_LABEL[c.kind] ?? c.kind}, {c.count} bản{c.provided ? '' : ', chưa nộp'}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <DocumentsSection
            dossierId={d.id}
            components={d.details.components ?? []}
            documents={d.documents ?? []}
            canUpload={d.may_attach_documents}
            onUploaded={(doc) => {
              setDossier((x) => (x ? { ...x, documents: [...(x.documents ?? []), doc] } : x));
              void refresh();
            }}
          />
          {!consulted && <DeliveriesSection dossierId={d.id} version={d.version} />}
          {!consulted && <DossierFeedback dossierId={d.id} hrefOf={(id) => `/staff/phan-anh/${encodeURIComponent(id)}`} />}
        </div>

        <div className="dossier-side">
          {!consulted && (
            <>
              <section className="card" aria-labelledby="h-forms">
                <h2 id="h-forms" className="card-title">
                  Biểu mẫu in
                </h2>
                <ul className="forms-list">
                  {FORMS.filter((f) => f.when(d)).map((f) => (
                    <li key={f.n}>
                      <a href={`/api/v1/dossiers/${encodeURIComponent(d.id)}/forms/${f.n}.pdf`} target="_blank" rel="noopener">
                        Mẫu {f.n}: {f.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </section>

              <section className="card" aria-labelledby="h-control">
                <h2 id="h-control" className="card-title">
                  Phiếu kiểm soát quá trình giải quyết
                </h2>
                {d.control_sheet.length === 0 ? (
                  <p className="muted">Chưa có bước nào.</p>
                ) : (
                  <ol className="steps">
                    {d.control_sheet.map((s) => (
                      <li key={s.step} className={`step ${s.finished_at ? 'step-done' : s.started_at ? 'step-current' : 'step-todo'}`}>
                        <p className="step-name">
                          Bước {s.step}: {s.name}
                          {s.started_at && !s.finished_at && <Badge tone="info">Đang thực hiện</Badge>}
                          <TimelinessBadge t={s.timeliness} />
                        </p>
                        <p className="muted">
                          {s.role_label} — {agencyNames.get(s.agency_id) ?? s.agency_id}
                          {s.assignee_name && `, người xử lý: ${s.assignee_name}`}
                        </p>
                        <p className="muted">
                          Bắt đầu: {fmtDateTime(s.started_at)} · Hạn: {fmtDateTime(s.due_at)} · Kết thúc: {fmtDateTime(s.finished_at)}
                        </p>
                      </li>
                    ))}
                  </ol>
                )}
              </section>
            </>
          )}

          <section className="card" aria-labelledby="h-history">
            <h2 id="h-history" className="card-title">
              Quá trình xử lý
            </h2>
            <ol className="timeline">
              {d.history.map((h, i) => (
                <HistoryItem key={i} h={h} />
              ))}
            </ol>
          </section>
        </div>
      </div>
    </div>
  );
}

function TimelinessBadge({ t }: { t: Timeliness }) {
  if (!t) return null;
  return <Badge tone={t === 'late' ? 'danger' : t === 'early' ? 'ok' : 'info'}>{timelinessLabel(t)}</Badge>;
}

function DetailNotes({ d }: { d: DossierView }) {
  const x = d.details;
  return (
    <>
      {x.note && <p>Ghi chú khi tiếp nhận: {x.note}</p>}
      {x.supplement_request && (
        <div className="detail-block">
          <p className="detail-title">
            Yêu cầu bổ sung ({x.supplement_request.stage === 'processing' ? 'khi xử lý' : 'khi tiếp nhận'}), {fmtDateTime(x.supplement_request.at)}:
          </p>
          <ul>
            {x.supplement_request.items.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
        </div>
      )}
      {x.supplement_answer && (
        <div className="detail-block">
          <p className="detail-title">
            {x.supplement_answer.online ? 'Người nộp gửi bổ sung trực tuyến' : 'Đã nhận hồ sơ bổ sung'}, {fmtDateTime(x.supplement_answer.at)}:
          </p>
          {x.supplement_answer.note && <p>Ghi chú của người nộp: {x.supplement_answer.note}</p>}
          {x.supplement_answer.documents.length > 0 && (
            <ul>
              {x.supplement_answer.documents.map((id) => (
                <li key={id}>{(d.documents ?? []).find((doc) => doc.id === id)?.file_name ?? id}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {x.apology && (
        <div className="detail-block">
          <p className="detail-title">Xin lỗi và hẹn lại, {fmtDateTime(x.apology.at)}:</p>
          <p>
            Lý do: {x.apology.reason}. Hạn cũ {fmtDateTime(x.apology.old_due)}, hẹn mới {fmtDateTime(x.apology.new_due)}.
          </p>
        </div>
      )}
      {(['refusal', 'stop', 'resolution'] as const).map((k) => {
        const v = x[k] as { at: number; reasons: string[] } | undefined;
        if (!v || !v.reasons || v.reasons.length === 0) return null;
        const title = k === 'refusal' ? 'Lý do từ chối tiếp nhận' : k === 'stop' ? 'Lý do dừng xử lý' : 'Lý do không giải quyết';
        return (
          <div className="detail-block" key={k}>
            <p className="detail-title">
              {title}, {fmtDateTime(v.at)}:
            </p>
            <ul>
              {v.reasons.map((s, i) => (
                <li key={i}>{s}</li>
              ))}
            </ul>
          </div>
        );
      })}
    </>
  );
}

function HistoryItem({ h }: { h: HistoryEntry }) {
  const data = h.data ?? {};
  const list = (data.items ?? data.reasons) as string[] | undefined;
  return (
    <li className="timeline-item">
      <p className="timeline-head">
        <time dateTime={h.at}>{fmtDateTime(h.at)}</time> — <strong>{HISTORY_LABEL[h.action] ?? h.action}</strong>
      </p>
      <p className="muted">
        {actorLabel(h.actor)}
        {h.from_state && h.from_state !== h.to_state
          ? ` · ${STATE_LABEL[h.from_state] ?? h.from_state} → ${STATE_LABEL[h.to_state] ?? h.to_state}`
          : !h.from_state
            ? ` · ${STATE_LABEL[h.to_state] ?? h.to_state}`
            : ''}
      </p>
      {h.note && <p>{h.note}</p>}
      {Array.isArray(list) && list.length > 0 && (
        <ul>
          {list.map((s, i) => (
            <li key={i}>{String(s)}</li>
          ))}
        </ul>
      )}
      {typeof data.due_at === 'number' && h.action === 'receive' && <p className="muted">Hẹn trả: {fmtDateTime(data.due_at)}</p>}
      {typeof data.new_due === 'number' && <p className="muted">Hẹn mới: {fmtDateTime(data.new_due)}</p>}
    </li>
  );
}

type ReturnMethod = 'counter' | 'post' | 'electronic';

/** How the result is (or will be) returned: at approval and when it is handed over. */
function ReturnMethodField({ value, onChange, inputRef }: { value: ReturnMethod; onChange: (m: ReturnMethod) => void; inputRef?: (el: HTMLSelectElement | null) => void }) {
  return (
    <Field label="Hình thức trả kết quả" required>
      {({ id }) => (
        <select id={id} ref={inputRef} value={value} onChange={(e) => onChange(e.target.value as ReturnMethod)}>
          {Object.entries(RETURN_METHOD_LABEL).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function ActionForm({
  def,
  dossier,
  agencyName,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  def: ActionDef;
  dossier: DossierView;
  agencyName: (id: string) => string;
  busy: boolean;
  error: unknown;
  onSubmit: (body: Record<string, unknown>) => void;
  onCancel: () => void;
}) {
  const initialItems =
    def.id === 'request_supplement' ? (dossier.details.components ?? []).filter((c) => !c.provided).map((c) => c.name) : [];
  const [items, setItems] = useState<string[]>(initialItems.length ? initialItems : ['']);
  const [note, setNote] = useState('');
  const [assignee, setAssignee] = useState('');
  const defaultDue = () => {
    const base = dossier.due_at ? new Date(dossier.due_at) : new Date();
    base.setDate(base.getDate() + 3);
    return toLocalInput(base);
  };
  const [newDue, setNewDue] = useState(defaultDue);
  const [method, setMethod] = useState<ReturnMethod>('counter');
  const choice = (dossier.step_choices ?? []).find((c) => c.action === def.id);
  // A per-page fee (the server says so): the official counts the pages and copies.
  const perPage = !!(dossier.allowed_actions ?? []).find((a) => a.id === def.id)?.fee?.per_page;
  const [pages, setPages] = useState('');
  const [copies, setCopies] = useState('1');
  const [resultNumber, setResultNumber] = useState('');
  const [resultDate, setResultDate] = useState(todayVn);
  const [signer, setSigner] = useState('');
  const [resultDoc, setResultDoc] = useState('');
  const [receivedBy, setReceivedBy] = useState(dossier.applicant.full_name);
  const [errs, setErrs] = useState<Record<string, string>>({});
  const firstRef = useRef<HTMLElement | null>(null);

  useEffect(() => {
    firstRef.current?.focus();
  }, []);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const body: Record<string, unknown> = {};
    const v: Record<string, string> = {};
    if (def.fields === 'items') {
      const xs = items.map((s) => s.trim()).filter(Boolean);
      if (xs.length === 0) v.items = `Vui lòng nhập ít nhất một mục: ${def.itemsLabel?.toLowerCase()}.`;
      body.items = xs;
    }
    if (def.fields === 'apology') {
      if (!note.trim()) v.note = 'Vui lòng nêu lý do chậm trễ.';
      if (!newDue) v.new_due = 'Vui lòng chọn ngày giờ hẹn trả mới.';
      else if (dossier.due_at && new Date(fromLocalInput(newDue)).getTime() <= new Date(dossier.due_at).getTime())
        v.new_due = `Ngày hẹn mới phải sau hạn hiện tại (${fmtDateTime(dossier.due_at)}).`;
      body.new_due = fromLocalInput(newDue);
    }
    if (def.fields === 'return') {
      body.return_method = method;
      if (method !== 'electronic') {
        if (!receivedBy.trim()) v.received_by = 'Vui lòng nhập họ tên người nhận kết quả.';
        body.received_by = receivedBy.trim();
      }
    }
    if (def.fields === 'assignee' && assignee) body.assignee_id = assignee;
    if (perPage) {
      const count = (text: string, max: number) => (/^\d{1,6}$/.test(text.trim()) && +text >= 1 && +text <= max ? +text : null);
      const p = count(pages, 10000);
      const c = count(copies, 1000);
      if (p === null) v.pages = 'Vui lòng nhập số trang là số nguyên từ 1 đến 10000.';
      if (c === null) v.copies = 'Vui lòng nhập số bản là số nguyên từ 1 đến 1000.';
      body.pages = p;
      body.copies = c;
    }
    if (def.fields === 'result') {
      if (!resultNumber.trim()) v['result.number'] = 'Vui lòng nhập số văn bản kết quả.';
      if (!resultDate) v['result.date'] = 'Vui lòng nhập ngày ký văn bản kết quả.';
      if (!signer.trim()) v['result.signer'] = 'Vui lòng nhập họ tên người ký.';
      if (method === 'electronic' && !resultDoc) v['result.document_id'] = 'Trả kết quả bản điện tử cần chọn tệp văn bản đã ký.';
      body.result = {
        number: resultNumber.trim(),
        date: resultDate,
        signer: signer.trim(),
        return_method: method,
        ...(resultDoc ? { document_id: resultDoc } : {}),
      };
    }
    if (note.trim()) body.note = note.trim();
    setErrs(v);
    if (Object.keys(v).length) return;
    onSubmit(body);
  }

  const problem = error ? problemOf(error) : null;

  return (
    <form id="action-form" className="action-form" onSubmit={submit} noValidate aria-labelledby="action-form-title">
      <h3 id="action-form-title">{def.label}</h3>
      <p className="muted">{def.confirm}</p>
      {def.fields === 'items' && (
        <fieldset className="items-list">
          <legend>{def.itemsLabel}</legend>
          <ol>
            {items.map((s, i) => (
              <li key={i} className="item-row">
                <label className="sr-only" htmlFor={`item-${i}`}>
                  {def.itemsLabel} — mục {i + 1}
                </label>
                <input
                  id={`item-${i}`}
                  ref={i === 0 ? (el) => void (firstRef.current = el) : undefined}
                  value={s}
                  maxLength={1000}
                  onChange={(e) => setItems(items.map((x, j) => (j === i ? e.target.value : x)))}
                  aria-invalid={!!errs.items || undefined}
                />
                {items.length > 1 && (
                  <button type="button" className="btn btn-link" onClick={() => setItems(items.filter((_, j) => j !== i))} aria-label={`Xóa mục ${i + 1}`}>
                    Xóa
                  </button>
                )}
              </li>
            ))}
          </ol>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setItems([...items, ''])}>
            Thêm mục
          </button>
          {errs.items && <p className="field-error">{errs.items}</p>}
        </fieldset>
      )}
      {def.fields === 'apology' && (
        <Field label="Ngày giờ hẹn trả kết quả mới" required error={errs.new_due} hint={`Hạn hiện tại: ${fmtDateTime(dossier.due_at)}.`}>
          {({ id, describedBy, invalid }) => (
            <DateTimeInput
              id={id}
              ref={(el) => void (firstRef.current = el)}
              value={newDue}
              onChange={setNewDue}
              timeLabel="Giờ hẹn (24 giờ)"
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              required
            />
          )}
        </Field>
      )}
      {def.fields === 'return' && (
        <>
          <ReturnMethodField value={method} onChange={setMethod} inputRef={(el) => void (firstRef.current = el)} />
          {method !== 'electronic' && (
            <Field label="Người nhận kết quả" required error={errs.received_by}>
              {({ id, describedBy, invalid }) => (
                <input id={id} value={receivedBy} onChange={(e) => setReceivedBy(e.target.value)} maxLength={200} aria-describedby={describedBy} aria-invalid={invalid || undefined} aria-required="true" />
              )}
            </Field>
          )}
        </>
      )}
      {perPage && (
        <>
          <Field label="Số trang" required error={errs.pages} hint="Số trang của bản chính cần chứng thực; phí, lệ phí tính theo số trang.">
            {({ id, describedBy, invalid }) => (
              <input id={id} ref={(el) => void (firstRef.current = el)} type="number" inputMode="numeric" min={1} max={10000} step={1} value={pages} onChange={(e) => setPages(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} aria-required="true" />
            )}
          </Field>
          <Field label="Số bản" required error={errs.copies}>
            {({ id, describedBy, invalid }) => (
              <input id={id} type="number" inputMode="numeric" min={1} max={1000} step={1} value={copies} onChange={(e) => setCopies(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} aria-required="true" />
            )}
          </Field>
        </>
      )}
      {def.fields === 'assignee' && choice && (
        <Field
          label={def.id === 'start_processing' ? 'Cán bộ thẩm định, xử lý' : 'Người nhận bước tiếp theo'}
          hint={`Bước ${choice.step}: ${choice.name} — ${choice.role_label}, ${agencyName(choice.agency_id)}.`}
        >
          {({ id, describedBy }) => (
            <select id={id} ref={(el) => void (firstRef.current = el)} value={assignee} onChange={(e) => setAssignee(e.target.value)} aria-describedby={describedBy}>
              <option value="">{def.id === 'start_processing' ? 'Tôi nhận xử lý' : `Bất kỳ ${choice.role_label.toLocaleLowerCase('vi')} nào của cơ quan`}</option>
              {choice.candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.full_name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {def.fields === 'result' && (
        <>
          <Field label="Số văn bản kết quả" required error={errs['result.number']}>
            {({ id, describedBy, invalid }) => (
              <input id={id} ref={(el) => void (firstRef.current = el)} value={resultNumber} onChange={(e) => setResultNumber(e.target.value)} maxLength={50} placeholder="Ví dụ: 125/QĐ-UBND" aria-describedby={describedBy} aria-invalid={invalid || undefined} aria-required="true" />
            )}
          </Field>
          <Field label="Ngày ký" required error={errs['result.date']}>
            {({ id, describedBy, invalid }) => (
              <DateInput id={id} value={resultDate} onChange={setResultDate} max={todayVn()} required aria-describedby={describedBy} aria-invalid={invalid || undefined} />
            )}
          </Field>
          <Field label="Người ký" required error={errs['result.signer']}>
            {({ id, describedBy, invalid }) => (
              <input id={id} value={signer} onChange={(e) => setSigner(e.target.value)} maxLength={200} aria-describedby={describedBy} aria-invalid={invalid || undefined} aria-required="true" />
            )}
          </Field>
          <ReturnMethodField value={method} onChange={setMethod} />
          <Field
            label={method === 'electronic' ? 'Tệp văn bản kết quả đã ký' : 'Tệp văn bản kết quả (không bắt buộc)'}
            required={method === 'electronic'}
            error={errs['result.document_id']}
            hint="Chọn trong các tài liệu đã đính kèm hồ sơ; người nộp tải được bản điện tử này."
          >
            {({ id, describedBy, invalid }) => (
              <select id={id} value={resultDoc} onChange={(e) => setResultDoc(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
                <option value="">Không đính kèm</option>
                {(dossier.documents ?? []).map((doc) => (
                  <option key={doc.id} value={doc.id}>
                    {doc.file_name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </>
      )}
      <Field label={def.fields === 'apology' ? 'Lý do chậm trễ' : 'Ghi chú (không bắt buộc)'} required={def.fields === 'apology'} error={errs.note}>
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            ref={def.fields === 'none' && !perPage ? (el) => void (firstRef.current = el) : undefined}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            rows={2}
            maxLength={2000}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
          />
        )}
      </Field>
      {problem && (
        <Message kind="error">
          <ProblemView problem={problem} />
        </Message>
      )}
      <div className="actions-row">
        <button type="submit" className={`btn ${def.tone === 'danger' ? 'btn-danger' : 'btn-primary'}`} disabled={busy}>
          {busy ? 'Đang thực hiện…' : 'Xác nhận'}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={busy}>
          Hủy
        </button>
      </div>
    </form>
  );
}

// The administrative units, current and former, searched without diacritics; a former unit
// shows what it is now ("nay là …"). Opening a unit shows its predecessors and successors;
// province administrators create units, correct or end one and record a succession.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../../ui/api';
import { Badge, ErrorBox, Field, Loading, Message } from '../../ui/components';
import type { Unit } from '../../ui/types';
import { clearOrgCache } from '../catalog';
import { LEVEL_LABEL, searchUnits, unitEntries, validityText, type UnitLevel, type UnitRecord } from './org';
import { SuccessionForm } from './SuccessionForm';
import { UnitCreate, UnitDetail } from './UnitForms';
import { graphOf, NowLinks } from './UnitLinks';

const PAGE = 50;

export function UnitsPanel({ canEdit }: { canEdit: boolean }) {
  const [units, setUnits] = useState<UnitRecord[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [q, setQ] = useState('');
  const [level, setLevel] = useState<'' | UnitLevel>('');
  const [status, setStatus] = useState<'' | 'current' | 'former'>('');
  const [shown, setShown] = useState(PAGE);
  const [picked, setPicked] = useState<string | null>(null);
  const [form, setForm] = useState<null | 'create' | { succession: string[] }>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const flashRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  function open(id: string) {
    setFlash(null);
    setPicked(id);
  }

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const { data } = await api.get<{ items: UnitRecord[] }>('/api/v1/units?history=1&successors=1');
      setUnits(data.items);
    } catch (e) {
      setLoadError(e);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const graph = useMemo(() => graphOf(units ?? []), [units]);
  const entries = useMemo(() => unitEntries(units ?? [], graph.byId as Map<string, Unit>), [units, graph]);
  const results = useMemo(
    () =>
      searchUnits(entries, q).filter(
        (e) => (!level || e.unit.level === level) && (!status || (status === 'former') === e.unit.former),
      ),
    [entries, q, level, status],
  );

  function changed(text: string) {
    clearOrgCache();
    void load();
    setForm(null);
    setFlash(text);
    setTimeout(() => flashRef.current?.focus(), 0);
  }

  const flashBox = (
    <div ref={flashRef} tabIndex={-1} className="flash" aria-live="polite">
      {flash && (
        <Message kind="success" onDismiss={() => setFlash(null)}>
          {flash}
        </Message>
      )}
    </div>
  );

  if (picked && units) {
    const u = graph.byId.get(picked);
    return (
      <>
        {flashBox}
        <button
          type="button"
          className="btn btn-link"
          onClick={() => {
            setPicked(null);
            setFlash(null);
            setTimeout(() => searchRef.current?.focus(), 0);
          }}
        >
          ← Danh sách đơn vị hành chính
        </button>
        {u ? (
          <UnitDetail
            key={u.id}
            unit={u}
            graph={graph}
            canEdit={canEdit}
            onOpen={open}
            onSaved={(x) => changed(`Đã lưu đơn vị ${x.name}.`)}
            onSuccession={() => {
              setPicked(null);
              setFlash(null);
              setForm({ succession: [u.id] });
            }}
          />
        ) : (
          <Message kind="warning">Không tìm thấy đơn vị {picked}.</Message>
        )}
      </>
    );
  }

  return (
    <>
      <h2 className="sub-title">Đơn vị hành chính và kế thừa (sáp nhập, chia tách, đổi tên)</h2>
      {flashBox}
      {canEdit && (
        <div className="actions-row">
          <button type="button" className="btn btn-primary" aria-expanded={form === 'create'} onClick={() => setForm(form === 'create' ? null : 'create')}>
            Thêm đơn vị hành chính
          </button>
          <button
            type="button"
            className="btn btn-secondary"
            aria-expanded={!!form && typeof form === 'object'}
            onClick={() => setForm(form && typeof form === 'object' ? null : { succession: [] })}
          >
            Ghi nhận sáp nhập, chia tách, đổi tên
          </button>
        </div>
      )}
      {form === 'create' && units && (
        <UnitCreate
          units={units}
          onCancel={() => setForm(null)}
          onCreated={(u) => {
            setQ(u.code);
            changed(`Đã thêm ${u.name} (mã ${u.code}).`);
          }}
        />
      )}
      {form && typeof form === 'object' && units && (
        <SuccessionForm entries={entries} initialFrom={form.succession} onCancel={() => setForm(null)} onDone={(text) => changed(text)} />
      )}
      <div className="filters org-filters" role="search">
        <Field label="Tìm đơn vị theo tên hoặc mã" hint="Không dấu cũng được, ví dụ «mang canh»; cả đơn vị cũ trước 01/7/2025.">
          {({ id, describedBy }) => (
            <input
              id={id}
              ref={searchRef}
              type="search"
              value={q}
              aria-describedby={describedBy}
              onChange={(e) => {
                setQ(e.currentTarget.value);
                setShown(PAGE);
              }}
            />
          )}
        </Field>
        <Field label="Cấp">
          {({ id }) => (
            <select id={id} value={level} onChange={(e) => setLevel(e.currentTarget.value as '' | UnitLevel)}>
              <option value="">Tất cả các cấp</option>
              {(Object.keys(LEVEL_LABEL) as UnitLevel[]).map((l) => (
                <option key={l} value={l}>
                  {LEVEL_LABEL[l]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Hiệu lực">
          {({ id }) => (
            <select id={id} value={status} onChange={(e) => setStatus(e.currentTarget.value as '' | 'current' | 'former')}>
              <option value="">Hiện nay và đơn vị cũ</option>
              <option value="current">Đang hiệu lực</option>
              <option value="former">Đơn vị cũ</option>
            </select>
          )}
        </Field>
      </div>
      {loadError !== null && <ErrorBox error={loadError} />}
      {!units && loadError === null && <Loading label="Đang tải danh sách đơn vị hành chính…" />}
      {units && (
        <>
          <p className="muted" role="status" aria-live="polite">
            {results.length === 0
              ? 'Không tìm thấy đơn vị phù hợp.'
              : results.length > shown
                ? `${results.length} đơn vị phù hợp, đang hiện ${shown} đơn vị đầu.`
                : `${results.length} đơn vị phù hợp.`}
          </p>
          <ul className="org-list unit-list">
            {results.slice(0, shown).map(({ unit: u, place }) => (
              <li key={u.id} className="unit-row">
                <button type="button" className="btn btn-link unit-open" onClick={() => open(u.id)}>
                  {u.name}
                </button>
                {u.former && <span className="unit-old"> (cũ)</span>}{' '}
                <span className="muted">
                  — mã {u.code}, {u.type || LEVEL_LABEL[u.level as UnitLevel]}
                  {place && `, ${place}`}
                </span>
                <span className="unit-meta">{validityText(u.valid_from, u.valid_to)}</span>
                {u.former && (
                  <span className="unit-now">
                    → <NowLinks id={u.id} graph={graph} onOpen={open} />
                  </span>
                )}
                {!u.verified && (
                  <span className="unit-meta">
                    <Badge tone="warning">chưa đối chiếu văn bản</Badge>
                  </span>
                )}
              </li>
            ))}
          </ul>
          {results.length > shown && (
            <button type="button" className="btn btn-secondary" onClick={() => setShown(shown + PAGE)}>
              Xem thêm ({results.length - shown} đơn vị)
            </button>
          )}
        </>
      )}
    </>
  );
}

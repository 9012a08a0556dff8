// "Cơ quan và đơn vị hành chính": the agencies (e-ID code, type, parent, validity, successor)
// and the administrative units with their succession graph, in two tabs. Province
// administrators edit; the province monitor reads. The server checks and audits every change.
import { useRef, useState, type KeyboardEvent } from 'react';
import { Link, PageTitle } from '../../ui/components';
import { may, useSession } from '../session';
import { AgenciesPanel } from './AgenciesPanel';
import { UnitsPanel } from './UnitsPanel';

const TABS = [
  { id: 'co-quan', label: 'Cơ quan' },
  { id: 'don-vi', label: 'Đơn vị hành chính' },
] as const;
type TabId = (typeof TABS)[number]['id'];

export function OrgPage() {
  const { user } = useSession();
  const canEdit = may(user, 'change_organisation');
  const [tab, setTab] = useState<TabId>(() => (new URLSearchParams(location.search).get('phan') === 'don-vi' ? 'don-vi' : 'co-quan'));
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});

  function choose(id: TabId, focus: boolean) {
    setTab(id);
    history.replaceState(history.state, '', `${location.pathname}?phan=${id}`);
    if (focus) refs.current[id]?.focus();
  }

  // Arrow keys, Home and End move between the tabs (WAI-ARIA tabs pattern, automatic activation).
  function onKey(e: KeyboardEvent<HTMLButtonElement>) {
    const i = TABS.findIndex((t) => t.id === tab);
    const next =
      e.key === 'ArrowRight' ? (i + 1) % TABS.length : e.key === 'ArrowLeft' ? (i + TABS.length - 1) % TABS.length : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    choose(TABS[next].id, true);
  }

  return (
    <div className="page page-wide">
      <p className="breadcrumb">
        <Link href="/staff/quan-tri">← Quản trị</Link>
      </p>
      <PageTitle title="Cơ quan và đơn vị hành chính">Cơ quan và đơn vị hành chính</PageTitle>
      {!canEdit && <p className="muted">Bạn đang xem với quyền theo dõi: chỉ quản trị cấp tỉnh được sửa.</p>}
      <div className="tabs" role="tablist" aria-label="Nội dung quản lý">
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[t.id] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls="org-panel"
            tabIndex={tab === t.id ? 0 : -1}
            className={`tab ${tab === t.id ? 'tab-active' : ''}`}
            onClick={() => choose(t.id, false)}
            onKeyDown={onKey}
          >
            <span className="tab-label">{t.label}</span>
          </button>
        ))}
      </div>
      <section id="org-panel" role="tabpanel" aria-labelledby={`tab-${tab}`} className="queue-panel org-panel">
        {tab === 'co-quan' ? <AgenciesPanel canEdit={canEdit} /> : <UnitsPanel canEdit={canEdit} />}
      </section>
    </div>
  );
}

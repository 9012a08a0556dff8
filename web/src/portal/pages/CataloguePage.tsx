// Catalogue: search by name or national code (the server forgives diacritics and spelling:
// `q=`), browse by field, agency (`agency=`, the server's filter) and level. The filters live in
// the address (?q=&linh-vuc=&co-quan=&cap=&muc-do=) so a result can be shared or bookmarked.
import { useMemo } from 'react';
import { ErrorBox, Loading } from '../../ui/components';
import { navigate, useLocation } from '../../ui/router';
import { timeLimitLabel } from '../../ui/format';
import { currentAgencies, loadAgencies, loadProcedures } from '../catalog';
import { LEVEL_LABEL, ONLINE_LEVEL_LABEL } from '../labels';
import { A, procedureHref } from '../nav';
import { Title } from '../Title';
import { useLoad } from '../useLoad';
import { SearchForm } from './SearchForm';

export function CataloguePage() {
  const { search } = useLocation();
  const q = search.get('q') ?? '';
  const field = search.get('linh-vuc') ?? '';
  const agency = search.get('co-quan') ?? '';
  const level = search.get('cap') ?? '';
  const online = search.get('muc-do') ?? '';
  const procs = useLoad(() => loadProcedures(q, agency), `${q}|${agency}`);
  const all = useLoad(() => loadProcedures(), 'all');
  const agencies = useLoad(loadAgencies, 'agencies');

  const fields = useMemo(() => [...new Set((all.data ?? []).map((p) => p.field))].sort((a, b) => a.localeCompare(b, 'vi')), [all.data]);
  const items = useMemo(
    () =>
      (procs.data ?? []).filter(
        (p) => (!field || p.field === field) && (!level || p.level === level) && (!online || p.online_level === online),
      ),
    [procs.data, field, level, online],
  );
  const agencyOptions = useMemo(() => currentAgencies(agencies.data ?? []), [agencies.data]);

  const setParam = (k: string, v: string) => {
    const p = new URLSearchParams(location.search);
    if (v) p.set(k, v);
    else p.delete(k);
    const s = p.toString();
    navigate(`/thu-tuc${s ? `?${s}` : ''}`, true);
  };
  const filtered = !!(q || field || agency || level || online);

  return (
    <div className="page">
      <Title title={q ? `Tìm «${q}»` : 'Thủ tục hành chính'}>Thủ tục hành chính</Title>
      <SearchForm key={q} initial={q} />
      <details className="filters-box" open={!!(field || agency || level || online) || undefined}>
        <summary>Lọc theo lĩnh vực, cơ quan, cấp và mức độ</summary>
        <div className="catalogue-filters">
          <div className="field">
            <label htmlFor="f-field">Lĩnh vực</label>
            <select id="f-field" value={field} onChange={(e) => setParam('linh-vuc', e.target.value)}>
              <option value="">Tất cả lĩnh vực</option>
              {fields.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-agency">Cơ quan giải quyết</label>
            <select id="f-agency" value={agency} onChange={(e) => setParam('co-quan', e.target.value)}>
              <option value="">Tất cả cơ quan</option>
              {agencyOptions.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-level">Cấp thực hiện</label>
            <select id="f-level" value={level} onChange={(e) => setParam('cap', e.target.value)}>
              <option value="">Tất cả các cấp</option>
              <option value="province">Cấp tỉnh</option>
              <option value="commune">Cấp xã</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-online">Mức độ trực tuyến</label>
            <select id="f-online" value={online} onChange={(e) => setParam('muc-do', e.target.value)}>
              <option value="">Tất cả</option>
              <option value="full">Toàn trình</option>
              <option value="partial">Một phần</option>
              <option value="unknown">Chưa công bố mức độ</option>
            </select>
          </div>
        </div>
      </details>
      {procs.error !== undefined && <ErrorBox error={procs.error} />}
      <p className="result-count" role="status" aria-live="polite">
        {procs.loading ? 'Đang tìm…' : items.length === 0 ? 'Không tìm thấy thủ tục phù hợp.' : `${items.length} thủ tục${filtered ? ' phù hợp' : ''}.`}
        {filtered && !procs.loading && (
          <>
            {' '}
            <A href="/thu-tuc">Bỏ lọc</A>
          </>
        )}
      </p>
      {procs.loading && !procs.data && <Loading />}
      <ul className="proc-list" aria-label="Danh sách thủ tục">
        {items.map((p) => (
          <li key={p.id} className="proc-card">
            <A className="proc-card-name" href={procedureHref(p.id)}>
              {p.name}
            </A>
            <p className="proc-card-meta">
              <span>Mã {p.national_code}</span>
              <span>{p.field}</span>
              <span>{LEVEL_LABEL[p.level] ?? p.level}</span>
              <span>{timeLimitLabel(p.time_limit)}</span>
            </p>
            <p className="proc-card-meta">
              <span className={`online-tag online-${p.online_level}`}>{ONLINE_LEVEL_LABEL[p.online_level] ?? p.online_level}</span>
              {p.boundary_free && <span className="online-tag">Nộp ở bất kỳ đâu trong tỉnh</span>}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

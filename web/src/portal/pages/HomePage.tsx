// Home: search, the procedures people file most, fields, agencies and "Tra cứu hồ sơ".
import { useMemo } from 'react';
import { ErrorBox, Loading } from '../../ui/components';
import type { Procedure } from '../../ui/types';
import { currentAgencies, loadAgencies, loadMostUsed, loadProcedures } from '../catalog';
import { ONLINE_LEVEL_LABEL } from '../labels';
import { A, procedureHref } from '../nav';
import { Title } from '../Title';
import { useLoad } from '../useLoad';
import { SearchForm } from './SearchForm';

const fmtCount = (n: number) => n.toLocaleString('vi-VN');

export function HomePage() {
  const procs = useLoad(() => loadProcedures(), 'all');
  const agencies = useLoad(loadAgencies, 'agencies');
  // Most filed over the last 12 months (the server counts and caches); a new province with few
  // dossiers yet is topped up with procedures that can be done fully online.
  const used = useLoad(loadMostUsed, 'most-used');
  const popular = useMemo(() => {
    const picked: { p: Procedure; n?: number }[] = (used.data ?? []).map((x) => ({ p: x, n: x.dossiers }));
    const codes = new Set(picked.map((x) => x.p.national_code));
    for (const p of procs.data ?? [])
      if (picked.length < 8 && !codes.has(p.national_code) && p.online_level === 'full') {
        picked.push({ p });
        codes.add(p.national_code);
      }
    return picked.slice(0, 8);
  }, [procs.data, used.data]);
  const fields = useMemo(() => {
    const m = new Map<string, number>();
    for (const p of procs.data ?? []) m.set(p.field, (m.get(p.field) ?? 0) + 1);
    return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'vi'));
  }, [procs.data]);
  const agencyList = useMemo(() => currentAgencies(agencies.data ?? []).filter((a) => a.type !== 'provincial_committee'), [agencies.data]);

  return (
    <div className="page portal-home">
      <section className="hero" aria-labelledby="home-title">
        <Title title="Trang chủ" focus={false}>
          <span id="home-title">Dịch vụ công trực tuyến tỉnh Quảng Ngãi</span>
        </Title>
        <p className="lead">Tìm thủ tục, nộp hồ sơ trực tuyến, theo dõi và nhận kết quả ngay trên điện thoại.</p>
        <SearchForm big />
      </section>

      <div className="home-grid">
        <section className="card" aria-labelledby="h-popular">
          <h2 id="h-popular" className="card-title">
            Thủ tục được dùng nhiều
          </h2>
          {used.loading && !used.data && <Loading />}
          {procs.error !== undefined && <ErrorBox error={procs.error} />}
          <ul className="link-list">
            {popular.map(({ p, n }) => (
              <li key={p.id}>
                <A href={procedureHref(p.id)}>{p.name}</A>
                <span className="muted small">
                  {' '}
                  · {ONLINE_LEVEL_LABEL[p.online_level] ?? p.online_level}
                  {n ? ` · ${fmtCount(n)} hồ sơ trong 12 tháng` : ''}
                </span>
              </li>
            ))}
          </ul>
          <p>
            <A href="/thu-tuc">Xem tất cả thủ tục</A>
          </p>
        </section>

        <section className="card" aria-labelledby="h-track">
          <h2 id="h-track" className="card-title">
            Tra cứu hồ sơ
          </h2>
          <form action="/tra-cuu" method="get" className="track-form">
            <label htmlFor="track-code">Mã hồ sơ</label>
            <input id="track-code" name="ma" maxLength={50} autoComplete="off" placeholder="000.01.60.H51-261128-0007" />
            <button type="submit" className="btn btn-secondary">
              Tra cứu
            </button>
          </form>
          <p className="muted small">Mã hồ sơ in trên giấy tiếp nhận và hẹn trả kết quả, hoặc trong tin nhắn báo đã nhận hồ sơ.</p>
          <p>
            <A href="/ho-so-cua-toi">Xem hồ sơ của tôi</A> (cần đăng nhập)
          </p>
        </section>

        <section className="card" aria-labelledby="h-fields">
          <h2 id="h-fields" className="card-title">
            Lĩnh vực
          </h2>
          <ul className="chip-list">
            {fields.map(([f, n]) => (
              <li key={f}>
                <A className="chip" href={`/thu-tuc?linh-vuc=${encodeURIComponent(f)}`}>
                  {f} <span className="chip-count">{n}</span>
                </A>
              </li>
            ))}
          </ul>
        </section>

        <section className="card" aria-labelledby="h-agencies">
          <h2 id="h-agencies" className="card-title">
            Cơ quan
          </h2>
          {agencies.error !== undefined && <ErrorBox error={agencies.error} />}
          <ul className="link-list columns">
            {agencyList.map((a) => (
              <li key={a.id}>
                <A href={`/thu-tuc?co-quan=${encodeURIComponent(a.id)}`}>{a.name}</A>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}

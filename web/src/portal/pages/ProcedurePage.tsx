// One procedure, as a citizen needs it: what to prepare, what it costs, how long it takes,
// where and how to file, the online level in plain words, the legal basis and the version in
// force. Everything comes from the catalogue record (`GET /api/v1/procedures/{id}`).
import { useMemo } from 'react';
import { ErrorBox, Loading } from '../../ui/components';
import { COMPONENT_KIND_LABEL, fmtDate, fmtPerPage, fmtVnd, timeLimitLabel } from '../../ui/format';
import type { CatalogueFee } from '../../ui/types';
import { Exemptions } from '../Exemptions';
import { loadAgencies, loadLocations, loadProcedure } from '../catalog';
import { CHANNEL_TEXT, FEE_WHEN_LABEL, LEVEL_LABEL, LOCATION_KIND_LABEL, ONLINE_LEVEL_LABEL, ONLINE_LEVEL_TEXT } from '../labels';
import { A, fileHref } from '../nav';
import { Title } from '../Title';
import { useLoad } from '../useLoad';

interface Step {
  step: number;
  name: string;
  hours?: number;
}

const REPLACEABLE_LABEL: Record<string, string> = {
  csdl_dan_cu: 'Cơ sở dữ liệu quốc gia về dân cư',
  csdl_ho_tich: 'Cơ sở dữ liệu hộ tịch điện tử',
  csdl_dat_dai: 'Cơ sở dữ liệu đất đai',
};

export function ProcedurePage({ id }: { id: string }) {
  const proc = useLoad(() => loadProcedure(id), id);
  const agencies = useLoad(loadAgencies, 'agencies');
  const locations = useLoad(loadLocations, 'locations');
  const agencyName = useMemo(() => new Map((agencies.data ?? []).map((a) => [a.id, a.name])), [agencies.data]);

  if (proc.error !== undefined)
    return (
      <div className="page">
        <Title title="Không tìm thấy thủ tục">Không tìm thấy thủ tục</Title>
        <ErrorBox error={proc.error} />
        <p>
          <A href="/thu-tuc">Về danh mục thủ tục</A>
        </p>
      </div>
    );
  if (!proc.data) return <Loading />;
  const p = proc.data;
  const c = p.catalogue;
  const channels = (c.channels as number[] | undefined) ?? [];
  const online = channels.includes(2);
  const steps = (c.process as Step[] | undefined) ?? [];
  const fees = c.fees ?? [];
  const legal = (c.legal_basis as string[] | undefined) ?? [];
  const points = (c.reception_points as string[] | undefined) ?? [];
  const effective = c.effective_from as string | undefined;
  const tl = c.time_limit as { online_amount?: number | null; note?: string } | undefined;
  const pointLocations = (locations.data ?? []).filter((l) => points.includes(l.agency_id));

  return (
    <div className="page proc-page">
      <nav aria-label="Đường dẫn" className="breadcrumb">
        <A href="/">Trang chủ</A> › <A href="/thu-tuc">Thủ tục</A> ›{' '}
        <A href={`/thu-tuc?linh-vuc=${encodeURIComponent(p.field)}`}>{p.field}</A>
      </nav>
      <Title title={p.name}>{p.name}</Title>
      <p className="proc-facts">
        <span>Mã thủ tục {p.national_code}</span>
        <span>{LEVEL_LABEL[p.level] ?? p.level}</span>
        <span>
          Phiên bản {p.version}
          {effective ? `, áp dụng từ ${fmtDate(effective)}` : ''}
        </span>
      </p>

      <section className={`card online-card online-card-${p.online_level}`} aria-labelledby="h-online">
        <h2 id="h-online" className="card-title">
          Mức độ trực tuyến: {ONLINE_LEVEL_LABEL[p.online_level] ?? p.online_level}
        </h2>
        <p>{ONLINE_LEVEL_TEXT[p.online_level] ?? ''}</p>
        {p.boundary_free && <p>Thủ tục phi địa giới: nộp tại bất kỳ nơi tiếp nhận nào trong tỉnh, không phụ thuộc nơi cư trú.</p>}
        {online ? (
          <p>
            <A className="btn btn-primary btn-block-mobile" href={fileHref(p.id)}>
              Nộp hồ sơ trực tuyến
            </A>
          </p>
        ) : (
          <p className="muted">Thủ tục này chưa nhận hồ sơ trực tuyến.</p>
        )}
      </section>

      <div className="proc-grid">
        <section className="card" aria-labelledby="h-comp">
          <h2 id="h-comp" className="card-title">
            Thành phần hồ sơ
          </h2>
          <ol className="comp-list">
            {(c.components ?? []).map((k, i) => (
              <li key={i}>
                <span className="comp-name">{k.name}</span>
                <span className="muted small">
                  {' '}
                  — {COMPONENT_KIND_LABEL[k.kind] ?? k.kind}, số lượng {k.count}
                </span>
                {k.template && <span className="small"> · Mẫu: {k.template}</span>}
                {k.replaceable_by && (
                  <p className="small note">
                    Không phải nộp nếu cơ quan khai thác được thông tin từ {REPLACEABLE_LABEL[k.replaceable_by] ?? k.replaceable_by}.
                  </p>
                )}
              </li>
            ))}
          </ol>
        </section>

        <section className="card" aria-labelledby="h-time">
          <h2 id="h-time" className="card-title">
            Thời hạn và phí, lệ phí
          </h2>
          <dl className="dl">
            <dt>Thời hạn giải quyết</dt>
            <dd>
              {timeLimitLabel(p.time_limit)}
              {tl?.online_amount ? ` (nộp trực tuyến: ${tl.online_amount} ngày làm việc)` : ''}
            </dd>
            <dt>Phí, lệ phí</dt>
            <dd>
              {fees.length === 0 ? 'Không thu phí, lệ phí' : <FeeList fees={fees} />}
              <Exemptions items={p.exemptions ?? []} />
            </dd>
            {typeof c.result === 'string' && (
              <>
                <dt>Kết quả</dt>
                <dd>{c.result}</dd>
              </>
            )}
          </dl>
        </section>

        <section className="card" aria-labelledby="h-steps">
          <h2 id="h-steps" className="card-title">
            Trình tự thực hiện
          </h2>
          <ol className="step-list">
            {steps.map((s) => (
              <li key={s.step}>{s.name}</li>
            ))}
          </ol>
        </section>

        <section className="card" aria-labelledby="h-where">
          <h2 id="h-where" className="card-title">
            Nơi nộp và cách nộp
          </h2>
          <ul className="plain-list">
            {channels.map((ch) => (
              <li key={ch}>{CHANNEL_TEXT[ch] ?? ch}</li>
            ))}
          </ul>
          {typeof c.competent_agency_text === 'string' && (
            <p>
              Cơ quan giải quyết: <strong>{c.competent_agency_text}</strong>
            </p>
          )}
          {points.length > 0 && (
            <details>
              <summary>Nơi tiếp nhận ({points.length})</summary>
              <ul className="plain-list">
                {points.map((a) => (
                  <li key={a}>{agencyName.get(a) ?? a}</li>
                ))}
              </ul>
              {pointLocations.length > 0 && (
                <ul className="plain-list small">
                  {pointLocations.map((l) => (
                    <li key={l.id}>
                      {l.name} ({LOCATION_KIND_LABEL[l.kind] ?? l.kind})
                    </li>
                  ))}
                </ul>
              )}
            </details>
          )}
        </section>

        {legal.length > 0 && (
          <section className="card" aria-labelledby="h-legal">
            <h2 id="h-legal" className="card-title">
              Căn cứ pháp lý
            </h2>
            <ul className="plain-list">
              {legal.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          </section>
        )}
      </div>
      {c.verified === false && <p className="muted small">Thông tin thủ tục là dữ liệu trình diễn, chưa đối chiếu với danh mục công bố của tỉnh.</p>}
    </div>
  );
}

function FeeList({ fees }: { fees: (CatalogueFee & { collected_at?: string })[] }) {
  return (
    <ul className="plain-list">
      {fees.map((f, i) => (
        <li key={f.code ?? i}>
          {f.name}: {f.amount_vnd === null ? 'theo mức cơ quan thông báo' : f.per === 'page' ? fmtPerPage({ ...f, amount_vnd: f.amount_vnd }) : f.amount_vnd === 0 ? 'miễn' : fmtVnd(f.amount_vnd)}
          {f.collected_at && FEE_WHEN_LABEL[f.collected_at] ? ` (${FEE_WHEN_LABEL[f.collected_at]})` : ''}
        </li>
      ))}
    </ul>
  );
}

// "Kết quả giải quyết thủ tục hành chính" (issue 14, DOMAIN.md §7 "results are published"): for the
// province and each agency, a quarter's on-time rate, online share, satisfaction and evaluation
// band, the province over the last quarters, and the procedures published with their online
// level. No login: GET /api/v1/public/results (counters only, cacheable) and the catalogue.
import { useEffect, useState } from 'react';
import { api } from '../../ui/api';
import { ErrorBox, Loading } from '../../ui/components';
import type { Procedure } from '../../ui/types';
import { loadProcedures } from '../catalog';
import { ONLINE_LEVEL_LABEL } from '../labels';
import { A } from '../nav';
import { Title } from '../Title';

interface Figures {
  agency_id?: string;
  agency_name?: string;
  received: number;
  received_online: number;
  resolved: number;
  resolved_late: number;
  on_time_rate: number | null;
  online_share: number | null;
  ratings: { very_satisfied: number; satisfied: number; dissatisfied: number; total: number };
  satisfaction: number | null;
  band: string | null;
}

interface Results {
  period: { id: string; from: string; to: string };
  province: Figures;
  agencies: Figures[];
}

const BAND_LABEL: Record<string, string> = { xuat_sac: 'Xuất sắc', tot: 'Tốt', kha: 'Khá', trung_binh: 'Trung bình', yeu: 'Yếu' };
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`);
const quarterLabel = (q: string) => `Quý ${['I', 'II', 'III', 'IV'][Number(q.slice(-1)) - 1]}/${q.slice(0, 4)}`;

/** The current quarter and the seven before it, latest first ("2026-Q4"). */
function recentQuarters(): string[] {
  const now = new Date(Date.now() + 7 * 3600_000);
  let y = now.getUTCFullYear();
  let q = Math.floor(now.getUTCMonth() / 3) + 1;
  const out: string[] = [];
  for (let i = 0; i < 8; i++) {
    out.push(`${y}-Q${q}`);
    if (--q === 0) {
      q = 4;
      y -= 1;
    }
  }
  return out;
}

const load = (period: string) => api.get<Results>(`/api/v1/public/results?period=${period}`).then((r) => r.data);

export default function PublicResultsPage() {
  const quarters = recentQuarters();
  const [period, setPeriod] = useState(quarters[0]);
  const [results, setResults] = useState<Results | null>(null);
  const [history, setHistory] = useState<Results[] | null>(null);
  const [procedures, setProcedures] = useState<Procedure[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    setResults(null);
    load(period).then((r) => live && setResults(r), (e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [period]);
  useEffect(() => {
    Promise.all(quarters.slice(0, 4).map(load)).then(setHistory, setError);
    loadProcedures().then(setProcedures, setError);
  }, []);
  return (
    <div className="page">
      <Title title="Kết quả giải quyết thủ tục hành chính">Kết quả giải quyết thủ tục hành chính</Title>
      <p className="hint">
        Số liệu công khai của toàn tỉnh và từng cơ quan, tính từ bộ đếm của hệ thống một cửa điện tử. Tỷ lệ đúng hạn = (hồ sơ đã giải quyết − quá hạn) / hồ sơ đã giải quyết;
        tỷ lệ trực tuyến = hồ sơ nộp trực tuyến / hồ sơ tiếp nhận; mức độ hài lòng = (rất hài lòng + hài lòng) / lượt đánh giá; xếp loại là kết quả đánh giá quý đã được cấp trên thẩm định.
      </p>
      {error ? <ErrorBox error={error} /> : null}
      <section className="card" aria-labelledby="cong-khai-ky">
        <h2 id="cong-khai-ky">Theo cơ quan</h2>
        <label className="field-label" htmlFor="cong-khai-period">
          Kỳ
        </label>
        <select id="cong-khai-period" value={period} onChange={(e) => setPeriod(e.currentTarget.value)}>
          {quarters.map((q) => (
            <option key={q} value={q}>
              {quarterLabel(q)}
            </option>
          ))}
        </select>
        {!results ? (
          <Loading label="Đang tải kết quả…" />
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Bảng kết quả theo cơ quan">
            <table className="table" data-testid="public-results">
              <caption>Kết quả {quarterLabel(results.period.id)}</caption>
              <thead>
                <tr>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Hồ sơ tiếp nhận</th>
                  <th scope="col">Đã giải quyết</th>
                  <th scope="col">Tỷ lệ đúng hạn</th>
                  <th scope="col">Tỷ lệ trực tuyến</th>
                  <th scope="col">Mức độ hài lòng</th>
                  <th scope="col">Xếp loại</th>
                </tr>
              </thead>
              <tbody>
                <ResultRow name="Toàn tỉnh" f={results.province} />
                {results.agencies.map((a) => (
                  <ResultRow key={a.agency_id} name={a.agency_name ?? ''} f={a} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="cong-khai-qua-cac-ky">
        <h2 id="cong-khai-qua-cac-ky">Toàn tỉnh qua các quý</h2>
        {!history ? (
          <Loading label="Đang tải…" />
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Bảng kết quả toàn tỉnh qua các quý">
            <table className="table" data-testid="public-history">
              <caption className="sr-only">Kết quả toàn tỉnh qua bốn quý gần nhất</caption>
              <thead>
                <tr>
                  <th scope="col">Kỳ</th>
                  <th scope="col">Hồ sơ tiếp nhận</th>
                  <th scope="col">Tỷ lệ đúng hạn</th>
                  <th scope="col">Tỷ lệ trực tuyến</th>
                  <th scope="col">Mức độ hài lòng</th>
                </tr>
              </thead>
              <tbody>
                {history.map((h) => (
                  <tr key={h.period.id}>
                    <th scope="row">{quarterLabel(h.period.id)}</th>
                    <td>{h.province.received.toLocaleString('vi-VN')}</td>
                    <td>{pct(h.province.on_time_rate)}</td>
                    <td>{pct(h.province.online_share)}</td>
                    <td>{h.province.ratings.total === 0 ? 'Chưa có đánh giá' : pct(h.province.satisfaction)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="cong-khai-thu-tuc">
        <h2 id="cong-khai-thu-tuc">Thủ tục đã công bố và mức độ trực tuyến</h2>
        {!procedures ? (
          <Loading label="Đang tải danh mục thủ tục…" />
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Bảng thủ tục và mức độ trực tuyến">
            <table className="table" data-testid="public-procedures">
              <caption className="sr-only">Thủ tục đang có hiệu lực và mức độ dịch vụ công trực tuyến</caption>
              <thead>
                <tr>
                  <th scope="col">Thủ tục</th>
                  <th scope="col">Lĩnh vực</th>
                  <th scope="col">Mức độ trực tuyến</th>
                </tr>
              </thead>
              <tbody>
                {procedures.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <A href={`/thu-tuc/${encodeURIComponent(p.id)}`}>{p.name}</A>
                    </td>
                    <td>{p.field}</td>
                    <td>{ONLINE_LEVEL_LABEL[p.online_level] ?? p.online_level}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function ResultRow({ name, f }: { name: string; f: Figures }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{f.received.toLocaleString('vi-VN')}</td>
      <td>{f.resolved.toLocaleString('vi-VN')}</td>
      <td>{pct(f.on_time_rate)}</td>
      <td>{pct(f.online_share)}</td>
      <td>{f.ratings.total === 0 ? 'Chưa có đánh giá' : pct(f.satisfaction)}</td>
      <td>{f.band ? BAND_LABEL[f.band] ?? f.band : 'Chưa xếp loại'}</td>
    </tr>
  );
}

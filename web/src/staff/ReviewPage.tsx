// "Rà soát thủ tục hành chính" (DOMAIN.md §11): per procedure and year, how its dossiers went and
// its compliance cost (Thông tư 02/2017/TT-VPCP method) with a simplification scenario and the
// saving; the workbook for the province's review plan (GET /api/v1/reviews/procedures[.xlsx]).
// Province-wide roles only (may.review_procedures). Loaded on demand.
import { useEffect, useRef, useState } from 'react';
import { api, type Problem } from '../ui/api';
import { Badge, Field, Link, Loading, PageTitle, problemOf } from '../ui/components';
import { type Choice, FormChoices, chosen } from '../ui/FormChoices';
import { saveBlob } from '../ui/download';
import { fieldErrors } from './admin/common';
import { focusFirstInvalid } from '../ui/focus';

interface Row {
  national_code: string;
  name: string;
  field: string;
  dossiers: { filed: number; counter: number; online: number; postal: number; supplements: number; refused_at_reception: number; resolved: number; late: number };
  current: { total_vnd: number };
  simplified: { total_vnd: number };
  saving_vnd: number;
}

interface Report {
  year: number;
  current_vnd: number;
  simplified_vnd: number;
  saving_vnd: number;
  params: { key: string; label: string; value: number; source: string; verified: boolean }[];
  procedures: Row[];
}

const CHOICES: readonly Choice<'view' | 'xlsx'>[] = [
  { value: 'view', label: 'Xem kết quả', busyLabel: 'Đang tính…' },
  { value: 'xlsx', label: 'Tải bảng rà soát (Excel)', busyLabel: 'Đang tạo bảng…' },
];

const vnd = (n: number) => `${n.toLocaleString('vi-VN')} đ`;

export default function ReviewPage() {
  const thisYear = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
  const [year, setYear] = useState(String(thisYear));
  const [remove, setRemove] = useState('');
  const [limit, setLimit] = useState('');
  const [online, setOnline] = useState('50');
  const [report, setReport] = useState<Report | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState<'view' | 'xlsx' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(problem);

  const query = () => {
    const q = new URLSearchParams({ year });
    if (remove.trim()) q.set('remove_components', remove.trim());
    if (limit.trim()) q.set('limit_days', limit.trim());
    if (online.trim()) q.set('online_percent', online.trim());
    return q.toString();
  };

  async function run(kind: 'view' | 'xlsx') {
    setProblem(null);
    setDone(null);
    setBusy(kind);
    try {
      if (kind === 'view') {
        const { data } = await api.get<Report>(`/api/v1/reviews/procedures?${query()}`);
        setReport(data);
      } else {
        const { blob } = await api.file(`/api/v1/reviews/procedures.xlsx?${query()}`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        saveBlob(blob, `ra-soat-tthc-${year}.xlsx`);
        setDone(`Đã tải về bảng rà soát thủ tục hành chính năm ${year} (Excel).`);
      }
    } catch (e) {
      setProblem(problemOf(e));
      focusFirstInvalid(formRef);
    } finally {
      setBusy(null);
    }
  }

  useEffect(() => {
    void run('view');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const num = (label: string, value: string, set: (v: string) => void, name: string, hint?: string) => (
    <Field label={label} error={errors[name]} hint={hint}>
      {({ id, describedBy, invalid }) => <input id={id} inputMode="numeric" value={value} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => set(e.currentTarget.value)} />}
    </Field>
  );

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link href="/staff">← Hàng đợi hồ sơ</Link>
      </p>
      <PageTitle title="Rà soát thủ tục hành chính">Rà soát thủ tục hành chính</PageTitle>
      <p className="hint">Số liệu từ hồ sơ thực tế trên hệ thống; chi phí tuân thủ tính theo phương pháp Thông tư 02/2017/TT-VPCP (thời gian × thu nhập bình quân, sao chụp, đi lại, phí, lệ phí; × số hồ sơ trong năm).</p>
      <form
        ref={formRef}
        className="card"
        aria-labelledby="review-form-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void run(chosen(e, CHOICES));
        }}
      >
        <h2 id="review-form-title" className="card-title">
          Năm rà soát và phương án đơn giản hóa
        </h2>
        <div className="grid-2">
          {num('Năm', year, setYear, 'year')}
          {num('Bớt số thành phần hồ sơ', remove, setRemove, 'remove_components', 'Để trống: bớt các thành phần khai thác được từ cơ sở dữ liệu.')}
          {num('Thời hạn mới (ngày làm việc)', limit, setLimit, 'limit_days', 'Để trống: giữ thời hạn hiện hành.')}
          {num('Tỷ lệ nộp trực tuyến (%)', online, setOnline, 'online_percent')}
        </div>
        <FormChoices name="kind" choices={CHOICES} busy={busy} problem={problem} done={done} />
      </form>
      {busy === 'view' && !report && <Loading label="Đang tính số liệu rà soát…" />}
      {report && (
        <section className="card" aria-labelledby="review-result">
          <h2 id="review-result" className="card-title">
            Năm {report.year}: chi phí tuân thủ {vnd(report.current_vnd)}, sau đơn giản hóa {vnd(report.simplified_vnd)}, tiết kiệm {vnd(report.saving_vnd)}
          </h2>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Bảng kết quả rà soát">
            <table className="table eval-table">
              <caption className="sr-only">Kết quả rà soát từng thủ tục</caption>
              <thead>
                <tr>
                  <th scope="col">Mã</th>
                  <th scope="col">Thủ tục</th>
                  <th scope="col">Hồ sơ</th>
                  <th scope="col">Trực tuyến</th>
                  <th scope="col">Bổ sung</th>
                  <th scope="col">Từ chối</th>
                  <th scope="col">Quá hạn</th>
                  <th scope="col">Chi phí năm</th>
                  <th scope="col">Tiết kiệm</th>
                </tr>
              </thead>
              <tbody>
                {report.procedures.map((r) => (
                  <tr key={r.national_code}>
                    <td>{r.national_code}</td>
                    <th scope="row">{r.name}</th>
                    <td>{r.dossiers.filed}</td>
                    <td>{r.dossiers.online}</td>
                    <td>{r.dossiers.supplements}</td>
                    <td>{r.dossiers.refused_at_reception}</td>
                    <td>{r.dossiers.late}</td>
                    <td>{vnd(r.current.total_vnd)}</td>
                    <td>{vnd(r.saving_vnd)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>Tham số và nguồn</h3>
          <ul>
            {report.params.map((p) => (
              <li key={p.key}>
                {p.label}: <strong>{p.value.toLocaleString('vi-VN')}</strong> — {p.source} {!p.verified && <Badge tone="warning">chưa kiểm chứng</Badge>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

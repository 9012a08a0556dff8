// "Các năm sắp tới": which coming years already have the government's official decision on days
// off, which are still computed from the Labour Code rules, and how many open dossiers already
// have their appointment in each (GET /api/v1/admin/calendar/years). Province administrators and
// monitors. Recording a decision (PUT …/years/{year}) keeps the appointments already given unless
// their day becomes a day off; the server says so and does it.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../ui/api';
import { ErrorBox, Loading } from '../../ui/components';
import { actorLabel, fmtDateTime } from '../../ui/format';

export interface CalendarYear {
  year: number;
  official: boolean;
  source: 'decision' | 'rules';
  decision: { source: string; decided_by: string; decided_at: string | null } | null;
  dossiers_due_in_year: number;
  sample_codes: string[];
}

export function CalendarYears({ onOpenYear }: { onOpenYear: (year: number) => void }) {
  const [items, setItems] = useState<CalendarYear[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const { data } = await api.get<{ items: CalendarYear[] }>('/api/v1/admin/calendar/years');
      setItems(data.items);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="card" aria-labelledby="h-years">
      <h2 id="h-years" className="card-title">
        Các năm sắp tới
      </h2>
      <p className="muted">
        Năm chưa có quyết định chính thức về lịch nghỉ lễ, Tết được tính theo quy định của Bộ luật Lao động. Khi quyết định được ghi nhận, ngày hẹn trả kết
        quả đã hẹn với người dân được giữ nguyên, trừ khi ngày đó trở thành ngày nghỉ thì dời sang ngày làm việc tiếp theo.
      </p>
      {error !== null ? (
        <ErrorBox error={error}>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => void load()}>
            Thử lại
          </button>
        </ErrorBox>
      ) : !items ? (
        <Loading label="Đang tải tình trạng các năm…" />
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Năm</th>
              <th scope="col">Lịch nghỉ</th>
              <th scope="col">Hồ sơ có ngày hẹn trong năm</th>
            </tr>
          </thead>
          <tbody>
            {items.map((y) => (
              <tr key={y.year}>
                <th scope="row">
                  <button type="button" className="btn btn-link" onClick={() => onOpenYear(y.year)}>
                    {y.year}
                  </button>
                </th>
                <td>
                  {y.official && y.decision ? (
                    <>
                      Đã có quyết định chính thức
                      {y.decision.source && <>: {y.decision.source}</>}
                      <span className="muted">
                        {' '}
                        (ghi nhận bởi {actorLabel(y.decision.decided_by)}
                        {y.decision.decided_at && <>, {fmtDateTime(y.decision.decided_at)}</>})
                      </span>
                    </>
                  ) : (
                    <strong>Chưa có quyết định chính thức — đang tính theo quy định của Bộ luật Lao động</strong>
                  )}
                </td>
                <td>
                  {y.dossiers_due_in_year === 0 ? (
                    <span className="muted">Không có</span>
                  ) : (
                    <>
                      {y.dossiers_due_in_year} hồ sơ
                      {!y.official && <> (đang tính hạn theo quy định)</>}
                      {y.sample_codes.length > 0 && (
                        <>
                          , ví dụ:{' '}
                          {y.sample_codes.map((c, i) => (
                            <span key={c}>
                              {i > 0 && ', '}
                              <span className="code">{c}</span>
                            </span>
                          ))}
                        </>
                      )}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

// "Lịch làm việc": the province's working calendar for one year, month by month, with the
// days off / make-up working days set by a province administrator, and the change history.
// Province monitors see the same, read-only.
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { api } from '../../ui/api';
import { ErrorBox, Field, Link, Loading, Message, PageTitle, problemOf } from '../../ui/components';
import { actorLabel, fmtDateTime } from '../../ui/format';
import type { CalendarChange, CalendarDay } from '../../ui/types';
import { DateInput } from '../../ui/DateField';
import { CalendarYears } from './CalendarYears';
import { may, useSession } from '../session';

const MONTHS = ['Tháng 1', 'Tháng 2', 'Tháng 3', 'Tháng 4', 'Tháng 5', 'Tháng 6', 'Tháng 7', 'Tháng 8', 'Tháng 9', 'Tháng 10', 'Tháng 11', 'Tháng 12'];
const WEEKDAYS = [
  ['T2', 'Thứ Hai'],
  ['T3', 'Thứ Ba'],
  ['T4', 'Thứ Tư'],
  ['T5', 'Thứ Năm'],
  ['T6', 'Thứ Sáu'],
  ['T7', 'Thứ Bảy'],
  ['CN', 'Chủ nhật'],
];
/** Reasons the server gives to days without a calendar entry. */
const PATTERN_REASONS = new Set(['Ngày làm việc', 'Thứ Bảy', 'Chủ nhật']);
const HISTORY_PAGE = 30;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
function iso(y: number, m: number, d: number): string {
  return `${y}-${pad(m + 1)}-${pad(d)}`;
}
/** "2026-12-31" → "31/12/2026". */
export function fmtIsoDate(s: string): string {
  const [y, m, d] = s.split('-');
  return `${d}/${m}/${y}`;
}
function weekdayOf(s: string): number {
  const [y, m, d] = s.split('-').map(Number);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday = 0
}
function isWeekend(s: string): boolean {
  return weekdayOf(s) >= 5;
}
/** A day set by the calendar (holiday, day off, make-up day), not by the weekly pattern. */
function isSpecial(d: CalendarDay): boolean {
  if (!PATTERN_REASONS.has(d.reason)) return true;
  return d.working === isWeekend(d.date);
}
function todayIso(): string {
  const p = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return p;
}

export function CalendarPage() {
  const { user } = useSession();
  const canEdit = may(user, 'change_calendar');
  const canSee = may(user, 'read_calendar');
  const today = todayIso();
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const [month, setMonth] = useState(Number(today.slice(5, 7)) - 1);
  const [days, setDays] = useState<CalendarDay[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [changes, setChanges] = useState<CalendarChange[] | null>(null);
  const [changesError, setChangesError] = useState<unknown>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const flashRef = useRef<HTMLDivElement>(null);

  const loadDays = useCallback(async (y: number) => {
    setDays(null);
    setLoadError(null);
    try {
      const { data } = await api.get<CalendarDay[]>(`/api/v1/calendar/days?from=${y}-01-01&to=${y}-12-31`);
      setDays(data);
    } catch (e) {
      setLoadError(e);
    }
  }, []);

  const loadChanges = useCallback(async () => {
    if (!canSee) return;
    try {
      const { data } = await api.get<{ items: CalendarChange[] }>('/api/v1/admin/calendar/changes');
      setChanges(data.items);
      setChangesError(null);
    } catch (e) {
      setChangesError(e);
    }
  }, [canSee]);

  useEffect(() => {
    void loadDays(year);
  }, [year, loadDays]);
  useEffect(() => {
    void loadChanges();
  }, [loadChanges]);

  const byDate = useMemo(() => new Map((days ?? []).map((d) => [d.date, d])), [days]);
  const special = useMemo(() => (days ?? []).filter(isSpecial), [days]);
  const years = [year - 1, year, year + 1].filter((v, i, a) => a.indexOf(v) === i);
  const thisYear = Number(today.slice(0, 4));
  const yearOptions = Array.from(new Set([thisYear - 1, thisYear, thisYear + 1, thisYear + 2, ...years])).sort();

  function select(date: string) {
    setSelected(date);
    setFlash(null);
    setTimeout(() => document.getElementById('day-editor-title')?.focus(), 0);
  }

  async function saved(text: string) {
    setFlash(text);
    await Promise.all([loadDays(year), loadChanges()]);
    setTimeout(() => flashRef.current?.focus(), 0);
  }

  return (
    <div className="page page-wide calendar-page">
      <p className="breadcrumb">
        <Link href="/staff/quan-tri">← Quản trị</Link>
      </p>
      <PageTitle title="Lịch làm việc">Lịch làm việc</PageTitle>
      <p className="lead">
        Ngày làm việc và ngày nghỉ của tỉnh, dùng để tính hạn giải quyết hồ sơ. Thứ Hai đến Thứ Sáu là ngày làm việc, trừ các ngày nghỉ lễ, nghỉ bù được khai
        báo; ngày làm bù được khai báo là ngày làm việc.
      </p>
      {!canEdit && <Message kind="info">Bạn chỉ có quyền xem lịch làm việc. Việc khai báo ngày nghỉ, ngày làm bù do quản trị tỉnh thực hiện.</Message>}

      <div ref={flashRef} tabIndex={-1} className="flash" aria-live="polite">
        {flash && (
          <Message kind="success" onDismiss={() => setFlash(null)}>
            {flash}
          </Message>
        )}
      </div>

      <div className="cal-toolbar">
        <Field label="Năm">
          {({ id }) => (
            <select id={id} value={year} onChange={(e) => setYear(Number(e.currentTarget.value))}>
              {yearOptions.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Tháng">
          {({ id }) => (
            <select id={id} value={month} onChange={(e) => setMonth(Number(e.currentTarget.value))}>
              {MONTHS.map((m, i) => (
                <option key={i} value={i}>
                  {m}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="cal-nav">
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={() => (month === 0 ? (setYear(year - 1), setMonth(11)) : setMonth(month - 1))}
          >
            ← Tháng trước
          </button>
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={() => (month === 11 ? (setYear(year + 1), setMonth(0)) : setMonth(month + 1))}
          >
            Tháng sau →
          </button>
        </div>
      </div>

      <div className="calendar-layout">
        <div>
          {loadError !== null && (
            <ErrorBox error={loadError}>
              <button type="button" className="btn btn-secondary btn-small" onClick={() => void loadDays(year)}>
                Thử lại
              </button>
            </ErrorBox>
          )}
          {!days && loadError === null && <Loading label="Đang tải lịch…" />}
          {days && (
            <MonthGrid year={year} month={month} byDate={byDate} today={today} selected={selected} onSelect={select} />
          )}
          <ul className="cal-legend" aria-label="Chú giải">
            <li>
              <span className="cal-swatch cal-working" aria-hidden="true" /> Ngày làm việc
            </li>
            <li>
              <span className="cal-swatch cal-off" aria-hidden="true" /> Ngày nghỉ (Thứ Bảy, Chủ nhật)
            </li>
            <li>
              <span className="cal-swatch cal-holiday" aria-hidden="true" /> Ngày nghỉ lễ, nghỉ bù
            </li>
            <li>
              <span className="cal-swatch cal-makeup" aria-hidden="true" /> Ngày làm bù
            </li>
          </ul>
        </div>
        <div>
          {selected && (
            <DayEditor
              key={selected}
              date={selected}
              day={byDate.get(selected) ?? null}
              canEdit={canEdit}
              onClose={() => setSelected(null)}
              onSaved={(t) => void saved(t)}
            />
          )}
          {canEdit && !selected && <DatePicker onPick={(d) => { setYear(Number(d.slice(0, 4))); setMonth(Number(d.slice(5, 7)) - 1); select(d); }} />}
        </div>
      </div>

      {canSee && (
        <CalendarYears
          onOpenYear={(y) => {
            setYear(y);
            setMonth(0);
          }}
        />
      )}

      <section className="card" aria-labelledby="h-special">
        <h2 id="h-special" className="card-title">
          Ngày nghỉ lễ, nghỉ bù và làm bù năm {year}
        </h2>
        {!days ? (
          <Loading />
        ) : special.length === 0 ? (
          <p className="muted">Không có ngày nào được khai báo trong năm {year}.</p>
        ) : (
          <ul className="special-days">
            {special.map((d) => (
              <li key={d.date} className={d.working ? 'special-makeup' : 'special-off'}>
                <button type="button" className="btn btn-link" onClick={() => { setMonth(Number(d.date.slice(5, 7)) - 1); select(d.date); }}>
                  {WEEKDAYS[weekdayOf(d.date)][1]}, {fmtIsoDate(d.date)}
                </button>{' '}
                — <strong>{d.working ? 'Làm việc' : 'Nghỉ'}</strong>: {d.reason}
              </li>
            ))}
          </ul>
        )}
      </section>

      {canSee && (
        <section className="card" aria-labelledby="h-changes">
          <h2 id="h-changes" className="card-title">
            Lịch sử thay đổi
          </h2>
          {changesError !== null ? <ErrorBox error={changesError} /> : !changes ? <Loading /> : <ChangeList items={changes} />}
        </section>
      )}
    </div>
  );
}

function MonthGrid({
  year,
  month,
  byDate,
  today,
  selected,
  onSelect,
}: {
  year: number;
  month: number;
  byDate: Map<string, CalendarDay>;
  today: string;
  selected: string | null;
  onSelect: (d: string) => void;
}) {
  const first = weekdayOf(iso(year, month, 1));
  const count = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const cells: (string | null)[] = [...Array<null>(first).fill(null)];
  for (let d = 1; d <= count; d++) cells.push(iso(year, month, d));
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return (
    <table className="cal-grid">
      <caption>
        {MONTHS[month]} năm {year}
      </caption>
      <thead>
        <tr>
          {WEEKDAYS.map(([short, long]) => (
            <th key={short} scope="col">
              <abbr title={long}>{short}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((w, i) => (
          <tr key={i}>
            {w.map((date, j) => {
              if (!date) return <td key={j} className="cal-empty" />;
              const day = byDate.get(date);
              const kind = !day ? 'cal-unknown' : day.working ? (isWeekend(date) ? 'cal-makeup' : 'cal-working') : isSpecial(day) ? 'cal-holiday' : 'cal-off';
              const label = `${WEEKDAYS[weekdayOf(date)][1]}, ${fmtIsoDate(date)}: ${day ? `${day.working ? 'ngày làm việc' : 'ngày nghỉ'} — ${day.reason}` : 'chưa rõ'}`;
              return (
                <td key={j} className={`cal-cell ${kind} ${date === today ? 'cal-today' : ''}`} data-date={date}>
                  <button type="button" className="cal-day" aria-label={label} aria-pressed={selected === date} onClick={() => onSelect(date)}>
                    <span className="cal-num" aria-hidden="true">
                      {Number(date.slice(8))}
                    </span>
                    {day && isSpecial(day) && (
                      <span className="cal-mark" aria-hidden="true">
                        {day.working ? 'LB' : 'N'}
                      </span>
                    )}
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DatePicker({ onPick }: { onPick: (date: string) => void }) {
  const [v, setV] = useState('');
  const [err, setErr] = useState<string | null>(null);
  return (
    <form
      className="card"
      aria-labelledby="h-pick"
      onSubmit={(e) => {
        e.preventDefault();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) {
          setErr('Hãy chọn ngày cần khai báo.');
          return;
        }
        onPick(v);
      }}
    >
      <h2 id="h-pick" className="card-title">
        Khai báo một ngày
      </h2>
      <p className="hint">Chọn một ngày trên lịch, hoặc nhập ngày ở đây.</p>
      <Field label="Ngày" error={err}>
        {({ id, describedBy, invalid }) => (
          <DateInput id={id} value={v} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(x) => { setV(x); setErr(null); }} />
        )}
      </Field>
      <button type="submit" className="btn btn-secondary">
        Mở ngày này
      </button>
    </form>
  );
}

function DayEditor({
  date,
  day,
  canEdit,
  onClose,
  onSaved,
}: {
  date: string;
  day: CalendarDay | null;
  canEdit: boolean;
  onClose: () => void;
  onSaved: (text: string) => void;
}) {
  const special = day ? isSpecial(day) : false;
  const [working, setWorking] = useState<boolean>(day ? (special ? day.working : !day.working) : isWeekend(date));
  const [reason, setReason] = useState(special && day ? day.reason : '');
  const [reasonErr, setReasonErr] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const name = useId();
  const reasonRef = useRef<HTMLInputElement>(null);
  const title = `${WEEKDAYS[weekdayOf(date)][1]}, ${fmtIsoDate(date)}`;

  async function save() {
    const r = reason.trim();
    if (!r) {
      setReasonErr('Hãy nhập lý do (ví dụ: Nghỉ Tết Dương lịch, Làm bù cho ngày 02/01).');
      reasonRef.current?.focus();
      return;
    }
    if (r.length > 200) {
      setReasonErr('Lý do tối đa 200 ký tự.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.put(`/api/v1/admin/calendar/days/${date}`, { working, reason: r });
      onSaved(`Đã khai báo ${fmtIsoDate(date)} là ${working ? 'ngày làm việc' : 'ngày nghỉ'}: ${r}.`);
    } catch (e) {
      const p = problemOf(e);
      const re = p.errors?.find((x) => x.field === 'reason');
      if (re) setReasonErr(re.detail);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function clear() {
    setBusy(true);
    setError(null);
    try {
      await api.del(`/api/v1/admin/calendar/days/${date}`);
      onSaved(`Đã xóa khai báo của ngày ${fmtIsoDate(date)}: ngày này theo lịch chung của năm (quyết định chính thức, hoặc quy định của Bộ luật Lao động khi chưa có quyết định) và lịch làm việc hằng tuần.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card day-editor" aria-labelledby="day-editor-title">
      <h2 id="day-editor-title" className="card-title" tabIndex={-1}>
        {title}
      </h2>
      <p>
        Hiện tại: <strong>{day ? (day.working ? 'Ngày làm việc' : 'Ngày nghỉ') : 'chưa rõ'}</strong>
        {day && ` — ${day.reason}`}
        {special && <span className="muted"> (đã được khai báo)</span>}
      </p>
      {canEdit && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <fieldset className="radios">
            <legend>Khai báo</legend>
            <label className="radio">
              <input type="radio" name={name} checked={!working} onChange={() => setWorking(false)} /> Ngày nghỉ (nghỉ lễ, nghỉ bù)
            </label>
            <label className="radio">
              <input type="radio" name={name} checked={working} onChange={() => setWorking(true)} /> Ngày làm việc (làm bù)
            </label>
          </fieldset>
          <Field label="Lý do" required error={reasonErr} hint="Tối đa 200 ký tự.">
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                ref={reasonRef}
                type="text"
                maxLength={200}
                value={reason}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                onChange={(e) => {
                  setReason(e.currentTarget.value);
                  setReasonErr(null);
                }}
              />
            )}
          </Field>
          {error !== null && <ErrorBox error={error} />}
          <div className="actions-row">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              Lưu khai báo
            </button>
            {special && (
              <button type="button" className="btn btn-danger-outline" disabled={busy} onClick={() => void clear()}>
                Xóa khai báo
              </button>
            )}
            <button type="button" className="btn btn-link" onClick={onClose}>
              Đóng
            </button>
          </div>
        </form>
      )}
      {!canEdit && (
        <button type="button" className="btn btn-link" onClick={onClose}>
          Đóng
        </button>
      )}
    </section>
  );
}

function ChangeList({ items }: { items: CalendarChange[] }) {
  const [n, setN] = useState(HISTORY_PAGE);
  if (items.length === 0) return <p className="muted">Chưa có thay đổi nào.</p>;
  return (
    <>
      <ol className="changes" data-testid="calendar-changes">
        {items.slice(0, n).map((c) => (
          <li key={c.id} className="change">
            <p>
              <strong>{fmtIsoDate(c.date)}</strong> —{' '}
              {c.working === null ? 'Xóa khai báo' : c.working ? 'Khai báo ngày làm việc' : 'Khai báo ngày nghỉ'}
              {c.reason && `: ${c.reason}`}
            </p>
            <p className="muted">
              {c.changed_by === 'seed' ? 'Dữ liệu khởi tạo' : actorLabel(c.changed_by)}, lúc <time dateTime={c.changed_at}>{fmtDateTime(c.changed_at)}</time>
            </p>
          </li>
        ))}
      </ol>
      {items.length > n && (
        <button type="button" className="btn btn-secondary btn-small" onClick={() => setN(n + HISTORY_PAGE)}>
          Xem thêm ({items.length - n} thay đổi)
        </button>
      )}
    </>
  );
}

// "Sổ theo dõi hồ sơ" (mẫu số 07): an official picks one of their agencies and a period, and
// downloads the register as PDF or Excel (GET /api/v1/agencies/{id}/register.pdf|xlsx?from&to).
// The server decides who may read which register (GET /api/v1/registers lists them, the
// reader's own agencies first); a refusal's problem+json detail is shown in Vietnamese.
// Loaded on demand: most visits never open it.
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, type Problem } from '../ui/api';
import { Field, Link, Loading, Message, PageTitle, problemOf } from '../ui/components';
import { type Choice, FormChoices, chosen } from '../ui/FormChoices';
import { DateField } from '../ui/DateField';
import { daysBetween, isoToVi, todayVn } from '../ui/dates';
import { saveBlob } from '../ui/download';
import { fieldErrors } from './admin/common';
import { fmtSize } from './Documents';
import { useSession } from './session';
import { focusFirstInvalid } from '../ui/focus';

const MAX_DAYS = 366;
const FORMATS = {
  pdf: { label: 'PDF', accept: 'application/pdf' },
  xlsx: { label: 'Excel', accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
} as const;
type Format = keyof typeof FORMATS;
const CHOICES: readonly Choice<Format>[] = [
  { value: 'pdf', label: 'Tải sổ (PDF)', busyLabel: 'Đang tạo sổ…' },
  { value: 'xlsx', label: 'Tải sổ (Excel)', busyLabel: 'Đang tạo sổ…' },
];

export default function RegisterPage() {
  const { user } = useSession();
  const today = todayVn();
  // The registers this reader may print, as the server's policy says.
  const [registers, setRegisters] = useState<{ id: string; name: string }[] | null>(null);
  useEffect(() => {
    let live = true;
    api.get<{ items: { id: string; name: string }[] }>('/api/v1/registers').then(
      ({ data }) => live && setRegisters(data.items),
      () => live && setRegisters([]),
    );
    return () => {
      live = false;
    };
  }, []);
  const mine = useMemo(
    () => (registers ?? []).filter((a) => user.grants.some((g) => g.agency_id === a.id)).map((a) => a.id),
    [registers, user],
  );
  const names = useMemo(() => new Map((registers ?? []).map((a) => [a.id, a.name])), [registers]);
  const others = useMemo(() => (registers ?? []).filter((a) => !mine.includes(a.id)), [registers, mine]);

  const [agency, setAgency] = useState('');
  useEffect(() => {
    if (!agency && registers?.length) setAgency(registers[0].id);
  }, [registers, agency]);
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<Format | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = { ...fieldErrors(problem), ...local };

  async function download(format: Format) {
    setDone(null);
    setProblem(null);
    const v: Record<string, string> = {};
    if (!agency) v.agency = 'Hãy chọn cơ quan.';
    if (!from) v.from = 'Hãy nhập ngày bắt đầu, theo dạng ngày/tháng/năm.';
    if (!to) v.to = 'Hãy nhập ngày kết thúc, theo dạng ngày/tháng/năm.';
    if (from && to && to < from) v.to = `Ngày kết thúc phải từ ngày bắt đầu (${isoToVi(from)}) trở về sau.`;
    else if (from && to && daysBetween(from, to) + 1 > MAX_DAYS) v.to = `Mỗi lần tải tối đa ${MAX_DAYS} ngày; khoảng đã chọn có ${daysBetween(from, to) + 1} ngày.`;
    setLocal(v);
    if (Object.keys(v).length) {
      focusFirstInvalid(formRef);
      return;
    }
    setBusy(format);
    try {
      const q = new URLSearchParams({ from, to });
      const { blob } = await api.file(`/api/v1/agencies/${encodeURIComponent(agency)}/register.${format}?${q.toString()}`, FORMATS[format].accept);
      saveBlob(blob, `so-theo-doi-${agency}-${from}-den-${to}.${format}`);
      setDone(
        `Đã tải về sổ theo dõi hồ sơ của ${names.get(agency) ?? agency} từ ${isoToVi(from)} đến ${isoToVi(to)} (${FORMATS[format].label}, ${fmtSize(blob.size)}).`,
      );
    } catch (e) {
      setProblem(problemOf(e));
      focusFirstInvalid(formRef);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link href="/staff">← Hàng đợi hồ sơ</Link>
      </p>
      <PageTitle title="Sổ theo dõi hồ sơ">Sổ theo dõi hồ sơ</PageTitle>
      <p className="hint">
        Mẫu số 07: mỗi dòng là một hồ sơ do cơ quan tiếp nhận trong khoảng thời gian đã chọn, theo thứ tự tiếp nhận. Mỗi lần tải tối đa {MAX_DAYS} ngày.
      </p>
      <form
        ref={formRef}
        className="card register-form"
        aria-labelledby="register-form-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void download(chosen(e, CHOICES));
        }}
      >
        <h2 id="register-form-title" className="card-title">
          Chọn cơ quan và khoảng thời gian
        </h2>
        {registers === null ? (
          <Loading label="Đang tải danh sách cơ quan…" />
        ) : registers.length === 0 ? (
          <Message kind="info">Tài khoản chưa được phân quyền ở cơ quan nào nên không có sổ để xem.</Message>
        ) : (
          <>
            <Field label="Cơ quan" required error={errors.agency}>
              {({ id, describedBy, invalid }) => (
                <select id={id} value={agency} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setAgency(e.currentTarget.value)}>
                  {!agency && <option value="">— Chọn cơ quan —</option>}
                  {others.length > 0 ? (
                    <>
                      <optgroup label="Cơ quan của tôi">
                        {mine.map((id) => (
                          <option key={id} value={id}>
                            {names.get(id) ?? id}
                          </option>
                        ))}
                      </optgroup>
                      <optgroup label="Các cơ quan khác">
                        {others.map((a) => (
                          <option key={a.id} value={a.id}>
                            {a.name}
                          </option>
                        ))}
                      </optgroup>
                    </>
                  ) : (
                    mine.map((id) => (
                      <option key={id} value={id}>
                        {names.get(id) ?? id}
                      </option>
                    ))
                  )}
                </select>
              )}
            </Field>
            <div className="grid-2">
              <DateField label="Từ ngày" required value={from} onChange={setFrom} error={errors.from} />
              <DateField label="Đến ngày" required value={to} onChange={setTo} error={errors.to} />
            </div>
            <FormChoices name="format" choices={CHOICES} busy={busy} problem={problem} done={done} />
          </>
        )}
      </form>
    </div>
  );
}

// "Kho dữ liệu của tôi": the documents I submitted and the results issued to me
// (`GET /api/v1/me/documents`); one can be used in another dossier instead of uploading again.
// The server's plain word on the national databases: which are connected (their papers are not
// asked for) and which are not yet.
import { api } from '../../ui/api';
import { ErrorBox, Loading, Message } from '../../ui/components';
import { fmtDateTime } from '../../ui/format';
import { A, dossierHref } from '../nav';
import { Title } from '../Title';
import { useLoad } from '../useLoad';
import type { MyDocument, NationalDatabases } from './types';

export default function MyDocumentsPage() {
  const r = useLoad(() => api.get<{ items: MyDocument[]; national_databases: NationalDatabases }>('/api/v1/me/documents').then((x) => x.data), 'docs');
  const results = (r.data?.items ?? []).filter((d) => d.kind === 'result');
  const submitted = (r.data?.items ?? []).filter((d) => d.kind === 'submitted');
  return (
    <div className="page">
      <Title title="Kho dữ liệu của tôi">Kho dữ liệu của tôi</Title>
      {r.loading && !r.data && <Loading />}
      {r.error !== undefined && <ErrorBox error={r.error} />}
      {r.data && <Message kind="info">{r.data.national_databases.message}</Message>}
      {r.data && (
        <>
          <DocList title="Kết quả đã được cấp" items={results} empty="Chưa có kết quả điện tử nào." />
          <DocList title="Giấy tờ đã nộp" items={submitted} empty="Chưa có giấy tờ nào." />
        </>
      )}
    </div>
  );
}

function DocList({ title, items, empty }: { title: string; items: MyDocument[]; empty: string }) {
  const id = `h-${title.length}`;
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id} className="card-title">
        {title}
      </h2>
      {items.length === 0 && <p className="muted">{empty}</p>}
      <ul className="plain-list doc-store-list">
        {items.map((d) => (
          <li key={d.id}>
            <a href={d.href}>{d.file_name}</a>
            <span className="muted small">
              {' '}
              — {d.component ?? d.procedure_name ?? ''}, hồ sơ <A href={dossierHref(d.dossier_id)}>{d.dossier_code}</A>, {fmtDateTime(d.uploaded_at)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

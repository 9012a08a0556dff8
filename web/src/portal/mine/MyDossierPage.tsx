export default function MyDossierPage(_p: { id: string }) {
  return <div className="page">…</div>;
}

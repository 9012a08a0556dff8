export default function MyDocumentsPage() {
  return <div className="page">…</div>;
}

import { useId, useState } from 'react';
import { navigate } from '../../ui/router';

/** The catalogue search: name or national code, diacritics optional (the server forgives). */
export function SearchForm({ initial = '', big = false }: { initial?: string; big?: boolean }) {
  const [q, setQ] = useState(initial);
  const id = useId();
  return (
    <form
      role="search"
      className={`portal-search ${big ? 'portal-search-big' : ''}`}
      action="/thu-tuc"
      method="get"
      onSubmit={(e) => {
        e.preventDefault();
        const p = new URLSearchParams(location.pathname === '/thu-tuc' ? location.search : '');
        if (q.trim()) p.set('q', q.trim());
        else p.delete('q');
        const s = p.toString();
        navigate(`/thu-tuc${s ? `?${s}` : ''}`);
      }}
    >
      <label htmlFor={id}>Tìm thủ tục hành chính</label>
      <div className="portal-search-row">
        <input
          id={id}
          name="q"
          type="search"
          value={q}
          maxLength={200}
          autoComplete="off"
          placeholder="Ví dụ: khai sinh, kết hôn, 1.001193"
          aria-describedby={`${id}-hint`}
          onChange={(e) => setQ(e.target.value)}
        />
        <button type="submit" className="btn btn-primary">
          Tìm
        </button>
      </div>
      <p className="hint" id={`${id}-hint`}>
        Gõ tên thủ tục (có dấu hoặc không dấu) hoặc mã thủ tục.
      </p>
    </form>
  );
}

// In-page preview of an attached PDF or image: a modal dialog (focus kept inside, Escape
// closes, focus returns to the button that opened it). The file comes from the download
// address with `?inline=1`, which the server sends inline as a sandboxed document that only
// this origin may frame (docs/openapi.yaml, GET /api/v1/dossiers/{id}/documents/{doc}).
import { useEffect, useId, useRef } from 'react';
import type { DossierDocument } from '../ui/types';

export const PREVIEWABLE = new Set(['application/pdf', 'image/jpeg', 'image/png']);

export function inlineHref(doc: DossierDocument): string {
  return `${doc.href}${doc.href.includes('?') ? '&' : '?'}inline=1`;
}

const FOCUSABLE = 'a[href], button:not([disabled]), iframe, input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function DocumentPreview({ doc, onClose }: { doc: DossierDocument; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const descId = useId();
  const src = inlineHref(doc);
  const pdf = doc.content_type === 'application/pdf';

  useEffect(() => {
    const d = ref.current;
    const opener = document.activeElement as HTMLElement | null;
    if (d && !d.open) d.showModal();
    closeRef.current?.focus();
    return () => {
      if (d?.open) d.close();
      opener?.focus();
    };
  }, []);

  // Tab and Shift+Tab cycle inside the dialog (the page behind is inert while it is open).
  function onKeyDown(e: React.KeyboardEvent<HTMLDialogElement>) {
    if (e.key !== 'Tab' || !ref.current) return;
    const items = Array.from(ref.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    if (items.length === 0) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }

  return (
    <dialog
      ref={ref}
      className="dialog dialog-preview"
      aria-labelledby={titleId}
      aria-describedby={descId}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault(); // Escape: close through React so focus goes back to the opener
        onClose();
      }}
      data-testid="document-preview"
    >
      <div className="preview-head">
        <h2 id={titleId} className="preview-title">
          Xem trước: {doc.file_name}
        </h2>
        <button ref={closeRef} type="button" className="btn btn-secondary btn-small" onClick={onClose}>
          Đóng<span className="sr-only"> xem trước</span>
        </button>
      </div>
      <p id={descId} className="hint">
        {pdf
          ? 'Tệp PDF hiển thị bằng trình xem của trình duyệt. Nếu không thấy nội dung (một số trình duyệt trên điện thoại), hãy mở trong thẻ mới hoặc tải về.'
          : 'Ảnh hiển thị vừa khung; mở trong thẻ mới để xem kích thước thật.'}{' '}
        Nhấn Esc để đóng.
      </p>
      <div className="preview-body">
        {pdf ? (
          <iframe className="preview-frame" src={src} title={`Nội dung tệp ${doc.file_name}`} />
        ) : (
          <img className="preview-img" src={src} alt={`Ảnh ${doc.file_name}`} />
        )}
      </div>
      <div className="actions-row preview-actions">
        <a className="btn btn-secondary btn-small" href={src} target="_blank" rel="noopener noreferrer">
          Mở trong thẻ mới<span className="sr-only"> ({doc.file_name})</span>
        </a>
        <a className="btn btn-secondary btn-small" href={doc.href} download={doc.file_name}>
          Tải về<span className="sr-only"> {doc.file_name}</span>
        </a>
      </div>
    </dialog>
  );
}

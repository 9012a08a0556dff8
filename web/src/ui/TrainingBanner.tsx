import { useEffect, useState } from 'react';
import { request } from './api';
import './TrainingBanner.css';

/** The wording every page and printed form of a training copy carries. */
export const TRAINING_TEXT = 'BẢN ĐÀO TẠO — không có giá trị pháp lý';

/**
 * A permanent banner at the top of every page when the server is a training copy of the
 * province (`make training`, MOTCUA_TRAINING=1; `GET /api/v1/health` answers `training: true`),
 * so that nobody mistakes it for the real desk. Renders nothing on the real server. The browser
 * tab's title says it too.
 */
export function TrainingBanner() {
  const [training, setTraining] = useState(false);
  useEffect(() => {
    const ctrl = new AbortController();
    request<{ training?: boolean }>('GET', '/api/v1/health', { noReauth: true, signal: ctrl.signal })
      .then((r) => setTraining(r.data?.training === true))
      .catch(() => undefined);
    return () => ctrl.abort();
  }, []);
  useEffect(() => {
    if (!training) return;
    const mark = '[ĐÀO TẠO] ';
    const keep = () => {
      if (!document.title.startsWith(mark)) document.title = mark + document.title;
    };
    keep();
    const titleEl = document.querySelector('title');
    const obs = titleEl ? new MutationObserver(keep) : null;
    if (titleEl && obs) obs.observe(titleEl, { childList: true, characterData: true, subtree: true });
    return () => obs?.disconnect();
  }, [training]);
  if (!training) return null;
  return (
    <div className="training-banner" role="note" aria-label="Bản đào tạo" data-testid="training-banner">
      {TRAINING_TEXT}
    </div>
  );
}

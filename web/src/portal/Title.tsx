import { useEffect, useRef, type ReactNode } from 'react';

/** The page's h1; focused when the page opens so keyboard and screen reader users start there. */
export function Title({ children, title, focus = true }: { children: ReactNode; title: string; focus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — Cổng dịch vụ công Quảng Ngãi`;
    if (focus) ref.current?.focus({ preventScroll: true });
  }, [title, focus]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}

// Links inside the portal: a click on a same-origin path that belongs to the portal stays in the
// single-page app; the staff app (/staff), the server-rendered tracking page (/tra-cuu), the API
// and files load as full pages. The server answers the portal's deep links with the same page
// (src/api/static_routes.cc: /thu-tuc, /nop-ho-so, /dang-nhap, /ho-so-cua-toi, /kho-du-lieu,
// /danh-gia).
import { navigate } from '../ui/router';

const PORTAL_PREFIXES = [
  '/thu-tuc',
  '/nop-ho-so',
  '/dang-nhap',
  '/ho-so-cua-toi',
  '/kho-du-lieu',
  '/danh-gia',
  '/phan-anh-kien-nghi',
  '/phan-anh-cua-toi',
  '/cong-khai',
];

export function isPortalPath(pathname: string): boolean {
  return pathname === '/' || PORTAL_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

export function onPortalLinkClick(e: React.MouseEvent<HTMLAnchorElement>): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.currentTarget;
  if ((a.target && a.target !== '_self') || a.hasAttribute('download')) return;
  const url = new URL(a.href);
  if (url.origin !== location.origin || !isPortalPath(url.pathname)) return;
  e.preventDefault();
  navigate(url.pathname + url.search + url.hash);
  window.scrollTo(0, 0);
}

export function A(props: React.AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return <a {...props} onClick={props.onClick ?? onPortalLinkClick} />;
}

/** `/thu-tuc/1.001193@v1` (the id is kept readable: `@` and `.` need no escaping in a path). */
export const procedureHref = (id: string) => `/thu-tuc/${encodeURIComponent(id).replace(/%40/g, '@')}`;
export const fileHref = (id: string) => `/nop-ho-so/${encodeURIComponent(id).replace(/%40/g, '@')}`;
export const dossierHref = (id: string) => `/ho-so-cua-toi/${encodeURIComponent(id)}`;
export const loginHref = (next: string) => `/dang-nhap?tiep=${encodeURIComponent(next)}`;

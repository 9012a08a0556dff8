// The citizen portal: layout (header, navigation, footer), the session and the routes. Home,
// catalogue, procedure and login pages are in the first bundle (they are what a visitor opens
// first on a slow network); filing and "Hồ sơ của tôi" are chunks fetched when opened.
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { api, setCsrfToken, setReauthHandler } from '../ui/api';
import { Loading, PageTitle } from '../ui/components';
import { navigate, useLocation } from '../ui/router';
import type { Actor, MeResponse } from '../ui/types';
import { A, loginHref } from './nav';
import { CataloguePage } from './pages/CataloguePage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { ProcedurePage } from './pages/ProcedurePage';
import { RatingLinkPage } from './pages/RatingLinkPage';
import { SessionContext, useCitizen, type CitizenSession } from './session';

const FilingPage = lazy(() => import('./filing/FilingPage'));
const MyDossiersPage = lazy(() => import('./mine/MyDossiersPage'));
const MyDossierPage = lazy(() => import('./mine/MyDossierPage'));
const MyDocumentsPage = lazy(() => import('./mine/MyDocumentsPage'));
const NotificationSettingsPage = lazy(() => import('./mine/NotificationSettingsPage'));
const FeedbackFilePage = lazy(() => import('./feedback/FeedbackPages').then((m) => ({ default: m.FilePage })));
const FeedbackMinePage = lazy(() => import('./feedback/FeedbackPages').then((m) => ({ default: m.MyCasesPage })));
const FeedbackPublishedPage = lazy(() => import('./feedback/FeedbackPages').then((m) => ({ default: m.PublishedPage })));
const ZaloLinkPage = lazy(() => import('./mine/ZaloLinkPage'));
const PublicResultsPage = lazy(() => import('./pages/PublicResultsPage'));

export function App() {
  const [user, setUser] = useState<Actor | null>(null);
  const [checked, setChecked] = useState(false);

  useEffect(() => {
    api
      .get<MeResponse>('/api/v1/auth/me', { noReauth: true })
      .then(({ data }) => {
        if (data.user.kind === 'citizen') {
          setCsrfToken(data.csrf_token);
          setUser(data.user);
        }
      })
      .catch(() => setCsrfToken(null))
      .finally(() => setChecked(true));
  }, []);

  // A session that ends while the citizen works: drafts are on the device, so the login page
  // (which brings them back where they were) loses nothing.
  useEffect(() => {
    if (!user) return;
    setReauthHandler(async () => {
      setUser(null);
      setCsrfToken(null);
      navigate(loginHref(location.pathname + location.search), false);
      return false;
    });
    return () => setReauthHandler(null);
  }, [user]);

  const signIn = useCallback((u: Actor, csrf: string) => {
    setCsrfToken(csrf);
    setUser(u);
  }, []);
  const signOut = useCallback(async () => {
    let providerLogout: string | undefined;
    try {
      // A VNeID session answers where to end the provider's session too (RP-initiated logout).
      const r = await api.post<{ end_session_url?: string } | null>('/api/v1/auth/logout', undefined, { noReauth: true });
      providerLogout = r?.data?.end_session_url;
    } catch {
      /* already gone */
    }
    setCsrfToken(null);
    setUser(null);
    if (providerLogout) window.location.assign(providerLogout);
    else navigate('/');
  }, []);
  const session = useMemo<CitizenSession>(() => ({ user, signIn, signOut }), [user, signIn, signOut]);

  return (
    <SessionContext.Provider value={session}>
      <a className="skip-link" href="#main">
        Bỏ qua, đến nội dung chính
      </a>
      <Header />
      <main id="main" tabIndex={-1} className="main">
        <Routes checked={checked} />
      </main>
      <footer className="footer">
        <p>Cổng dịch vụ công tỉnh Quảng Ngãi — dữ liệu trình diễn.</p>
        <p>
          Cán bộ, công chức: <a href="/staff">đăng nhập hệ thống Một cửa điện tử</a>.
        </p>
      </footer>
    </SessionContext.Provider>
  );
}

function Header() {
  const { pathname } = useLocation();
  const { user, signOut } = useCitizen();
  const cur = (p: string) => (pathname === p || (p !== '/' && pathname.startsWith(`${p}/`)) ? 'page' : undefined);
  return (
    <header className="header">
      <div className="header-inner">
        <A className="brand" href="/">
          <span className="brand-mark" aria-hidden="true">
            ★
          </span>
          <span>
            <span className="brand-name">Cổng dịch vụ công</span>
            <span className="brand-sub">Tỉnh Quảng Ngãi</span>
          </span>
        </A>
        <nav aria-label="Chức năng chính" className="nav portal-nav">
          <ul>
            <li>
              <A href="/thu-tuc" aria-current={cur('/thu-tuc')}>
                Thủ tục
              </A>
            </li>
            <li>
              <A href="/ho-so-cua-toi" aria-current={cur('/ho-so-cua-toi')}>
                Hồ sơ của tôi
              </A>
            </li>
            <li>
              <a href="/tra-cuu">Tra cứu hồ sơ</a>
            </li>
            <li>
              <A href="/phan-anh-kien-nghi" aria-current={cur('/phan-anh-kien-nghi')}>
                Phản ánh, kiến nghị
              </A>
            </li>
            <li>
              <A href="/cong-khai" aria-current={cur('/cong-khai')}>
                Kết quả giải quyết
              </A>
            </li>
          </ul>
        </nav>
        <div className="user portal-user">
          {user ? (
            <>
              <span className="user-name">{user.full_name}</span>
              <button type="button" className="btn btn-secondary btn-small" onClick={() => void signOut()}>
                Đăng xuất
              </button>
            </>
          ) : (
            pathname !== '/dang-nhap' && (
              <A className="btn btn-secondary btn-small" href={loginHref(pathname + location.search)}>
                Đăng nhập
              </A>
            )
          )}
        </div>
      </div>
    </header>
  );
}


function Lazy({ children }: { children: React.ReactNode }) {
  return <Suspense fallback={<Loading label="Đang tải trang…" />}>{children}</Suspense>;
}

// Public pages render at once (no wait for the session check: one round trip less on a slow
// network); a citizen's pages wait for it.
function Routes({ checked }: { checked: boolean }) {
  const { pathname } = useLocation();
  const { user } = useCitizen();
  if (pathname === '/') return <HomePage />;
  if (pathname === '/thu-tuc') return <CataloguePage />;
  if (pathname === '/dang-nhap') return checked ? <LoginPage /> : <Loading />;
  let m = /^\/thu-tuc\/([^/]+)$/.exec(pathname);
  if (m) return <ProcedurePage key={m[1]} id={decodeURIComponent(m[1])} />;
  m = /^\/danh-gia\/([^/]+)$/.exec(pathname);
  if (m) return <RatingLinkPage key={m[1]} token={decodeURIComponent(m[1])} />;
  if (pathname === '/cong-khai')
    return (
      <Lazy>
        <PublicResultsPage />
      </Lazy>
    );
  if (pathname === '/phan-anh-kien-nghi')
    return (
      <Lazy>
        <FeedbackPublishedPage />
      </Lazy>
    );
  // Filing needs the session check first (a signed-in citizen files with their CSRF token).
  if (pathname === '/phan-anh-kien-nghi/gui')
    return checked ? (
      <Lazy>
        <FeedbackFilePage />
      </Lazy>
    ) : (
      <Loading label="Đang kiểm tra đăng nhập…" />
    );
  // Everything below belongs to a citizen: the login page first, then back here.
  const mine =
    pathname.startsWith('/nop-ho-so/') || pathname.startsWith('/ho-so-cua-toi') || pathname === '/kho-du-lieu' || pathname === '/phan-anh-cua-toi';
  if (mine && !checked) return <Loading label="Đang kiểm tra đăng nhập…" />;
  if (mine && !user) return <LoginPage required />;
  m = /^\/nop-ho-so\/([^/]+)$/.exec(pathname);
  if (m)
    return (
      <Lazy>
        <FilingPage key={m[1]} procedureId={decodeURIComponent(m[1])} />
      </Lazy>
    );
  if (pathname === '/ho-so-cua-toi')
    return (
      <Lazy>
        <MyDossiersPage />
      </Lazy>
    );
  if (pathname === '/ho-so-cua-toi/nhan-thong-bao')
    return (
      <Lazy>
        <NotificationSettingsPage />
      </Lazy>
    );
  if (pathname === '/ho-so-cua-toi/lien-ket-zalo')
    return (
      <Lazy>
        <ZaloLinkPage />
      </Lazy>
    );
  m = /^\/ho-so-cua-toi\/([^/]+)$/.exec(pathname);
  if (m)
    return (
      <Lazy>
        <MyDossierPage key={m[1]} id={decodeURIComponent(m[1])} />
      </Lazy>
    );
  if (pathname === '/phan-anh-cua-toi')
    return (
      <Lazy>
        <FeedbackMinePage />
      </Lazy>
    );
  if (pathname === '/kho-du-lieu')
    return (
      <Lazy>
        <MyDocumentsPage />
      </Lazy>
    );
  return (
    <div className="page">
      <PageTitle title="Không tìm thấy trang">Không tìm thấy trang</PageTitle>
      <p>
        Địa chỉ này không có trên Cổng dịch vụ công. <A href="/">Về trang chủ</A>
      </p>
    </div>
  );
}

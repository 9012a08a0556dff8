import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, setCsrfToken, setReauthHandler } from '../ui/api';
import { ErrorBox, Link, Loading, PageTitle } from '../ui/components';
import { useLocation } from '../ui/router';
import type { Actor, MeResponse } from '../ui/types';
import { clearCatalogCache } from './catalog';
import { DossierPage } from './DossierPage';
import { LoginPage, ReloginDialog } from './Login';
import { QueuesPage } from './QueuesPage';
import { ReceptionPage } from './ReceptionPage';
import { may, SessionContext } from './session';

// The administration screens are a separate chunk, fetched only when opened.
const AdminRoutes = lazy(() => import('./admin/AdminRoutes'));
const PasswordPage = lazy(() => import('./PasswordPage'));
const RegisterPage = lazy(() => import('./RegisterPage'));
const FeedbackListPage = lazy(() => import('./FeedbackPages').then((m) => ({ default: m.FeedbackListPage })));
const FeedbackCasePage = lazy(() => import('./FeedbackPages').then((m) => ({ default: m.FeedbackCasePage })));
const EvaluationPage = lazy(() => import('./EvaluationPage'));
const ReviewPage = lazy(() => import('./ReviewPage'));
const ReportsPage = lazy(() => import('./ReportsPage'));
const KpiPage = lazy(() => import('./kpi/KpiPage'));
const FeedbackFiguresPage = lazy(() => import('./kpi/FeedbackFiguresPage'));

type Boot = { state: 'loading' } | { state: 'out'; notice?: string } | { state: 'in'; user: Actor } | { state: 'error'; error: unknown };

export function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [relogin, setRelogin] = useState<{ username: string } | null>(null);
  const reloginResolve = useRef<((ok: boolean) => void) | null>(null);

  const restore = useCallback(async () => {
    setBoot({ state: 'loading' });
    try {
      const { data } = await api.get<MeResponse>('/api/v1/auth/me', { noReauth: true });
      if (data.user.kind !== 'staff') {
        setBoot({ state: 'out', notice: 'Trang này dành cho cán bộ. Vui lòng đăng nhập bằng tài khoản cán bộ.' });
        return;
      }
      setCsrfToken(data.csrf_token);
      setBoot({ state: 'in', user: data.user });
    } catch (e) {
      const status = (e as { status?: number }).status;
      if (status === 401) {
        setCsrfToken(null);
        setBoot({ state: 'out' });
      } else setBoot({ state: 'error', error: e });
    }
  }, []);

  useEffect(() => {
    void restore();
  }, [restore]);

  const user = boot.state === 'in' ? boot.user : null;

  // While logged in, a 401 opens the re-login dialog; the request is retried after.
  useEffect(() => {
    if (!user) {
      setReauthHandler(null);
      return;
    }
    setReauthHandler(
      () =>
        new Promise<boolean>((resolve) => {
          reloginResolve.current = resolve;
          setRelogin({ username: user.username });
        }),
    );
    return () => setReauthHandler(null);
  }, [user]);

  const onRelogin = (u: Actor | null) => {
    setRelogin(null);
    if (u) {
      clearCatalogCache();
      setBoot({ state: 'in', user: u });
    }
    reloginResolve.current?.(!!u);
    reloginResolve.current = null;
  };

  const logout = useCallback(async () => {
    try {
      await api.post('/api/v1/auth/logout', undefined, { noReauth: true });
    } catch {
      /* the session may already be gone: log out locally anyway */
    }
    setCsrfToken(null);
    clearCatalogCache();
    setBoot({ state: 'out', notice: 'Bạn đã đăng xuất.' });
  }, []);

  const session = useMemo(() => (user ? { user, logout } : null), [user, logout]);

  return (
    <>
      <a className="skip-link" href="#main">
        Bỏ qua, đến nội dung chính
      </a>
      <Header user={user} onLogout={logout} />
      <main id="main" tabIndex={-1} className="main">
        {boot.state === 'loading' && <Loading label="Đang kiểm tra phiên đăng nhập…" />}
        {boot.state === 'error' && (
          <div className="page">
            <PageTitle title="Lỗi kết nối">Không kết nối được máy chủ</PageTitle>
            <ErrorBox error={boot.error} />
            <button type="button" className="btn btn-primary" onClick={() => void restore()}>
              Thử lại
            </button>
          </div>
        )}
        {boot.state === 'out' && (
          <LoginPage
            notice={boot.notice}
            onLoggedIn={(u) => {
              clearCatalogCache();
              setBoot({ state: 'in', user: u });
            }}
          />
        )}
        {session && (
          <SessionContext.Provider value={session}>
            <Routes />
          </SessionContext.Provider>
        )}
      </main>
      <footer className="footer">
        <p>Hệ thống Một cửa điện tử tỉnh Quảng Ngãi — dữ liệu trình diễn.</p>
      </footer>
      {relogin && <ReloginDialog username={relogin.username} onDone={onRelogin} />}
    </>
  );
}

function Header({ user, onLogout }: { user: Actor | null; onLogout: () => void }) {
  const { pathname } = useLocation();
  const canReceive = may(user, 'receive');
  const canAdmin = may(user, 'administration');
  const canRegister = user ? user.grants.length > 0 : false;
  const canEvaluate = may(user, 'evaluate');
  const canReview = may(user, 'review_procedures');
  const roles = user ? Array.from(new Set(user.grants.map((g) => g.role_label))).join(', ') : '';
  return (
    <header className="header">
      <div className="header-inner">
        <Link className="brand" href="/staff">
          <span className="brand-mark" aria-hidden="true">★</span>
          <span>
            <span className="brand-name">Một cửa điện tử</span>
            <span className="brand-sub">Cán bộ tiếp nhận và giải quyết</span>
          </span>
        </Link>
        {user && (
          <>
            <nav aria-label="Chức năng chính" className="nav">
              <ul>
                <li>
                  <Link href="/staff" aria-current={pathname === '/staff' ? 'page' : undefined}>
                    Hàng đợi hồ sơ
                  </Link>
                </li>
                {canReceive && (
                  <li>
                    <Link href="/staff/tiep-nhan" aria-current={pathname === '/staff/tiep-nhan' ? 'page' : undefined}>
                      Tiếp nhận hồ sơ
                    </Link>
                  </li>
                )}
                {canRegister && (
                  <li>
                    <Link href="/staff/so-theo-doi" aria-current={pathname === '/staff/so-theo-doi' ? 'page' : undefined}>
                      Sổ theo dõi hồ sơ
                    </Link>
                  </li>
                )}
                {may(user, 'feedback_cases') && (
                  <li>
                    <Link href="/staff/phan-anh" aria-current={pathname.startsWith('/staff/phan-anh') ? 'page' : undefined}>
                      Phản ánh, kiến nghị
                    </Link>
                  </li>
                )}
                {may(user, 'feedback_figures') && (
                  <li>
                    <Link href="/staff/so-lieu-phan-anh" aria-current={pathname === '/staff/so-lieu-phan-anh' ? 'page' : undefined}>
                      Số liệu phản ánh
                    </Link>
                  </li>
                )}
                {canEvaluate && (
                  <li>
                    <Link href="/staff/danh-gia" aria-current={pathname.startsWith('/staff/danh-gia') ? 'page' : undefined}>
                      Đánh giá
                    </Link>
                  </li>
                )}
                {may(user, 'read_kpi') && (
                  <li>
                    <Link href="/staff/chi-so" aria-current={pathname.startsWith('/staff/chi-so') ? 'page' : undefined}>
                      Chỉ số
                    </Link>
                  </li>
                )}
                {canReview && (
                  <li>
                    <Link href="/staff/ra-soat" aria-current={pathname === '/staff/ra-soat' ? 'page' : undefined}>
                      Rà soát TTHC
                    </Link>
                  </li>
                )}
                {may(user, 'reports') && (
                  <li>
                    <Link href="/staff/bao-cao" aria-current={pathname === '/staff/bao-cao' ? 'page' : undefined}>
                      Báo cáo định kỳ
                    </Link>
                  </li>
                )}
                {canAdmin && (
                  <li>
                    <Link href="/staff/quan-tri" aria-current={pathname.startsWith('/staff/quan-tri') ? 'page' : undefined}>
                      Quản trị
                    </Link>
                  </li>
                )}
              </ul>
            </nav>
            <div className="user">
              <span className="user-name">{user.full_name}</span>
              <span className="user-role">{roles}</span>
              <Link href="/staff/doi-mat-khau" className="header-link" aria-current={pathname === '/staff/doi-mat-khau' ? 'page' : undefined}>
                Đổi mật khẩu
              </Link>
              <button type="button" className="btn btn-secondary btn-small" onClick={onLogout}>
                Đăng xuất
              </button>
            </div>
          </>
        )}
      </div>
    </header>
  );
}

function Routes() {
  const { pathname } = useLocation();
  if (pathname === '/staff' || pathname === '/staff/hang-doi') return <QueuesPage />;
  if (pathname === '/staff/tiep-nhan') return <ReceptionPage />;
  if (pathname === '/staff/doi-mat-khau')
    return (
      <Suspense fallback={<Loading label="Đang tải…" />}>
        <PasswordPage />
      </Suspense>
    );
  if (pathname === '/staff/so-theo-doi')
    return (
      <Suspense fallback={<Loading label="Đang tải…" />}>
        <RegisterPage />
      </Suspense>
    );
  if (pathname === '/staff/phan-anh')
    return (
      <Suspense fallback={<Loading label="Đang tải…" />}>
        <FeedbackListPage />
      </Suspense>
    );
  const fb = /^\/staff\/phan-anh\/([^/]+)$/.exec(pathname);
  if (fb)
    return (
      <Suspense fallback={<Loading label="Đang tải…" />}>
        <FeedbackCasePage key={fb[1]} id={decodeURIComponent(fb[1])} />
      </Suspense>
    );
  if (pathname === '/staff/danh-gia' || pathname.startsWith('/staff/danh-gia/'))
    return (
      <Suspense fallback={<Loading label="Đang tải…" />}>
        <EvaluationPage />
      </Suspense>
    );
  if (pathname === '/staff/bao-cao')
    return (
      <Suspense fallback={<Loading label="Đang tải…" />}>
        <ReportsPage />
      </Suspense>
    );
  if (pathname === '/staff/so-lieu-phan-anh')
    return (
      <Suspense fallback={<Loading label="Đang tải…" />}>
        <FeedbackFiguresPage />
      </Suspense>
    );
  if (pathname === '/staff/chi-so' || pathname === '/staff/chi-so/ho-so')
    return (
      <Suspense fallback={<Loading label="Đang tải…" />}>
        <KpiPage />
      </Suspense>
    );
  if (pathname === '/staff/ra-soat')
    return (
      <Suspense fallback={<Loading label="Đang tải…" />}>
        <ReviewPage />
      </Suspense>
    );
  const m = /^\/staff\/ho-so\/([^/]+)$/.exec(pathname);
  if (m) return <DossierPage key={m[1]} id={decodeURIComponent(m[1])} />;
  if (pathname === '/staff/quan-tri' || pathname.startsWith('/staff/quan-tri/'))
    return (
      <Suspense fallback={<Loading label="Đang tải chức năng quản trị…" />}>
        <AdminRoutes />
      </Suspense>
    );
  return (
    <div className="page">
      <PageTitle title="Không tìm thấy trang">Không tìm thấy trang</PageTitle>
      <p>
        Địa chỉ này không có trong ứng dụng. <Link href="/staff">Về hàng đợi hồ sơ</Link>
      </p>
    </div>
  );
}

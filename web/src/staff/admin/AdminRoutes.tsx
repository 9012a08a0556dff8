// Administration screens, loaded on demand (React.lazy): counter staff never download them.
import { Link, PageTitle } from '../../ui/components';
import { useLocation } from '../../ui/router';
import { hasRole, useSession } from '../session';
import { CalendarPage } from './CalendarPage';

export default function AdminRoutes() {
  const { pathname } = useLocation();
  const { user } = useSession();
  if (!hasRole(user, ['province_admin', 'unit_admin', 'province_monitor'])) {
    return (
      <div className="page">
        <PageTitle title="Không có quyền">Không có quyền quản trị</PageTitle>
        <p>
          Tài khoản của bạn không có quyền quản trị. <Link href="/staff">Về hàng đợi hồ sơ</Link>
        </p>
      </div>
    );
  }
  if (pathname === '/staff/quan-tri/lich-lam-viec') return <CalendarPage />;
  return <AdminHome />;
}

function AdminHome() {
  const { user } = useSession();
  const province = hasRole(user, ['province_admin', 'province_monitor']);
  return (
    <div className="page">
      <PageTitle title="Quản trị">Quản trị</PageTitle>
      {province ? (
        <ul className="admin-menu">
          <li>
            <Link href="/staff/quan-tri/lich-lam-viec" className="admin-link">
              <span className="admin-link-title">Lịch làm việc</span>
              <span className="muted">Ngày nghỉ lễ, ngày nghỉ bù, ngày làm bù của tỉnh và lịch sử thay đổi.</span>
            </Link>
          </li>
        </ul>
      ) : (
        <p className="muted">Chưa có chức năng quản trị nào dành cho quản trị đơn vị.</p>
      )}
    </div>
  );
}

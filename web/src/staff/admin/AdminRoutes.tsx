// Administration screens, loaded on demand (React.lazy): counter staff never download them.
import { Link, PageTitle } from '../../ui/components';
import { useLocation } from '../../ui/router';
import { may, useSession } from '../session';
import { CalendarPage } from './CalendarPage';
import { NationalPage } from './NationalPage';
import { OrgPage } from './OrgPage';
import { ProceduresPage } from './ProceduresPage';
import { StaffPage } from './StaffPage';

export default function AdminRoutes() {
  const { pathname } = useLocation();
  const { user } = useSession();
  if (!may(user, 'administration')) {
    return (
      <div className="page">
        <PageTitle title="Không có quyền">Không có quyền quản trị</PageTitle>
        <p>
          Tài khoản của bạn không có quyền quản trị. <Link href="/staff">Về hàng đợi hồ sơ</Link>
        </p>
      </div>
    );
  }
  const canStaff = may(user, 'manage_staff');
  if (pathname === '/staff/quan-tri/lich-lam-viec' && may(user, 'read_calendar')) return <CalendarPage />;
  if (pathname === '/staff/quan-tri/can-bo' && canStaff) return <StaffPage />;
  if (pathname === '/staff/quan-tri/thu-tuc') return <ProceduresPage />;
  if (pathname === '/staff/quan-tri/co-quan-don-vi' && may(user, 'read_organisation')) return <OrgPage />;
  if (pathname === '/staff/quan-tri/cong-quoc-gia' && may(user, 'change_procedures')) return <NationalPage />;
  return <AdminHome />;
}

function AdminHome() {
  const { user } = useSession();
  const province = may(user, 'read_organisation');
  const canStaff = may(user, 'manage_staff');
  return (
    <div className="page">
      <PageTitle title="Quản trị">Quản trị</PageTitle>
      <ul className="admin-menu">
        {canStaff && (
          <li>
            <Link href="/staff/quan-tri/can-bo" className="admin-link">
              <span className="admin-link-title">Cán bộ và phân quyền</span>
              <span className="muted">Tài khoản cán bộ, vai trò tại từng cơ quan, khóa tài khoản.</span>
            </Link>
          </li>
        )}
        <li>
          <Link href="/staff/quan-tri/thu-tuc" className="admin-link">
            <span className="admin-link-title">Thủ tục hành chính</span>
            <span className="muted">Các phiên bản thủ tục, quy trình nội bộ và thời hạn giải quyết.</span>
          </Link>
        </li>
        {province && (
          <li>
            <Link href="/staff/quan-tri/co-quan-don-vi" className="admin-link">
              <span className="admin-link-title">Cơ quan và đơn vị hành chính</span>
              <span className="muted">Cơ quan và mã định danh, đơn vị hành chính, sáp nhập, chia tách, đổi tên.</span>
            </Link>
          </li>
        )}
        {may(user, 'change_procedures') && (
          <li>
            <Link href="/staff/quan-tri/cong-quoc-gia" className="admin-link">
              <span className="admin-link-title">Cổng Dịch vụ công quốc gia</span>
              <span className="muted">Hồ sơ chưa đồng bộ và gửi lại; thay đổi của danh mục thủ tục quốc gia.</span>
            </Link>
          </li>
        )}
        {province && (
          <li>
            <Link href="/staff/quan-tri/lich-lam-viec" className="admin-link">
              <span className="admin-link-title">Lịch làm việc</span>
              <span className="muted">Ngày nghỉ lễ, ngày nghỉ bù, ngày làm bù của tỉnh và lịch sử thay đổi.</span>
            </Link>
          </li>
        )}
      </ul>
    </div>
  );
}

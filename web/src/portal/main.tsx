import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../ui/styles.css';
import { TrainingBanner } from '../ui/TrainingBanner';

// Placeholder until the citizen portal is built: public dossier tracking already works.
function Portal() {
  return (
    <>
      <a className="skip-link" href="#main">
        Bỏ qua, đến nội dung chính
      </a>
      <header className="header">
        <div className="header-inner">
          <a className="brand" href="/">
            <span className="brand-mark" aria-hidden="true">★</span>
            <span>
              <span className="brand-name">Cổng dịch vụ công</span>
              <span className="brand-sub">Tỉnh Quảng Ngãi</span>
            </span>
          </a>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="main">
        <div className="page">
          <h1 className="page-title">Cổng dịch vụ công trực tuyến sắp ra mắt</h1>
          <div className="card">
            <p>
              Người dân và doanh nghiệp sẽ sớm nộp hồ sơ thủ tục hành chính trực tuyến tại đây. Trong thời gian này, vui lòng nộp hồ sơ trực tiếp
              tại Bộ phận Một cửa hoặc qua dịch vụ bưu chính công ích.
            </p>
            <p>
              <a className="btn btn-primary" href="/tra-cuu">
                Tra cứu tình trạng hồ sơ
              </a>
            </p>
            <p className="muted">Cán bộ, công chức: <a href="/staff">đăng nhập hệ thống Một cửa điện tử</a>.</p>
          </div>
        </div>
      </main>
      <footer className="footer">
        <p>Hệ thống Một cửa điện tử tỉnh Quảng Ngãi — dữ liệu trình diễn.</p>
      </footer>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TrainingBanner />
    <Portal />
  </StrictMode>,
);

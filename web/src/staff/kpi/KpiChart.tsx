// One bar chart (chart.js, loaded only with the dashboard's lazy chunk). The canvas is hidden from
// assistive technology: the figures are in the table the caller gives as `children`.
import { useEffect, useRef } from 'react';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface Series {
  label: string;
  values: number[];
  color: string;
}

export default function KpiChart({ title, labels, series, children }: { title: string; labels: string[]; series: Series[]; children: React.ReactNode }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: { labels, datasets: series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.color })) },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: 'bottom' } },
        locale: 'vi-VN',
      },
    });
    return () => chart.destroy();
  }, [labels, series]);
  return (
    <figure className="kpi-chart">
      <figcaption>{title}</figcaption>
      <div className="kpi-chart-canvas">
        <canvas ref={canvas} role="img" aria-label={`${title}. Số liệu chi tiết ở bảng ngay dưới biểu đồ.`} />
      </div>
      <details className="kpi-chart-table" open>
        <summary>Bảng số liệu của biểu đồ</summary>
        {children}
      </details>
    </figure>
  );
}

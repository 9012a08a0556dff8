import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// Two single-page apps built together: /staff (officials) and / (citizen portal).
// Output: dist/staff/index.html, dist/portal/index.html and content-hashed files in
// dist/assets/ (flat: the server serves /assets/{file} only). The server's CSP is
// `default-src 'self'`: no inline scripts or styles and no data: URLs, hence
// assetsInlineLimit 0 and no style attributes anywhere in the apps.
const api = process.env.MOTCUA_API ?? 'http://127.0.0.1:8080';

// Development only: deep links of the staff app (/staff/ho-so/…) get its index.html, as the
// server does in production.
const staffFallback: Plugin = {
  name: 'motcua-staff-fallback',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      if (req.url && /^\/staff(\/[^.]*)?(\?.*)?$/.test(req.url)) req.url = '/staff/index.html';
      next();
    });
  },
};

export default defineConfig({
  base: '/',
  plugins: [react(), staffFallback],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2020',
    sourcemap: false,
    rollupOptions: {
      input: {
        staff: resolve(__dirname, 'staff/index.html'),
        portal: resolve(__dirname, 'portal/index.html'),
        // The rating kiosk at a desk (src/kiosk): full screen on a tablet, no login.
        kiosk: resolve(__dirname, 'kiosk/index.html'),
      },
      output: {
        // React in its own long-lived chunk, shared by both apps; chart.js (and its colour helper)
        // only in the dashboard's lazy chunk, never in what the other pages load.
        manualChunks: (id) =>
          /node_modules\/(chart\.js|@kurkle)\//.test(id) ? 'charts' : id.includes('node_modules') ? 'vendor' : undefined,
      },
    },
  },
  server: {
    // Development only: the API and public tracking pages come from a running motcua.
    proxy: {
      '/api': api,
      '/tra-cuu': api,
    },
  },
});

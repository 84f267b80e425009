import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

/**
 * The SPA build. The Worker serves `dist/web` as static assets with a single-page-application
 * fallback, so no dev-server proxy is needed: run `npm run build` and `wrangler dev`.
 */
export default defineConfig({
  root: "web",
  // web/public/_headers: the assets caching rule, copied to dist/web as is.
  publicDir: "public",
  plugins: [preact()],
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    target: "es2022",
    // Budget: the initial route must stay ≤ 120 KB gzipped; heavy pages are lazy chunks.
    chunkSizeWarningLimit: 400,
    reportCompressedSize: true,
  },
});

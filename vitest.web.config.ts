import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** Web unit tests: components, pages and client libraries in happy-dom, JSX compiled for Preact. */
export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  resolve: {
    alias: [
      // See the shim: React Flow's store must see the same Preact as the components under test.
      { find: /^use-sync-external-store\/shim\/with-selector(\.js)?$/, replacement: fileURLToPath(new URL("test/web/shims/with-selector.ts", import.meta.url)) },
      { find: "react", replacement: "preact/compat" },
      { find: "react-dom", replacement: "preact/compat" },
      { find: "react/jsx-runtime", replacement: "preact/jsx-runtime" },
    ],
  },
  test: {
    include: ["test/web/**/*.test.{ts,tsx}"],
    environment: "happy-dom",
    setupFiles: ["test/web/setup.ts"],
    restoreMocks: true,
    // Transformed by Vite (not loaded by Node), so the aliases above apply inside React Flow too.
    server: { deps: { inline: [/@xyflow/, /zustand/] } },
  },
});

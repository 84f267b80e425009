import { defineConfig } from "vitest/config";

/** Web unit tests: components, pages and client libraries in happy-dom, JSX compiled for Preact. */
export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  resolve: {
    alias: {
      react: "preact/compat",
      "react-dom": "preact/compat",
      "react/jsx-runtime": "preact/jsx-runtime",
    },
  },
  test: {
    include: ["test/web/**/*.test.{ts,tsx}"],
    environment: "happy-dom",
    setupFiles: ["test/web/setup.ts"],
    restoreMocks: true,
  },
});

import { defineConfig } from "vitest/config";

/** Pure unit tests (engine, nodes, libraries): plain Node, no workerd. */
export default defineConfig({
  test: {
    include: ["test/unit/**/*.test.ts"],
    environment: "node",
  },
});

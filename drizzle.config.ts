import { defineConfig } from "drizzle-kit";

/** drizzle-kit writes SQL migrations into migrations/, which wrangler applies to D1. */
export default defineConfig({
  dialect: "sqlite",
  schema: "./worker/db/schema/index.ts",
  out: "./migrations",
});

// Reads the CRM fixtures copied into test/fixtures (the formats are described in its README.md).
import { readFileSync } from "node:fs";

const root = new URL("../fixtures/", import.meta.url);

/** Parsed JSON of `test/fixtures/<path>`. */
export function fixture(path) {
  return JSON.parse(readFileSync(new URL(path, root), "utf8"));
}

/** Exact text of `test/fixtures/<path>` (for signing: the bytes that are signed are the bytes sent). */
export function fixtureText(path) {
  return readFileSync(new URL(path, root), "utf8");
}

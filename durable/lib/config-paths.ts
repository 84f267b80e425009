/** The run-data paths a node's config reads: template names, rule fields and mapped paths. */
import { templateNames } from "./template";

/** Keys whose string values are paths rather than templates. */
const PATH_KEYS = new Set(["field", "until", "saveAs"]);
const PATH_CONTAINERS = new Set(["mapping", "editableFields"]);

function collect(value: unknown, key: string, inPaths: boolean, out: Set<string>): void {
  if (typeof value === "string") {
    if (inPaths || PATH_KEYS.has(key)) out.add(value);
    else if (value.includes("{{")) templateNames(value).forEach((n) => out.add(n));
  } else if (Array.isArray(value)) {
    value.forEach((v) => collect(v, key, inPaths, out));
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) collect(v, k, inPaths || PATH_CONTAINERS.has(k), out);
  }
}

/** Every path `config` refers to, once each, in first-seen order. */
export function configPaths(config: unknown): string[] {
  const out = new Set<string>();
  collect(config, "", false, out);
  return [...out];
}

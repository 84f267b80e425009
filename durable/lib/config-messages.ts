/**
 * Problems in a node's config, said the way the inspector labels the field. zod's own messages
 * ("Invalid input: expected string, received undefined") are right but read like a stack trace to
 * an admin who simply has not picked a connector yet; a missing or empty field becomes
 * "<Title> is required", with the title the schema gives the field (`.meta({ title })`).
 */
import { z } from "zod";

type AnySchema = z.ZodType;

/** The schema of the field at `path` inside `schema` (through optionals, objects, arrays, records). */
function fieldAt(schema: AnySchema | undefined, path: readonly PropertyKey[]): AnySchema | undefined {
  let s: AnySchema | undefined = schema;
  for (const key of path) {
    s = unwrap(s);
    if (!s) return undefined;
    const def = (s as { def?: { type?: string; shape?: Record<string, AnySchema>; element?: AnySchema; valueType?: AnySchema } }).def;
    if (def?.type === "object") s = def.shape?.[String(key)];
    else if (def?.type === "array") s = def.element;
    else if (def?.type === "record") s = def.valueType;
    else return undefined;
  }
  return s;
}

/** Through optional, nullable and default wrappers, stopping at the first that carries a title. */
function unwrap(s: AnySchema | undefined): AnySchema | undefined {
  let cur = s;
  while (cur && !titleOf(cur)) {
    const def = (cur as { def?: { type?: string; innerType?: AnySchema } }).def;
    if (def?.type !== "optional" && def?.type !== "nullable" && def?.type !== "default") break;
    cur = def.innerType;
  }
  return cur;
}

function titleOf(s: AnySchema | undefined): string | undefined {
  if (!s) return undefined;
  const title = z.globalRegistry.get(s)?.title;
  return typeof title === "string" && title ? title : undefined;
}

/** "stageIds" → "Stage ids", for fields without a title. */
function humanise(key: PropertyKey | undefined): string {
  const words = String(key ?? "This field").replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The message to show for one issue of `schema` (a node type's config). */
export function configMessage(schema: AnySchema, issue: z.core.$ZodIssue): string {
  const missing = issue.code === "invalid_type" && (issue as { input?: unknown }).input === undefined;
  const empty = issue.code === "too_small" && issue.origin === "string" && Number(issue.minimum) <= 1;
  if (!missing && !empty) return issue.message;
  const field = fieldAt(schema, issue.path);
  const title = titleOf(unwrap(field)) ?? humanise(issue.path.at(-1));
  return `${title} is required`;
}

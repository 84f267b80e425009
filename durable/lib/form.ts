/**
 * Typed forms for human tasks (data entry, AE handoff): the field schema authors configure, and the
 * check that runs when someone submits — in the queue or on the external handoff page.
 */
import { z } from "zod";
import { earliestToday, isIsoDate, isoDay, parseDate } from "./dates";
import { maxLengthOf, MAX_TEXT } from "./field-limits";

/** Field types a form can ask for (API.md `Field`). */
export const FIELD_TYPES = ["text", "textarea", "number", "email", "select", "multiselect", "date", "checkbox", "user"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Field keys become run-data path segments (`steps.handoff.data.<key>`), so they stay identifiers. */
const FIELD_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** One form field as configured on a node. `options` is required for select and multiselect. */
export const FieldSchema = z
  .object({
    key: z.string().regex(FIELD_KEY, "Use letters, digits and _ (not starting with a digit)").max(64),
    label: z.string().min(1).max(200),
    type: z.enum(FIELD_TYPES),
    required: z.boolean().optional(),
    options: z.array(z.string().min(1).max(200)).max(200).optional(),
    help: z.string().max(500).optional(),
    /** Text, long text, e-mail and person fields: the longest answer taken (default per type, see field-limits). */
    maxLength: z.number().int().min(1).max(MAX_TEXT).optional(),
    /** Date fields: "today" refuses days already past (e.g. a kickoff or start date). */
    notBefore: z.literal("today").optional(),
  })
  .superRefine((field, ctx) => {
    if (field.maxLength !== undefined && maxLengthOf({ type: field.type }) === null) {
      ctx.addIssue({ code: "custom", path: ["maxLength"], message: "Only text, e-mail and person fields take a maximum length" });
    }
    if (field.notBefore !== undefined && field.type !== "date") {
      ctx.addIssue({ code: "custom", path: ["notBefore"], message: "Only date fields can refuse past days" });
    }
    if ((field.type === "select" || field.type === "multiselect") && !field.options?.length) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "A choice field needs at least one option" });
    }
  });
export type Field = z.infer<typeof FieldSchema>;

/** A list of fields whose keys are unique. */
export const FieldListSchema = z.array(FieldSchema).max(100).superRefine((fields, ctx) => {
  const seen = new Set<string>();
  fields.forEach((field, i) => {
    if (seen.has(field.key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: `Duplicate field key "${field.key}"` });
    seen.add(field.key);
  });
});

/** One refused answer (becomes a 422 detail). */
export interface FormError {
  /** The field key (or "" for the whole submission). */
  path: string;
  message: string;
}

/** The checked answers, or why they were refused. */
export type FormResult =
  | { ok: true; value: Record<string, unknown>; errors: [] }
  | { ok: false; value: Record<string, unknown>; errors: FormError[] };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The zod check of a text answer: trimmed, then at most the field's limit. */
function textSchema(field: Field) {
  const limit = maxLengthOf(field) ?? MAX_TEXT;
  return z.string().trim().max(limit, `must be at most ${limit.toLocaleString("en-US")} characters`);
}

function checkText(field: Field, text: string): { value: string } | { error: string } {
  const r = textSchema(field).safeParse(text);
  return r.success ? { value: r.data } : { error: r.error.issues[0]!.message };
}

function blank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/** Coerce one submitted value, or return an error message. */
function coerce(field: Field, raw: unknown, now: number): { value: unknown } | { error: string } {
  switch (field.type) {
    case "text":
    case "textarea":
    case "user": {
      if (typeof raw !== "string" && typeof raw !== "number") return { error: "must be text" };
      return checkText(field, String(raw));
    }
    case "email": {
      const text = typeof raw === "string" ? raw.trim() : "";
      return EMAIL.test(text) ? checkText(field, text) : { error: "must be an e-mail address" };
    }
    case "number": {
      const n = typeof raw === "number" ? raw : typeof raw === "string" ? Number(raw.trim()) : Number.NaN;
      return Number.isFinite(n) ? { value: n } : { error: "must be a number" };
    }
    case "date": {
      const ms = isIsoDate(raw) ? Date.parse(raw) : typeof raw === "string" ? parseDate(raw) : null;
      if (ms === null) return { error: "must be a date (YYYY-MM-DD)" };
      if (field.notBefore === "today" && isoDay(ms) < earliestToday(now)) return { error: "can't be in the past: choose today or a later day" };
      return { value: raw };
    }
    case "checkbox": {
      if (typeof raw === "boolean") return { value: raw };
      if (raw === "true" || raw === "on") return { value: true };
      if (raw === "false" || raw === "off") return { value: false };
      return { error: "must be true or false" };
    }
    case "select": {
      if (typeof raw !== "string") return { error: "must be one of the options" };
      return (field.options ?? []).includes(raw) ? { value: raw } : { error: `"${raw}" is not one of the options` };
    }
    case "multiselect": {
      if (!Array.isArray(raw)) return { error: "must be a list of options" };
      const unknown = raw.filter((v) => typeof v !== "string" || !(field.options ?? []).includes(v));
      if (unknown.length) return { error: `not among the options: ${unknown.map(String).join(", ")}` };
      return { value: [...new Set(raw as string[])] };
    }
    default:
      return { error: "unsupported field type" };
  }
}

/**
 * Check a submission against the form's fields. The value holds exactly the configured keys:
 * unknown keys are dropped (a form cannot inject data it did not ask for), absent optional fields
 * are `null`, and an absent checkbox is `false`. A required checkbox must be ticked. `now` is the
 * moment "today" is taken from for `notBefore` date fields. Never throws.
 */
export function validateFormData(fields: readonly Field[], data: unknown, now: number = Date.now()): FormResult {
  const errors: FormError[] = [];
  const value: Record<string, unknown> = {};
  const input = typeof data === "object" && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  if (data !== undefined && data !== null && input === null) {
    return { ok: false, value, errors: [{ path: "", message: "Form data must be an object" }] };
  }
  for (const field of fields) {
    const raw = input && Object.hasOwn(input, field.key) ? input[field.key] : undefined;
    const empty = blank(raw) || (field.type === "multiselect" && Array.isArray(raw) && raw.length === 0);
    if (empty) {
      if (field.type === "checkbox") {
        if (field.required) errors.push({ path: field.key, message: `${field.label} must be ticked` });
        value[field.key] = false;
      } else if (field.required) {
        errors.push({ path: field.key, message: `${field.label} is required` });
      } else {
        value[field.key] = field.type === "multiselect" ? [] : null;
      }
      continue;
    }
    const result = coerce(field, raw, now);
    if ("error" in result) {
      errors.push({ path: field.key, message: `${field.label} ${result.error}` });
    } else {
      if (field.type === "checkbox" && field.required && result.value !== true) {
        errors.push({ path: field.key, message: `${field.label} must be ticked` });
      }
      value[field.key] = result.value;
    }
  }
  return errors.length ? { ok: false, value, errors } : { ok: true, value, errors: [] };
}

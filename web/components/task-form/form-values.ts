/**
 * Forms rendered from a task's fields (API.md `Field`): the controls' raw values, the client-side
 * check (the same rules the server applies, so most mistakes never make a round trip), and the
 * `data` object to submit.
 */
import { maxLengthOf } from "../../../durable/lib/field-limits";
import type { QueueField } from "../../lib/api-types";

/** What each control holds: text for inputs and selects, a flag for checkboxes, a list for multiselects. */
export type FieldValue = string | boolean | string[];
export type FormValues = Record<string, FieldValue>;
export type FormErrors = Record<string, string>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function toText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

/** The starting value of one field: a review field's current value, else empty. */
export function initialValue(field: QueueField): FieldValue {
  const v = field.value;
  switch (field.type) {
    case "checkbox":
      return v === true || v === "true";
    case "multiselect":
      return Array.isArray(v) ? v.map(String) : [];
    case "date":
      return typeof v === "string" ? v.slice(0, 10) : "";
    default:
      return toText(v);
  }
}

export function initialValues(fields: readonly QueueField[]): FormValues {
  return Object.fromEntries(fields.map((f) => [f.key, initialValue(f)]));
}

function isBlank(v: FieldValue | undefined): boolean {
  if (v === undefined || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === "string" && v.trim() === "";
}

/** A real calendar day in `YYYY-MM-DD` (rejects 2026-02-30). */
export function isCalendarDay(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Today on the viewer's own calendar, `YYYY-MM-DD` (the earliest day a `notBefore: "today"` field takes). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The longest answer a field takes, or null when it takes no free text. */
export const fieldMaxLength = (field: QueueField) => maxLengthOf(field);

/**
 * The problem with one field's value, or `null`. Messages start with the label, like the server's.
 * `today` is the viewer's calendar day, for date fields that refuse past days.
 */
export function checkField(field: QueueField, value: FieldValue | undefined, today = localToday()): string | null {
  if (field.type === "checkbox") return field.required && value !== true ? `${field.label} must be ticked` : null;
  if (isBlank(value)) return field.required ? `${field.label} is required` : null;
  const text = typeof value === "string" ? value.trim() : "";
  switch (field.type) {
    case "email":
      return EMAIL.test(text) ? tooLong(field, text) : `${field.label} must be an e-mail address`;
    case "number":
      return Number.isFinite(Number(text)) ? null : `${field.label} must be a number`;
    case "date":
      if (!isCalendarDay(text)) return `${field.label} must be a date (YYYY-MM-DD)`;
      return field.notBefore === "today" && text < today ? `${field.label} can't be in the past: choose today or a later day` : null;
    case "select":
      return (field.options ?? []).includes(text) ? null : `Choose one of the options for ${field.label}`;
    case "multiselect": {
      const unknown = (Array.isArray(value) ? value : []).filter((v) => !(field.options ?? []).includes(v));
      return unknown.length ? `Not among the options: ${unknown.join(", ")}` : null;
    }
    case "text":
    case "textarea":
    case "user":
      return tooLong(field, text);
  }
}

function tooLong(field: QueueField, text: string): string | null {
  const limit = maxLengthOf(field);
  return limit !== null && text.length > limit ? `${field.label} must be at most ${limit.toLocaleString("en-US")} characters` : null;
}

/** Every field's problem, keyed by field key (empty when the form can be sent). */
export function validateValues(fields: readonly QueueField[], values: FormValues): FormErrors {
  const errors: FormErrors = {};
  for (const f of fields) {
    const problem = checkField(f, values[f.key]);
    if (problem) errors[f.key] = problem;
  }
  return errors;
}

/** One field's value as the API wants it: numbers as numbers, trimmed text, `null` for an empty optional field. */
export function submitValue(field: QueueField, value: FieldValue | undefined): unknown {
  switch (field.type) {
    case "checkbox":
      return value === true;
    case "multiselect":
      return Array.isArray(value) ? value : [];
    case "number":
      return isBlank(value) ? null : Number(String(value).trim());
    default:
      return isBlank(value) ? null : String(value).trim();
  }
}

export interface ToDataOptions {
  /**
   * Review tasks: send only the fields whose value differs from the one served, so untouched
   * fields are never "corrected" (e.g. a `null` into an empty string).
   */
  onlyChanged?: boolean;
}

/** The `data` object for `POST …/complete` or the external form. */
export function toData(fields: readonly QueueField[], values: FormValues, options: ToDataOptions = {}): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const f of fields) {
    const v = submitValue(f, values[f.key]);
    if (options.onlyChanged) {
      const before = submitValue(f, initialValue(f));
      if (JSON.stringify(before) === JSON.stringify(v)) continue;
      // A cleared text field of a review becomes "" (the server keeps the type of what was there).
      data[f.key] = v === null && f.type !== "number" ? "" : v;
      continue;
    }
    data[f.key] = v;
  }
  return data;
}

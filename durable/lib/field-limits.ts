/**
 * Limits of form answers that the server enforces and the form pages show: how long a text answer
 * may be, and the earliest day a "not before today" date field takes. Kept free of zod so the
 * SPA's first bundle can import it.
 */

/** No text answer is ever longer than this, whatever a field's config says. */
export const MAX_TEXT = 10_000;

/** A text-like field's length limit when its config sets no `maxLength`. */
export const DEFAULT_MAX_LENGTH = { text: 500, textarea: 5_000, email: 254, user: 500 } as const;

/** The length limit of a field's answer, or null for fields that take no free text. */
export function maxLengthOf(field: { type: string; maxLength?: number }): number | null {
  if (!Object.hasOwn(DEFAULT_MAX_LENGTH, field.type)) return null;
  return Math.min(field.maxLength ?? DEFAULT_MAX_LENGTH[field.type as keyof typeof DEFAULT_MAX_LENGTH], MAX_TEXT);
}

/**
 * The earliest day (`YYYY-MM-DD`) the server takes for a `notBefore: "today"` date field: the day it
 * still is somewhere on Earth (UTC-12), so that nobody's own "today" is refused whatever their time
 * zone. The form page checks against the browser's own calendar day.
 */
export function earliestToday(now: number): string {
  return new Date(now - 12 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Limits of form answers that the server enforces and the form pages show: how long a text answer
 * may be (the earliest day a "not before today" date field takes is dates.ts's earliestToday). Kept free of zod so the
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

/**
 * A write a unique index refused, turned into the caller's error (a 409 naming what is taken); any
 * other failure passes on unchanged. The index decides, so two requests writing the same value at
 * the same moment cannot both win. drizzle wraps D1's error ("Failed query: …"); D1's own message,
 * naming the constraint, is its cause.
 */
export function whenTaken(constraint: RegExp, taken: () => Error) {
  return (e: Error): never => {
    const d1Message = (e.cause as Error | undefined)?.message ?? e.message;
    throw constraint.test(d1Message) ? taken() : e;
  };
}

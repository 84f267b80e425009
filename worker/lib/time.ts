/** Times are ISO-8601 UTC strings everywhere in the API and in D1. */
export const iso = (ms: number = Date.now()) => new Date(ms).toISOString();
export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const DAY = 86_400_000;

/**
 * Dates, times, durations and money as the queue, accounts and outbox pages show them. Pure and
 * locale-aware (the browser's locale); `now` is passed in so tests and badges agree on the time.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** "Nov 28, 2026" for a calendar day (`YYYY-MM-DD`, read as UTC so it never shifts a day). */
export function formatDay(day: string | null | undefined): string {
  if (!day) return "—";
  const ms = Date.parse(day.length === 10 ? `${day}T00:00:00Z` : day);
  if (Number.isNaN(ms)) return day;
  return new Date(ms).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric", timeZone: day.length === 10 ? "UTC" : undefined });
}

/** "Fri, Nov 28" for a calendar day, with the weekday (plan timelines). */
export function formatWeekday(day: string): string {
  const ms = Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(ms)) return day;
  return new Date(ms).toLocaleDateString(undefined, { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" });
}

/**
 * "Nov 28, 2026, 14:05" in local time; with `zone`, the time zone is named ("Nov 28, 2026, 14:05
 * GMT+1") — for readers outside the team, who cannot assume whose clock a time is on.
 */
export function formatDateTime(iso: string | null | undefined, { zone = false }: { zone?: boolean } = {}): string {
  if (!iso) return "—";
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms).toLocaleString(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", ...(zone ? { timeZoneName: "short" } : {}) });
}

/** A span as "3 min", "5 h", "2 d" (rounded down, at least "1 min"). */
export function formatSpan(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < HOUR) return `${Math.max(1, Math.floor(abs / 60_000))} min`;
  if (abs < DAY) return `${Math.floor(abs / HOUR)} h`;
  return `${Math.floor(abs / DAY)} d`;
}

/** "just now", "5 min ago", "3 h ago", "2 d ago"; older than a week → the date. */
export function formatAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return "—";
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const diff = now - ms;
  if (diff < 60_000) return "just now";
  if (diff > 7 * DAY) return formatDay(iso);
  return `${formatSpan(diff)} ago`;
}

/** "$126,000" (no cents for whole amounts); `null` → "—". Unknown currency codes fall back to a plain number. */
export function formatMoney(amount: number | null | undefined, currency?: string | null): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return "—";
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: currency || "USD", maximumFractionDigits: Number.isInteger(amount) ? 0 : 2 }).format(amount);
  } catch {
    return `${amount.toLocaleString()}${currency ? ` ${currency}` : ""}`;
  }
}

/** Today as `YYYY-MM-DD` (UTC, like plan due dates). */
export function todayIso(now = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/** Connector ids as people say them. */
export function crmName(source: string | null | undefined): string {
  switch (source) {
    case "hubspot":
      return "HubSpot";
    case "salesforce":
      return "Salesforce";
    case "notion":
      return "Notion";
    case "test":
      return "Test data";
    default:
      return source ? source[0].toUpperCase() + source.slice(1) : "CRM";
  }
}

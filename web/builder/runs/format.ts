/** Times and durations as the run pages show them. */

/** `420 ms`, `3.2 s`, `4 min 10 s`, `2 h 5 min`, `3 d 4 h`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min${Math.round(s % 60) ? ` ${Math.round(s % 60)} s` : ""}`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h${m % 60 ? ` ${m % 60} min` : ""}`;
  const d = Math.floor(h / 24);
  return `${d} d${h % 24 ? ` ${h % 24} h` : ""}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** "25 Nov 2026, 09:14". */
export const formatDateTime = (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : "—");

/** "09:14:05", for steps within one run. */
export const formatClock = (iso: string | null | undefined) => (iso ? timeOnly.format(new Date(iso)) : "—");

/** "just now", "5 min ago", "3 h ago", "2 d ago", else the date. */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return "—";
  const diff = now - new Date(iso).getTime();
  if (diff < 45_000) return "just now";
  const min = Math.round(diff / 60_000);
  if (min < 60) return `${min} min ago`;
  const h = Math.round(min / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.round(h / 24);
  if (d < 14) return `${d} d ago`;
  return formatDateTime(iso);
}

/** A run's duration so far: ended runs their total, running ones up to `now`. */
export function runDuration(run: { startedAt: string; endedAt: string | null; durationMs: number | null }, now = Date.now()): number {
  if (run.durationMs !== null) return run.durationMs;
  return (run.endedAt ? new Date(run.endedAt).getTime() : now) - new Date(run.startedAt).getTime();
}

export const isLive = (status: string) => status === "running" || status === "paused";

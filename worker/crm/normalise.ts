/** Small, forgiving converters from CRM values to the normalised deal's types. */
import type { Deal } from "../../durable/types";

/** A trimmed non-empty string, or null. */
export function str(v: unknown): string | null {
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v !== "string") return null;
  const t = v.trim();
  return t ? t : null;
}

/** A finite number from a number or a numeric string ("48000", "126000.0"), or null. */
export function num(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v !== "string" || !v.trim()) return null;
  const n = Number(v.replace(/[,\s]/g, ""));
  return Number.isFinite(n) ? n : null;
}

/** `brightline.example.com` from a URL, a bare domain or an e-mail address; lower case, no `www.`. */
export function domainOf(v: unknown): string | null {
  const s = str(v);
  if (!s) return null;
  const candidate = s.includes("@") && !s.includes("/") ? s.split("@").pop()! : s;
  try {
    const host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(candidate) ? candidate : `https://${candidate}`).hostname;
    return host.toLowerCase().replace(/^www\./, "") || null;
  } catch {
    return null;
  }
}

/** The calendar date `YYYY-MM-DD` of a date or date-time (UTC), or null. */
export function dateOnly(v: unknown): string | null {
  const s = str(v);
  if (!s) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const ms = isoMs(s);
  return ms === null ? null : new Date(ms).toISOString().slice(0, 10);
}

/** Epoch ms of an ISO date-time, including Salesforce's `+0000` offsets; null when unreadable. */
export function isoMs(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  const s = str(v);
  if (!s) return null;
  const ms = Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
  return Number.isNaN(ms) ? null : ms;
}

export function fullName(first: unknown, last: unknown): string | null {
  return str([str(first), str(last)].filter(Boolean).join(" "));
}

/** A deal with every field null, for adapters to fill in. */
export function emptyDeal(source: string, objectId: string): Deal {
  return {
    source,
    objectId,
    url: null,
    name: null,
    amount: null,
    arr: null,
    currency: null,
    stage: null,
    pipeline: null,
    closeDate: null,
    plan: null,
    segment: null,
    company: { name: null, domain: null, industry: null, employees: null, country: null, region: null },
    primaryContact: { name: null, email: null },
    owner: { name: null, email: null },
    properties: {},
  };
}

/** A plain object, or null (for reading untyped JSON safely). */
export function obj(v: unknown): Record<string, unknown> | null {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

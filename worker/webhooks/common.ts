/** What the three webhook receivers share: error answers, the public URL, and a bounded body read. */

/** The API.md error shape, for receivers that answer JSON. */
export function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message, details: [] } }, { status });
}

/** HubSpot batches hold at most 100 small events; nothing legitimate comes near this. */
export const MAX_WEBHOOK_BODY = 1024 * 1024;

/** The raw body as text, or null when it is larger than `max` bytes. */
export async function readBody(req: Request, max = MAX_WEBHOOK_BODY): Promise<string | null> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > max) return null;
  const text = await req.text();
  return new TextEncoder().encode(text).length > max ? null : text;
}

/**
 * The URLs the sender may have used for this request: as received, as the configured public
 * APP_URL, and as a proxy's X-Forwarded-Proto/Host describe it. HubSpot signs the URL it called,
 * which behind a proxy or in `wrangler dev` can differ from the one the Worker sees; every
 * candidate still needs the secret, so accepting each is safe.
 */
export function publicUrls(req: Request, appUrl?: string): string[] {
  const url = new URL(req.url);
  const path = url.pathname + url.search;
  const out = new Set<string>([req.url]);
  if (appUrl) out.add(appUrl.replace(/\/+$/, "") + path);
  const host = req.headers.get("x-forwarded-host");
  if (host) out.add(`${req.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "")}://${host}${path}`);
  return [...out];
}

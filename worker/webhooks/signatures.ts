/**
 * Webhook signature checks, done on the raw body before anything parses it. Comparisons are
 * constant-time; HubSpot's timestamp must be within five minutes either way.
 */
import { hmacSha256, timingSafeEqualString, toHex } from "../lib/crypto";

/** HubSpot v3 rejects requests whose timestamp is more than 5 minutes off. */
export const HUBSPOT_MAX_SKEW_MS = 5 * 60_000;

const HUBSPOT_DECODE: Record<string, string> = {
  "%3A": ":", "%2F": "/", "%3F": "?", "%40": "@", "%21": "!", "%24": "$",
  "%27": "'", "%28": "(", "%29": ")", "%2A": "*", "%2C": ",", "%3B": ";",
};

/** HubSpot v3 percent-decodes these escapes in the URI before hashing. */
export function hubspotDecodeUri(uri: string): string {
  return uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => HUBSPOT_DECODE[m.toUpperCase()]);
}

function base64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** base64(HMAC-SHA256(client secret, method + uri + body + timestamp)). */
export async function hubspotSignatureV3(clientSecret: string, method: string, url: string, body: string, timestamp: string): Promise<string> {
  return base64(await hmacSha256(clientSecret, `${method}${hubspotDecodeUri(url)}${body}${timestamp}`));
}

export type SignatureCheck = { ok: true } | { ok: false; code: "signature_missing" | "timestamp_stale" | "signature_invalid"; message: string };

export async function verifyHubspot(input: {
  clientSecret: string;
  method: string;
  urls: string[];
  body: string;
  signature: string | null;
  timestamp: string | null;
  now?: number;
}): Promise<SignatureCheck> {
  if (!input.signature || !input.timestamp) {
    return { ok: false, code: "signature_missing", message: "The request has no X-HubSpot-Signature-v3 and X-HubSpot-Request-Timestamp headers." };
  }
  const ts = Number(input.timestamp);
  if (!/^\d{10,16}$/.test(input.timestamp) || Math.abs((input.now ?? Date.now()) - ts) > HUBSPOT_MAX_SKEW_MS) {
    return { ok: false, code: "timestamp_stale", message: "The request's timestamp is more than 5 minutes off: it may be a replay." };
  }
  let match = false;
  for (const url of input.urls) {
    const expected = await hubspotSignatureV3(input.clientSecret, input.method, url, input.body, input.timestamp);
    // Every candidate is checked, so the time taken does not say which one (if any) matched.
    if (timingSafeEqualString(expected, input.signature.trim())) match = true;
  }
  return match ? { ok: true } : { ok: false, code: "signature_invalid", message: "The HubSpot signature does not match: check the client secret on the connector." };
}

/** `sha256=` + hex(HMAC-SHA256(verification token, raw body)), compared in constant time. */
export async function verifyNotion(verificationToken: string, body: string, signature: string | null): Promise<SignatureCheck> {
  if (!signature) return { ok: false, code: "signature_missing", message: "The request has no X-Notion-Signature header." };
  const expected = `sha256=${toHex(await hmacSha256(verificationToken, body))}`;
  return timingSafeEqualString(expected, signature.trim())
    ? { ok: true }
    : { ok: false, code: "signature_invalid", message: "The Notion signature does not match the verification token this connector holds." };
}

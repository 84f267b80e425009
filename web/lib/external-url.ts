/**
 * Addresses that come from a CRM record (a deal's link, an account's source) are data, not ours:
 * only http(s) ones become links, so a record whose "url" is `javascript:…` shows no link at all.
 */
export function externalUrl(u: string | null | undefined): string | null {
  if (!u) return null;
  try {
    const parsed = new URL(u);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

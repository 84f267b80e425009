import { useLocation } from "preact-iso";
import { useLayoutEffect } from "preact/hooks";

/** Replaces the current history entry with `to` (no extra Back step). */
export function Redirect({ to }: { to: string }) {
  const { route } = useLocation();
  useLayoutEffect(() => {
    route(to, true);
  }, [to]);
  return null;
}

/**
 * The `next` target after sign-in, only if it is a path inside this app: anything else
 * (`//evil.example`, `https://…`, `/login` itself) falls back to `/` so the link cannot redirect away.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (next === "/login" || next.startsWith("/login?")) return "/";
  return next;
}

/** `/login?next=<current page>`, leaving out `next` when the page is the home page. */
export function loginUrl(current: string): string {
  return current && current !== "/" && !current.startsWith("/login") ? `/login?next=${encodeURIComponent(current)}` : "/login";
}

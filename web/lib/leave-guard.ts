/**
 * In-app navigation that a page may hold back (unsaved changes). preact-iso routes from `click` and
 * `popstate` listeners on `window` that ignore `defaultPrevented`, so the guard must run first:
 * - a link click is stopped on `document` as it bubbles — after the link's own handlers (the phone
 *   drawer still closes) and before the router's on `window`;
 * - a popstate (Back, Forward) fires on `window` itself, where listeners run in the order they were
 *   added, so this module adds its listener when it is first imported — by app.tsx, before the
 *   router's LocationProvider mounts — and stops the event there when a page holds it back.
 */

/** A page holding navigation back: its own address, and what to do with a navigation it held. */
export interface LeaveBlocker {
  at: string;
  /** `to`: the in-app address that was about to open; `history`: it came from Back or Forward. */
  hold(to: string, via: "link" | "history"): void;
}

let blocker: LeaveBlocker | null = null;

/** Sets (or, with null, clears) the one page-level blocker; returns a function that clears it if still set. */
export function setLeaveBlocker(b: LeaveBlocker | null) {
  blocker = b;
  return () => {
    if (blocker === b) blocker = null;
  };
}

/** The current address as the router keeps it. */
export const currentHref = () => location.pathname + location.search;

/**
 * The address an in-app link click would route to, by preact-iso's own rules (plain left click,
 * same origin, not a bare #hash, no other target, no download); else null.
 */
export function inAppHref(e: MouseEvent): string | null {
  if (e.button !== 0 || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return null;
  const link = e.composedPath().find((el): el is HTMLAnchorElement => (el as Element).nodeName === "A" && !!(el as HTMLAnchorElement).href);
  const href = link?.getAttribute("href");
  if (!link || !href || link.origin !== location.origin || href.startsWith("#") || !/^(_?self)?$/i.test(link.target) || link.hasAttribute("download")) return null;
  return link.href.replace(location.origin, "");
}

let installed = false;

function install() {
  if (installed || typeof window === "undefined") return;
  installed = true;
  document.addEventListener("click", (e) => {
    const b = blocker;
    const to = b ? inAppHref(e) : null;
    if (!b || to === null || to === b.at) return;
    e.preventDefault();
    e.stopPropagation();
    b.hold(to, "link");
  });
  window.addEventListener("popstate", (e) => {
    const b = blocker;
    const to = currentHref();
    if (!b || to === b.at) return;
    e.stopImmediatePropagation();
    // The address already changed: put the page's back. The entry pushed stands in for the one
    // Back left, so a confirmed leave replaces it with the target.
    history.pushState(null, "", b.at);
    b.hold(to, "history");
  });
}

install();

import type { RefObject } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { useAppState } from "../../state/context";
import { Logo } from "../logo";

/** Where the sidebar turns into a drawer behind the top bar's menu button; frame.css uses the same width. */
export const DRAWER_QUERY = "(max-width: 759px)";
/** The sidebar's id, for the menu button's `aria-controls`. */
export const SIDEBAR_ID = "app-sidebar";

const sidebar = () => document.getElementById(SIDEBAR_ID);

/**
 * The phone-width navigation: the sidebar slides over the page as a drawer. Opening moves focus to
 * the current page's link; Esc, the backdrop and the close button put it back on the menu button;
 * following a link closes it and leaves focus to the new page (AppFrame focuses `<main>`).
 * While open, the page behind is `inert` (see AppFrame) and does not scroll.
 */
export function useNavDrawer(path: string) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);

  function close(returnFocus: boolean) {
    refocus.current = returnFocus;
    setOpen(false);
  }

  // However the address changed (a link, Back), the drawer has done its job.
  useEffect(() => close(false), [path]);

  useEffect(() => {
    if (!open) {
      if (refocus.current) button.current?.focus();
      refocus.current = false;
      return;
    }
    const el = sidebar();
    (el?.querySelector<HTMLElement>('.nav-link[aria-current="page"]') ?? el?.querySelector<HTMLElement>(".nav-link"))?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented) return;
      e.preventDefault();
      close(true);
    };
    // Widening the window past the breakpoint shows the sidebar as a column again: nothing to close.
    const wide = window.matchMedia?.(DRAWER_QUERY);
    const onWidth = () => {
      if (!wide?.matches) close(false);
    };
    document.addEventListener("keydown", onKey);
    wide?.addEventListener("change", onWidth);
    document.documentElement.classList.add("has-drawer");
    return () => {
      document.removeEventListener("keydown", onKey);
      wide?.removeEventListener("change", onWidth);
      document.documentElement.classList.remove("has-drawer");
    };
  }, [open]);

  return {
    open,
    buttonRef: button,
    toggle: () => (open ? close(true) : setOpen(true)),
    /** Esc, the backdrop or the close button: focus goes back to the menu button. */
    dismiss: () => close(true),
    /** A link in the drawer was followed: the new page takes focus. */
    navigated: () => close(false),
  };
}

export interface TopBarProps {
  open: boolean;
  onToggle: () => void;
  buttonRef: RefObject<HTMLButtonElement>;
  inert?: boolean;
}

/**
 * The phone-width header (hidden by CSS on wider screens): the menu button and the product name.
 * A dot on the button says the queue has items waiting, as the count in the drawer does.
 */
export function TopBar({ open, onToggle, buttonRef, inert }: TopBarProps) {
  const { queueCounts } = useAppState();
  const waiting = queueCounts.attention.value;
  const overdue = (queueCounts.counts.value?.overdue ?? 0) > 0;
  return (
    <header class="topbar" inert={inert}>
      <button
        ref={buttonRef}
        type="button"
        class="topbar__menu"
        aria-expanded={open}
        aria-controls={SIDEBAR_ID}
        onClick={onToggle}
      >
        <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M4 6h16M4 12h16M4 18h16" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
        <span class="visually-hidden">Menu</span>
        {waiting > 0 ? (
          <span class={overdue ? "topbar__dot topbar__dot--overdue" : "topbar__dot"}>
            <span class="visually-hidden">{`, ${waiting} ${waiting === 1 ? "item" : "items"} waiting in the queue`}</span>
          </span>
        ) : null}
      </button>
      <a class="topbar__brand" href="/">
        <Logo size={26} />
        <span>Onboarding Workflows</span>
      </a>
    </header>
  );
}

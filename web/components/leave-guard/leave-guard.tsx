import type { ComponentChildren } from "preact";
import { useLocation } from "preact-iso";
import { useEffect, useRef, useState } from "preact/hooks";
import { currentHref, setLeaveBlocker } from "../../lib/leave-guard";
import { ConfirmDialog } from "../confirm-dialog";

export interface LeaveGuardProps {
  /** Guard while true (unsaved changes). */
  when: boolean;
  /** What would be lost, in a sentence. */
  children?: ComponentChildren;
}

/**
 * Asks "Leave without saving?" before the page is left while `when` holds: an in-app link (sidebar,
 * breadcrumbs), Back and Forward (see lib/leave-guard.ts), and closing or reloading the tab (the
 * browser's own prompt). Leave goes where the person was going; Stay keeps the page as it is.
 */
export function LeaveGuard({ when, children = "Your changes on this page have not been saved and will be lost." }: LeaveGuardProps) {
  const { route } = useLocation();
  const [pending, setPending] = useState<{ to: string; replace: boolean } | null>(null);
  const pendingRef = useRef(pending);
  pendingRef.current = pending;

  useEffect(() => {
    if (!when) return;
    const clear = setLeaveBlocker({ at: currentHref(), hold: (to, via) => setPending({ to, replace: via === "history" }) });
    const onUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", onUnload);
    return () => {
      clear();
      window.removeEventListener("beforeunload", onUnload);
    };
  }, [when]);

  return (
    <ConfirmDialog
      open={pending !== null}
      title="Leave without saving?"
      confirmLabel="Leave"
      cancelLabel="Stay"
      onCancel={() => setPending(null)}
      onConfirm={() => {
        const p = pendingRef.current;
        setPending(null);
        if (p) route(p.to, p.replace);
      }}
    >
      {children}
    </ConfirmDialog>
  );
}

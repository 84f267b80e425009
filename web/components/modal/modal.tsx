import type { ComponentChildren, JSX } from "preact";
import { useEffect, useId, useRef } from "preact/hooks";
import { cx } from "../../lib/cx";
import { Button } from "../button";

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface ModalProps {
  open: boolean;
  title: ComponentChildren;
  /** A sentence under the title, announced as the dialog's description. */
  description?: ComponentChildren;
  /** Called on Esc, the close button and a backdrop click — unless `busy`. */
  onClose: () => void;
  /** While true (a save in flight) the dialog cannot be dismissed. */
  busy?: boolean;
  size?: "sm" | "md" | "lg";
  /** CSS selector of the element to focus on open; defaults to the first focusable one. */
  initialFocus?: string;
  /** `alertdialog` for confirmations that interrupt. */
  role?: "dialog" | "alertdialog";
  children?: ComponentChildren;
}

/**
 * A modal dialog: focus moves in on open and back to the opener on close, Tab cycles inside,
 * Esc closes. Compose the inside from `<ModalBody>` and `<ModalFooter>`; wrap both in a `<form>`
 * when the footer's primary button submits.
 */
export function Modal(props: ModalProps) {
  if (!props.open) return null;
  return <ModalPanel {...props} />;
}

function ModalPanel({ title, description, onClose, busy, size = "md", initialFocus, role = "dialog", children }: ModalProps) {
  const id = useId();
  const panel = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const el = panel.current;
    const target =
      (initialFocus && el?.querySelector<HTMLElement>(initialFocus)) ||
      [...(el?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].find((n) => !n.classList.contains("modal__close")) ||
      el;
    target?.focus();
    document.body.classList.add("has-modal");
    return () => {
      if (!document.querySelector(".modal")) document.body.classList.remove("has-modal");
      if (opener && document.contains(opener)) opener.focus();
    };
  }, []);

  const busyRef = useRef(busy);
  busyRef.current = busy;
  useEffect(() => {
    // A button that was clicked and then disabled while busy takes the focus with it (to <body>):
    // take it back, so Tab and Esc keep working after a failed save.
    if (!busy && panel.current && (document.activeElement === document.body || document.activeElement === null)) panel.current.focus();
  }, [busy]);
  useEffect(() => {
    // Esc outside the panel (focus lost to <body>) still closes the topmost dialog.
    const onDocKey = (e: KeyboardEvent) => {
      const el = panel.current;
      if (e.key !== "Escape" || !el || el.contains(e.target as Node) || e.defaultPrevented) return;
      const all = document.querySelectorAll(".modal");
      if (all[all.length - 1] !== el || busyRef.current) return;
      closeRef.current();
    };
    document.addEventListener("keydown", onDocKey);
    return () => document.removeEventListener("keydown", onDocKey);
  }, []);

  function onKeyDown(e: JSX.TargetedKeyboardEvent<HTMLDivElement>) {
    if (e.key === "Escape") {
      e.stopPropagation();
      if (!busy) closeRef.current();
      return;
    }
    if (e.key !== "Tab" || !panel.current) return;
    const items = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (items.length === 0) {
      e.preventDefault();
      return;
    }
    const first = items[0];
    const last = items[items.length - 1];
    const active = document.activeElement;
    if (e.shiftKey && (active === first || active === panel.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first.focus();
    }
  }

  return (
    <div
      class="modal-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget && !busy) closeRef.current();
      }}
    >
      <div
        ref={panel}
        class={cx("modal", `modal--${size}`)}
        role={role}
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={description ? `${id}-desc` : undefined}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <header class="modal__header">
          <div>
            <h2 class="modal__title" id={`${id}-title`}>
              {title}
            </h2>
            {description ? (
              <p class="modal__description" id={`${id}-desc`}>
                {description}
              </p>
            ) : null}
          </div>
          <Button
            variant="ghost"
            size="sm"
            icon="close"
            class="modal__close"
            aria-label="Close dialog"
            disabled={busy}
            onClick={() => closeRef.current()}
          />
        </header>
        {children}
      </div>
    </div>
  );
}

export function ModalBody({ children }: { children?: ComponentChildren }) {
  return <div class="modal__body">{children}</div>;
}

export function ModalFooter({ children }: { children?: ComponentChildren }) {
  return <footer class="modal__footer">{children}</footer>;
}

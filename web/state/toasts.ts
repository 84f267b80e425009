import { signal } from "@preact/signals";
import { ApiError, errorMessage } from "../lib/api";

export type ToastTone = "success" | "error" | "info";

export interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  message?: string;
}

export interface ToastInput {
  tone?: ToastTone;
  title: string;
  message?: string;
  /** Milliseconds before it hides itself; `0` keeps it until dismissed. */
  durationMs?: number;
}

/** How long each tone stays up: errors longer, since they usually need reading. */
export const TOAST_DURATIONS: Record<ToastTone, number> = { success: 4000, info: 5000, error: 8000 };

/** At most this many stay on screen; the oldest go first. */
const MAX_VISIBLE = 4;

/**
 * Transient notifications, rendered by `<Toaster>` in an `aria-live` region.
 * Use `toasts.success("Pool created")` after a change and `toasts.error(err)` in a catch.
 */
export function createToasts() {
  const items = signal<Toast[]>([]);
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  let nextId = 1;

  function dismiss(id: number) {
    clearTimeout(timers.get(id));
    timers.delete(id);
    items.value = items.value.filter((t) => t.id !== id);
  }

  function show({ tone = "info", title, message, durationMs }: ToastInput): number {
    const id = nextId++;
    const list = [...items.value, { id, tone, title, message }];
    for (const old of list.slice(0, Math.max(0, list.length - MAX_VISIBLE))) dismiss(old.id);
    items.value = list.slice(-MAX_VISIBLE);
    const ms = durationMs ?? TOAST_DURATIONS[tone];
    if (ms > 0) timers.set(id, setTimeout(() => dismiss(id), ms));
    return id;
  }

  return {
    items,
    show,
    dismiss,
    success: (title: string, message?: string) => show({ tone: "success", title, message }),
    info: (title: string, message?: string) => show({ tone: "info", title, message }),
    /**
     * Shows a failure. Accepts a thrown value: an `ApiError` 401 is skipped, because the app is
     * already sending the user to the sign-in page and a toast would only add noise.
     */
    error(titleOrError: unknown, message?: string): number | null {
      if (titleOrError instanceof ApiError && titleOrError.status === 401) return null;
      if (typeof titleOrError === "string") return show({ tone: "error", title: titleOrError, message });
      return show({ tone: "error", title: message ?? "That didn't work", message: errorMessage(titleOrError) });
    },
    clear() {
      for (const t of items.value) dismiss(t.id);
    },
  };
}

export type ToastStore = ReturnType<typeof createToasts>;

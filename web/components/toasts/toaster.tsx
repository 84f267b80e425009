import { useAppState } from "../../state/context";
import type { Toast } from "../../state/toasts";
import { Icon, type IconName } from "../icon";

const ICONS: Record<Toast["tone"], IconName> = { success: "checkCircle", error: "alert", info: "info" };

/**
 * Renders the app's toasts in a polite live region (bottom right). Errors use `role="alert"` so
 * they are announced at once. Mounted once by the app; pages call `state.toasts.success(...)`.
 */
export function Toaster() {
  const { toasts } = useAppState();
  return (
    <div class="toaster" aria-live="polite" aria-relevant="additions" aria-label="Notifications" role="region">
      {toasts.items.value.map((t) => (
        <div key={t.id} class={`toast toast--${t.tone}`} role={t.tone === "error" ? "alert" : "status"}>
          <Icon name={ICONS[t.tone]} size={18} class="toast__icon" />
          <div class="toast__text">
            <p class="toast__title">{t.title}</p>
            {t.message ? <p class="toast__message">{t.message}</p> : null}
          </div>
          <button type="button" class="toast__close" aria-label="Dismiss notification" onClick={() => toasts.dismiss(t.id)}>
            <Icon name="close" size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}

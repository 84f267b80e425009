import type { ComponentChildren } from "preact";
import { Icon } from "../../components/icon";

/** The outcome of a "send test", announced politely to screen readers. */
export function TestResult({ ok, children }: { ok: boolean; children: ComponentChildren }) {
  return (
    <p class={`st-result ${ok ? "st-result--ok" : "st-result--failed"}`} role="status">
      <Icon name={ok ? "checkCircle" : "alert"} size={16} />
      <span>{children}</span>
    </p>
  );
}

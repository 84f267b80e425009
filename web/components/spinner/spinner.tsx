import { cx } from "../../lib/cx";

export interface SpinnerProps {
  size?: number;
  /** When set, the spinner announces itself as a status (e.g. "Loading users"). */
  label?: string;
  class?: string;
}

/** A rotating ring. Without a label it is decorative (inside a busy button, say). */
export function Spinner({ size = 16, label, class: cls }: SpinnerProps) {
  const ring = <span class={cx("spinner", cls)} style={{ width: `${size}px`, height: `${size}px` }} aria-hidden="true" />;
  if (!label) return ring;
  return (
    <span class="spinner-status" role="status">
      {ring}
      <span class="visually-hidden">{label}</span>
    </span>
  );
}

/** A centred spinner with a visible caption, for a page or a section that is loading. */
export function LoadingBlock({ label = "Loading…" }: { label?: string }) {
  return (
    <div class="loading-block" role="status">
      <span class="spinner" style={{ width: "20px", height: "20px" }} aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

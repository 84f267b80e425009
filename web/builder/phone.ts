/**
 * The builder's phone layout (builder.css): palette, canvas and side panel stacked, so the side
 * panel is a screen or two below the canvas, out of sight.
 */
export const PHONE_LAYOUT = "(max-width: 759px)";

/**
 * At phone width, what opens the side panel (Test, the problems count, a tapped step) would change
 * nothing on screen: the panel is further down. Brings `headingId` into view and focuses it (for
 * screen readers, and so the keyboard carries on from there), once the panel has rendered. Wider,
 * the panel is in view beside the canvas and nothing moves.
 */
export function revealOnPhone(headingId: string) {
  if (!window.matchMedia?.(PHONE_LAYOUT).matches) return;
  requestAnimationFrame(() => {
    const heading = document.getElementById(headingId);
    heading?.scrollIntoView({ block: "start" });
    heading?.focus({ preventScroll: true });
  });
}

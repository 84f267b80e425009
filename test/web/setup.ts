import { afterEach } from "vitest";

// Unmount whatever a test rendered and reset the address, so tests do not leak into each other.
// (Node-environment files such as the bundle budget have no DOM to clean.)
afterEach(async () => {
  if (typeof document === "undefined") return;
  const { cleanup } = await import("@testing-library/preact");
  cleanup();
  history.replaceState(null, "", "/");
  document.body.className = "";
});

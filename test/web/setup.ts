import { cleanup } from "@testing-library/preact";
import { afterEach } from "vitest";

// Unmount whatever a test rendered and reset the address, so tests do not leak into each other.
afterEach(() => {
  cleanup();
  history.replaceState(null, "", "/");
  document.body.className = "";
});

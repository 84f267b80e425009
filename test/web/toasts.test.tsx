import { act, fireEvent, screen } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Toaster } from "../../web/components/toasts";
import { ApiError } from "../../web/lib/api";
import { createToasts, TOAST_DURATIONS } from "../../web/state/toasts";
import { fakeFetch, renderWithState } from "./helpers";

describe("toasts", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("hides a toast after its tone's duration; errors stay longer", () => {
    const t = createToasts();
    t.success("Saved");
    t.error("Failed");
    vi.advanceTimersByTime(TOAST_DURATIONS.success);
    expect(t.items.value.map((x) => x.title)).toEqual(["Failed"]);
    vi.advanceTimersByTime(TOAST_DURATIONS.error);
    expect(t.items.value).toEqual([]);
  });

  it("shows an error's message, and skips 401s (the app is already redirecting to sign-in)", () => {
    const t = createToasts();
    expect(t.error(new ApiError(401, "unauthenticated", "Sign in"))).toBeNull();
    t.error(new ApiError(409, "in_use", "The pool is used by an active workflow."), "Couldn't delete pool");
    expect(t.items.value).toEqual([
      expect.objectContaining({ tone: "error", title: "Couldn't delete pool", message: "The pool is used by an active workflow." }),
    ]);
  });

  it("keeps at most four on screen, dropping the oldest", () => {
    const t = createToasts();
    for (let i = 1; i <= 6; i++) t.info(`n${i}`);
    expect(t.items.value.map((x) => x.title)).toEqual(["n3", "n4", "n5", "n6"]);
  });

  it("renders in a live region and can be dismissed", async () => {
    const { state } = renderWithState(<Toaster />, fakeFetch({}));
    act(() => {
      state.toasts.success("Pool created");
      state.toasts.error("Couldn't save", "Name taken");
    });
    const region = screen.getByRole("region", { name: "Notifications" });
    expect(region.getAttribute("aria-live")).toBe("polite");
    expect(screen.getByRole("status").textContent).toContain("Pool created");
    expect(screen.getByRole("alert").textContent).toContain("Name taken");
  });
});

describe("toaster dismiss", () => {
  it("removes the toast when its close button is pressed", async () => {
    const { state, getByRole, queryByText } = renderWithState(<Toaster />, fakeFetch({}));
    act(() => void state.toasts.info("Heads up"));
    expect(queryByText("Heads up")).not.toBeNull();
    act(() => void fireEvent.click(getByRole("button", { name: "Dismiss notification" })));
    expect(queryByText("Heads up")).toBeNull();
    expect(state.toasts.items.value).toEqual([]);
  });
});

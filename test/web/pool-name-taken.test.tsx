import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { ADMIN, apiError, fakeFetch, json, renderApp } from "./helpers";

const MESSAGE = "Another pool is already called “general pool”. Pick a name no other pool has, so pool pickers can tell them apart.";

describe("Team page → a pool name another pool has", () => {
  it("shows the server's 409 pool_name_taken on the name field, keeps the dialog open and saves once renamed", async () => {
    let tries = 0;
    const fetch = fakeFetch({
      "GET /api/me": () => json(200, ADMIN),
      "GET /api/users": () => json(200, { items: [{ id: "u_admin", name: "Ada Admin", email: ADMIN.email, role: "admin", active: true, outOfOffice: false, createdAt: "2026-01-01T00:00:00Z" }], nextCursor: null }),
      "GET /api/pools": () => json(200, { items: [{ id: "p1", name: "General pool", members: [] }], nextCursor: null }),
      "POST /api/pools": ({ body }) =>
        ++tries === 1 ? apiError(409, "pool_name_taken", MESSAGE) : json(201, { id: "p2", members: [], ...(body as { name: string }) }),
    });
    renderApp("/team", fetch);
    fireEvent.click(await screen.findByRole("button", { name: "Create pool" }));
    const dialog = screen.getByRole("dialog", { name: "Create pool" });
    const name = within(dialog).getByLabelText("Pool name", { exact: false }) as HTMLInputElement;
    fireEvent.input(name, { target: { value: "general pool" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Save pool" }));

    expect(await within(dialog).findByText(MESSAGE)).toBeTruthy();
    expect(name.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(name.getAttribute("aria-describedby")!.split(" ").find((id) => id.endsWith("-error"))!)?.textContent).toBe(MESSAGE);
    await waitFor(() => expect(document.activeElement).toBe(name));
    expect(screen.getByRole("dialog", { name: "Create pool" })).toBeTruthy();

    // Typing clears the error; another name saves.
    fireEvent.input(name, { target: { value: "General pool EMEA" } });
    expect(within(dialog).queryByText(MESSAGE)).toBeNull();
    fireEvent.click(within(dialog).getByRole("button", { name: "Save pool" }));
    await screen.findByText("Pool “General pool EMEA” created");
  });
});

import { fireEvent, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { AddUserDialog } from "../../web/pages/team/add-user-dialog";
import { apiError, fakeFetch, json, renderWithState } from "./helpers";

const NEW_USER = { id: "u_new", email: "nina@example.com", name: "Nina New", role: "csm", active: true, outOfOffice: false, createdAt: "2026-01-01T00:00:00Z" };

function open(fetch: ReturnType<typeof fakeFetch>) {
  const onClose = vi.fn();
  const onCreated = vi.fn();
  renderWithState(<AddUserDialog open onClose={onClose} onCreated={onCreated} />, fetch);
  return { onClose, onCreated };
}

function fill(values: Partial<Record<"Full name" | "Email" | "Initial password", string>>) {
  for (const [label, value] of Object.entries(values)) {
    fireEvent.input(screen.getByLabelText(label, { exact: false }), { target: { value } });
  }
}

const create = () => fireEvent.click(screen.getByRole("button", { name: "Create user" }));

describe("Add user dialog", () => {
  it("is a labelled modal dialog with every field labelled", () => {
    open(fakeFetch({}));
    const dialog = screen.getByRole("dialog", { name: "Add user" });
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    for (const label of ["Full name", "Email", "Role", "Initial password"]) expect(screen.getByLabelText(label, { exact: false })).toBeTruthy();
    expect((screen.getByLabelText("Role", { exact: false }) as HTMLSelectElement).value).toBe("csm");
  });

  it("validates before sending", async () => {
    const fetch = fakeFetch({});
    open(fetch);
    fill({ Email: "not-an-email", "Initial password": "short" });
    create();
    expect(await screen.findByText("Enter the person's name.")).toBeTruthy();
    expect(screen.getByText("Enter an email address like name@company.com.")).toBeTruthy();
    expect(screen.getByText("Use at least 8 characters.")).toBeTruthy();
    expect(fetch.calls).toEqual([]);
  });

  it("maps 409 to the email field and keeps the dialog open", async () => {
    const fetch = fakeFetch({ "POST /api/users": () => apiError(409, "email_taken", "That e-mail is already in use.") });
    const { onCreated, onClose } = open(fetch);
    fill({ "Full name": "Nina New", Email: "admin@example.com", "Initial password": "long-enough-pw" });
    create();
    const email = screen.getByLabelText("Email", { exact: false });
    await waitFor(() => expect(email.getAttribute("aria-invalid")).toBe("true"));
    const describedBy = email.getAttribute("aria-describedby")!;
    expect(document.getElementById(describedBy)!.textContent).toBe("That e-mail is already in use");
    expect(onCreated).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
  });

  it("maps 422 details onto the named fields", async () => {
    const fetch = fakeFetch({
      "POST /api/users": () =>
        apiError(422, "validation_failed", "The request is not valid.", [
          { path: "password", message: "Use at least 12 characters." },
          { path: "name", message: "Too long." },
        ]),
    });
    open(fetch);
    fill({ "Full name": "Nina New", Email: "nina@example.com", "Initial password": "long-enough-pw" });
    create();
    expect(await screen.findByText("Use at least 12 characters.")).toBeTruthy();
    expect(screen.getByText("Too long.")).toBeTruthy();
    expect(screen.getByLabelText("Full name", { exact: false }).getAttribute("aria-invalid")).toBe("true");
  });

  it("creates the user and hands it back", async () => {
    const fetch = fakeFetch({ "POST /api/users": () => json(201, { user: NEW_USER }) });
    const { onCreated, onClose } = open(fetch);
    fill({ "Full name": "  Nina New ", Email: "nina@example.com", "Initial password": "long-enough-pw" });
    fireEvent.change(screen.getByLabelText("Role", { exact: false }), { target: { value: "admin" } });
    create();
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(NEW_USER));
    expect(onClose).toHaveBeenCalled();
    expect(fetch.calls[0].body).toEqual({ name: "Nina New", email: "nina@example.com", role: "admin", password: "long-enough-pw" });
  });
});

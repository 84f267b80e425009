import { fireEvent, screen, waitFor } from "@testing-library/preact";
import { beforeAll, describe, expect, it } from "vitest";
import { apiError, fakeFetch, json, renderApp } from "./helpers";

const TOKEN = "tok_abcdefghijklmnopqrstuvwxyz0123456789";
const FORM = {
  title: "Handoff for Globex",
  fields: [
    { key: "kickoff_date", label: "Preferred kickoff date", type: "date", required: true },
    { key: "goal", label: "Primary goal", type: "select", required: true, options: ["Faster onboarding", "Replace legacy tool"] },
    { key: "contact", label: "Technical contact", type: "email" },
    { key: "seats", label: "Seats", type: "number" },
    { key: "modules", label: "Modules", type: "multiselect", options: ["Core", "API"] },
    { key: "sso", label: "Needs SSO", type: "checkbox" },
    { key: "notes", label: "Anything else", type: "textarea", help: "Risks, stakeholders, promises made." },
  ],
  context: { company: "Globex", deal: "Globex Expansion", closeDate: "2026-11-20", instructions: "Thanks for closing this one!" },
  expiresAt: "2026-11-28T07:00:00Z",
};

function server(post: Parameters<typeof fakeFetch>[0][string] = () => json(200, { ok: true })) {
  return fakeFetch({ [`GET /api/forms/${TOKEN}`]: () => json(200, FORM), [`POST /api/forms/${TOKEN}`]: post });
}


// The page is lazy-loaded; import it once up front so the first test does not wait on the transform.
beforeAll(async () => {
  await import("../../web/pages/forms");
});

describe("external handoff form", () => {
  it("renders without the app frame or a session, with the context and one control per field type", async () => {
    const fetch = server();
    renderApp(`/forms/${TOKEN}`, fetch);
    expect(await screen.findByRole("heading", { level: 1, name: "Handoff for Globex" })).toBeTruthy();
    expect(screen.queryByRole("navigation", { name: "Main" })).toBeNull();
    expect(fetch.calls.some((c) => c.path === "/api/me")).toBe(false);
    expect(screen.getByText("Globex Expansion")).toBeTruthy();
    expect(screen.getByText("Thanks for closing this one!")).toBeTruthy();
    expect((screen.getByLabelText("Preferred kickoff date") as HTMLInputElement).type).toBe("date");
    expect(screen.getByLabelText("Primary goal").tagName).toBe("SELECT");
    expect((screen.getByLabelText("Technical contact (optional)") as HTMLInputElement).type).toBe("email");
    expect((screen.getByLabelText("Seats (optional)") as HTMLInputElement).type).toBe("number");
    expect(screen.getByRole("group", { name: "Modules (optional)" })).toBeTruthy();
    expect((screen.getByRole("checkbox", { name: "API" }) as HTMLInputElement).type).toBe("checkbox");
    expect((screen.getByRole("checkbox", { name: "Needs SSO" }) as HTMLInputElement).checked).toBe(false);
    expect(screen.getByLabelText("Anything else (optional)").tagName).toBe("TEXTAREA");
    expect(screen.getByText("Risks, stakeholders, promises made.")).toBeTruthy();
  });

  it("checks answers before sending and points at the first problem", async () => {
    const fetch = server();
    renderApp(`/forms/${TOKEN}`, fetch);
    fireEvent.input(await screen.findByLabelText("Technical contact (optional)"), { target: { value: "not-an-email" } });
    fireEvent.click(screen.getByRole("button", { name: "Send answers" }));
    expect(await screen.findByText("Preferred kickoff date is required")).toBeTruthy();
    expect(screen.getByText("Primary goal is required")).toBeTruthy();
    expect(screen.getByText("Technical contact must be an e-mail address")).toBeTruthy();
    expect(screen.getByLabelText("Preferred kickoff date").getAttribute("aria-invalid")).toBe("true");
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText("Preferred kickoff date")));
    expect(fetch.calls.some((c) => c.method === "POST")).toBe(false);
  });

  it("sends typed answers once and thanks the sender", async () => {
    const fetch = server();
    renderApp(`/forms/${TOKEN}`, fetch);
    fireEvent.input(await screen.findByLabelText("Preferred kickoff date"), { target: { value: "2026-12-01" } });
    fireEvent.change(screen.getByLabelText("Primary goal"), { target: { value: "Replace legacy tool" } });
    fireEvent.input(screen.getByLabelText("Seats (optional)"), { target: { value: "40" } });
    fireEvent.click(screen.getByRole("checkbox", { name: "API" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Needs SSO" }));
    fireEvent.click(screen.getByRole("button", { name: "Send answers" }));
    expect(await screen.findByRole("heading", { name: "Thank you!" })).toBeTruthy();
    const post = fetch.calls.filter((c) => c.method === "POST");
    expect(post).toHaveLength(1);
    expect(post[0].body).toEqual({
      data: { kickoff_date: "2026-12-01", goal: "Replace legacy tool", contact: null, seats: 40, modules: ["API"], sso: true, notes: null },
    });
  });

  it("shows the server's 422 on the field it names", async () => {
    renderApp(`/forms/${TOKEN}`, server(() => apiError(422, "validation_failed", "Some answers need fixing.", [{ path: "kickoff_date", message: "Kickoff must be after the close date" }])));
    fireEvent.input(await screen.findByLabelText("Preferred kickoff date"), { target: { value: "2020-01-01" } });
    fireEvent.change(screen.getByLabelText("Primary goal"), { target: { value: "Faster onboarding" } });
    fireEvent.click(screen.getByRole("button", { name: "Send answers" }));
    expect(await screen.findByText("Kickoff must be after the close date")).toBeTruthy();
    expect(screen.getByLabelText("Preferred kickoff date").getAttribute("aria-invalid")).toBe("true");
  });

  it("answers a used, an expired and an unknown link with a friendly page", async () => {
    const page = async (status: number, code: string) => {
      const r = renderApp(`/forms/${TOKEN}`, fakeFetch({ [`GET /api/forms/${TOKEN}`]: () => apiError(status, code, "gone") }));
      const h = await screen.findByRole("heading", { level: 1 });
      const text = h.textContent;
      r.unmount();
      return text;
    };
    expect(await page(410, "link_used")).toBe("This form was already sent");
    expect(await page(410, "link_expired")).toBe("This link has expired");
    expect(await page(410, "link_closed")).toBe("This form is no longer needed");
    expect(await page(404, "not_found")).toBe("We couldn't find this form");
  });

  it("shows the used-link page when the link was used meanwhile", async () => {
    renderApp(`/forms/${TOKEN}`, server(() => apiError(410, "link_used", "Already submitted")));
    fireEvent.input(await screen.findByLabelText("Preferred kickoff date"), { target: { value: "2026-12-01" } });
    fireEvent.change(screen.getByLabelText("Primary goal"), { target: { value: "Faster onboarding" } });
    fireEvent.click(screen.getByRole("button", { name: "Send answers" }));
    expect(await screen.findByRole("heading", { name: "This form was already sent" })).toBeTruthy();
  });
});

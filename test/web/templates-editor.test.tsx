import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { beforeAll, describe, expect, it } from "vitest";
import { draftFromTemplate, previewPlan, toTemplateInput, validateDraft } from "../../web/pages/templates/editor-model";
import { ADMIN, apiError, fakeFetch, json, renderApp } from "./helpers";

const TEMPLATE = {
  id: "tpl_1",
  name: "Standard onboarding",
  description: "30 days",
  milestones: [
    { name: "Welcome", offsetDays: 0, tasks: [{ title: "Send welcome e-mail", owner: "csm", offsetDays: 0 }, { title: "Invite the team", owner: "customer", offsetDays: 2 }] },
    { name: "First value", offsetDays: 30, tasks: [{ title: "Health check", owner: "csm", offsetDays: 30 }] },
  ],
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
};


// The page is lazy-loaded; import it once up front so the first test does not wait on the transform.
beforeAll(async () => {
  await import("../../web/pages/templates-editor");
});

describe("template editor model", () => {
  it("dates the preview from the start date, every offset counting business days from day 0", () => {
    // Friday 30 January 2026: day 2 is Tuesday 3 February, day 30 six weeks on.
    const plan = previewPlan(draftFromTemplate(TEMPLATE as never), "2026-01-30");
    expect(plan).toEqual([
      { milestone: "Welcome", dueAt: "2026-01-30", day: 0, tasks: [{ title: "Send welcome e-mail", owner: "csm", dueAt: "2026-01-30", day: 0 }, { title: "Invite the team", owner: "customer", dueAt: "2026-02-03", day: 2 }] },
      { milestone: "First value", dueAt: "2026-03-13", day: 30, tasks: [{ title: "Health check", owner: "csm", dueAt: "2026-03-13", day: 30 }] },
    ]);
    // A Saturday start moves to Monday 2 February.
    expect(previewPlan(draftFromTemplate(TEMPLATE as never), "2026-01-31")[0].dueAt).toBe("2026-02-02");
  });

  it("finds what the server would refuse, by the API's paths, and round-trips a valid draft", () => {
    const d = draftFromTemplate(TEMPLATE as never);
    expect(validateDraft(d)).toEqual({});
    expect(toTemplateInput(d)).toEqual({ name: TEMPLATE.name, description: TEMPLATE.description, milestones: TEMPLATE.milestones });
    d.name = " ";
    d.milestones[1].offsetDays = "-3";
    d.milestones[0].tasks[1].title = "";
    d.milestones[0].tasks[0].offsetDays = "1.5";
    expect(validateDraft(d)).toEqual({
      name: "Give the template a name",
      "milestones.1.offsetDays": "A whole number of days from 0 to 3650",
      "milestones.0.tasks.1.title": "Describe the task",
      "milestones.0.tasks.0.offsetDays": "A whole number of days from 0 to 3650",
    });
  });
});

function server(extra: Parameters<typeof fakeFetch>[0] = {}) {
  return fakeFetch({
    "GET /api/me": () => json(200, ADMIN),
    "GET /api/templates/tpl_1": () => json(200, TEMPLATE),
    "GET /api/templates": () => json(200, { items: [TEMPLATE], nextCursor: null }),
    "PUT /api/templates/tpl_1": ({ body }) => json(200, { ...TEMPLATE, ...(body as object) }),
    ...extra,
  });
}

describe("template editor page", () => {
  it("adds, reorders and removes milestones and tasks, and saves the result", async () => {
    const fetch = server();
    renderApp("/templates/tpl_1", fetch);
    expect(await screen.findByRole("heading", { level: 1, name: "Standard onboarding" })).toBeTruthy();
    const preview = screen.getByRole("list", { name: "Plan preview" });
    expect(within(preview).getAllByRole("heading").map((h) => h.textContent)).toEqual(["Welcome", "First value"]);

    fireEvent.click(screen.getByRole("button", { name: "Move First value up" }));
    await waitFor(() => expect(within(preview).getAllByRole("heading").map((h) => h.textContent)).toEqual(["First value", "Welcome"]));
    expect(document.activeElement?.getAttribute("aria-label")).toBe("Move First value down");

    fireEvent.click(screen.getByRole("button", { name: "Move Invite the team up" }));
    fireEvent.click(screen.getByRole("button", { name: "Remove Send welcome e-mail" }));
    fireEvent.click(screen.getByRole("button", { name: "Add milestone" }));
    const names = screen.getAllByLabelText("Milestone") as HTMLInputElement[];
    expect(names).toHaveLength(3);
    await waitFor(() => expect(document.activeElement).toBe(names[2]));
    fireEvent.input(names[2], { target: { value: "Go live" } });
    const tasks = screen.getAllByLabelText(/^Task 1 of Go live$/);
    fireEvent.input(tasks[0], { target: { value: "Launch review" } });
    expect(screen.getByText("Unsaved changes")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Save template" }));
    await screen.findByText("Template saved");
    const body = fetch.calls.find((c) => c.method === "PUT")?.body as { milestones: { name: string; offsetDays: number; tasks: { title: string }[] }[] };
    expect(body.milestones.map((m) => m.name)).toEqual(["First value", "Welcome", "Go live"]);
    expect(body.milestones[1].tasks.map((t) => t.title)).toEqual(["Invite the team"]);
    // A new milestone comes a week after the latest: five business days.
    expect(body.milestones[2]).toEqual({ name: "Go live", offsetDays: 35, tasks: [{ title: "Launch review", owner: "csm", offsetDays: 35 }] });
  });

  it("says days are business days and previews them so", async () => {
    renderApp("/templates/tpl_1", server());
    expect(await screen.findByText(/Days are business days \(Monday to Friday\)/)).toBeTruthy();
    fireEvent.input(screen.getByLabelText("Start date"), { target: { value: "2026-01-31" } });
    const preview = screen.getByRole("list", { name: "Plan preview" });
    // Saturday 31 January starts on Monday 2 February; day 30 is six weeks on, Monday 16 March.
    await waitFor(() => expect(within(preview).getAllByRole("listitem")[0].textContent).toContain("Day 0"));
    const last = within(preview).getAllByRole("listitem").at(-1)!;
    expect(last.querySelector("time")?.getAttribute("datetime")).toBe("2026-03-16");
    expect(last.textContent).toContain("Day 30");
  });

  it("shows client and server errors on their fields", async () => {
    const fetch = server({
      "PUT /api/templates/tpl_1": () => apiError(422, "validation_failed", "The request is not valid.", [{ path: "milestones.1.tasks.0.title", message: "Too long" }]),
    });
    renderApp("/templates/tpl_1", fetch);
    const name = await screen.findByLabelText("Name");
    fireEvent.input(name, { target: { value: "" } });
    fireEvent.click(screen.getByRole("button", { name: "Save template" }));
    expect(await screen.findByText("Give the template a name")).toBeTruthy();
    expect(fetch.calls.some((c) => c.method === "PUT")).toBe(false);
    fireEvent.input(name, { target: { value: "Standard" } });
    fireEvent.click(screen.getByRole("button", { name: "Save template" }));
    expect(await screen.findByText("Too long")).toBeTruthy();
    expect(screen.getByLabelText("Task 1 of First value").getAttribute("aria-invalid")).toBe("true");
  });

  it("asks before deleting and shows a 409 inside the dialog", async () => {
    renderApp("/templates/tpl_1", server({ "DELETE /api/templates/tpl_1": () => apiError(409, "template_in_use", "The active workflow “HubSpot” applies this template.") }));
    fireEvent.click(await screen.findByRole("button", { name: "Delete" }));
    const dialog = screen.getByRole("alertdialog", { name: "Delete Standard onboarding?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Delete template" }));
    expect(await within(dialog).findByText("The active workflow “HubSpot” applies this template.")).toBeTruthy();
  });

  it("says, on the list and in the editor, what deleting does to accounts and to workflows that apply the template, as the server does it", async () => {
    await import("../../web/pages/templates");
    const refusal = "The paused workflow “HubSpot” applies this template, so it was not deleted. Point its Apply template step at another template and publish, or archive the workflow, then delete the template.";
    const fetch = server({ "DELETE /api/templates/tpl_1": () => apiError(409, "template_in_use", refusal) });
    const check = (dialog: HTMLElement) => {
      const text = dialog.textContent ?? "";
      // Accounts keep the plan snapshot they were given (the server never touches them).
      expect(text).toContain("Accounts whose plan came from this template keep their plan as it is");
      // The server refuses while an active or paused workflow's published version applies it; drafts and archived ones do not stop it.
      expect(text).toContain("If an active or paused workflow’s published version has an Apply template step that uses it, the template is not deleted");
      expect(text).toContain("Drafts and archived workflows that use it do not stop the deletion");
    };
    const list = renderApp("/templates", fetch);
    fireEvent.click(await screen.findByRole("button", { name: "Delete template Standard onboarding" }));
    let dialog = screen.getByRole("alertdialog", { name: "Delete Standard onboarding?" });
    check(dialog);
    fireEvent.click(within(dialog).getByRole("button", { name: "Delete template" }));
    expect(await within(dialog).findByText(refusal)).toBeTruthy();
    // Refused: the template stays listed.
    expect(screen.getByRole("button", { name: "Delete template Standard onboarding" })).toBeTruthy();
    list.unmount();
    renderApp("/templates/tpl_1", fetch);
    fireEvent.click(await screen.findByRole("button", { name: "Delete" }));
    dialog = screen.getByRole("alertdialog", { name: "Delete Standard onboarding?" });
    check(dialog);
  });

  it("creates a new template and moves to its address", async () => {
    const fetch = server({ "POST /api/templates": ({ body }) => json(201, { ...TEMPLATE, ...(body as object), id: "tpl_new" }), "GET /api/templates/tpl_new": () => json(200, TEMPLATE) });
    renderApp("/templates/new", fetch);
    fireEvent.input(await screen.findByLabelText("Name"), { target: { value: "Pilot" } });
    fireEvent.input(screen.getByLabelText("Milestone"), { target: { value: "Kickoff" } });
    fireEvent.input(screen.getByLabelText("Task 1 of Kickoff"), { target: { value: "Call" } });
    fireEvent.click(screen.getByRole("button", { name: "Create template" }));
    await waitFor(() => expect(location.pathname).toBe("/templates/tpl_new"));
    expect(fetch.calls.find((c) => c.method === "POST")?.body).toEqual({ name: "Pilot", description: "", milestones: [{ name: "Kickoff", offsetDays: 0, tasks: [{ title: "Call", owner: "csm", offsetDays: 0 }] }] });
    // The editor at the new address shows the template it loaded, not an empty form (QA saw one).
    await waitFor(() => expect((screen.getByLabelText("Name") as HTMLInputElement).value).toBe("Standard onboarding"));
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Standard onboarding");
    expect(screen.getByText("2 milestones, 3 tasks over 30 business days.")).toBeTruthy();
  });

  it("refuses a template without milestones, and shows a rename in the heading once saved", async () => {
    const fetch = server();
    renderApp("/templates/tpl_1", fetch);
    const name = await screen.findByLabelText("Name");
    fireEvent.input(name, { target: { value: "Standard onboarding v2" } });
    fireEvent.click(screen.getByRole("button", { name: "Save template" }));
    await waitFor(() => expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Standard onboarding v2"));

    fireEvent.click(screen.getByRole("button", { name: "Remove Welcome" }));
    fireEvent.click(screen.getByRole("button", { name: "Remove First value" }));
    fireEvent.click(screen.getByRole("button", { name: "Save template" }));
    await screen.findByText("Add at least one milestone: an empty plan gives the CSM nothing to do");
    expect(fetch.calls.filter((c) => c.method === "PUT")).toHaveLength(1);
  });

  it("asks before an in-app link leaves unsaved changes: Stay keeps them, Leave follows the link", async () => {
    renderApp("/templates/tpl_1", server({ "GET /api/workflows": () => json(200, { items: [], nextCursor: null }) }));
    const name = await screen.findByLabelText("Name");
    fireEvent.input(name, { target: { value: "Standard onboarding v2" } });

    fireEvent.click(screen.getByRole("link", { name: "← Templates" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Leave without saving?" });
    expect(location.pathname).toBe("/templates/tpl_1");
    fireEvent.click(within(dialog).getByRole("button", { name: "Stay" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(location.pathname).toBe("/templates/tpl_1");
    expect((screen.getByLabelText("Name") as HTMLInputElement).value).toBe("Standard onboarding v2");

    // A sidebar link, the same way; a link that opens elsewhere (modifier key) is the browser's and is not stopped.
    const sidebarLink = screen.getByRole("link", { name: "Workflows" });
    fireEvent.click(sidebarLink, { ctrlKey: true });
    expect(screen.queryByRole("alertdialog")).toBeNull();
    fireEvent.click(sidebarLink);
    const again = await screen.findByRole("alertdialog", { name: "Leave without saving?" });
    fireEvent.click(within(again).getByRole("button", { name: "Leave" }));
    await waitFor(() => expect(location.pathname).toBe("/workflows"));
  });

  it("lets a link leave at once when nothing changed", async () => {
    renderApp("/templates/tpl_1", server());
    await screen.findByLabelText("Name");
    fireEvent.click(screen.getByRole("link", { name: "← Templates" }));
    await waitFor(() => expect(location.pathname).toBe("/templates"));
    expect(screen.queryByRole("alertdialog")).toBeNull();
  });
});

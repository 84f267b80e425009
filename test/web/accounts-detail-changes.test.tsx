import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { beforeAll, describe, expect, it } from "vitest";
import { clearPeopleCache } from "../../web/pages/queue/use-people";
import { ADMIN, CSM, apiError, fakeFetch, json, renderApp } from "./helpers";

const PLAN = [
  { milestone: "Kickoff", dueAt: "2026-01-05", tasks: [{ title: "Kickoff call", owner: "csm", dueAt: "2026-01-05" }, { title: "Share admin list", owner: "customer", dueAt: "2026-01-07" }] },
  { milestone: "Training", dueAt: "2099-02-02", tasks: [{ title: "Admin training", owner: "customer", dueAt: "2099-02-02", done: true, doneAt: "2026-01-09T10:00:00Z", doneBy: { id: "u_x", name: "Pat Previous" } }] },
];
const ACCOUNT = {
  id: "acc_1",
  mode: "live",
  name: "Cobalt Ridge Health",
  domain: null,
  arr: null,
  segment: null,
  region: null,
  primaryContact: null,
  csm: { id: CSM.id, name: CSM.name, email: CSM.email },
  csmReason: null,
  template: { id: "tpl_1", name: "Enterprise onboarding" },
  plan: PLAN,
  startDate: "2026-01-05",
  source: { connector: "hubspot", objectId: "1", url: null },
  createdAt: "2026-01-05T10:00:00Z",
  updatedAt: "2026-01-05T10:00:00Z",
  runs: [],
};

beforeAll(async () => {
  await import("../../web/pages/accounts-detail");
});

/** A response the test releases when it wants to. */
function deferred() {
  let release!: (r: Response) => void;
  const promise = new Promise<Response>((r) => (release = r));
  return { promise, release };
}

const progress = () => screen.getByText(/tasks done$/).textContent;

describe("ticking plan tasks on the account page", () => {
  it("ticks a task at once, then shows who did it once the server agrees", async () => {
    const answer = deferred();
    const fetch = fakeFetch({
      "GET /api/me": () => json(200, CSM),
      "GET /api/accounts/acc_1": () => json(200, ACCOUNT),
      "PATCH /api/accounts/acc_1/plan/tasks/0.1": () => answer.promise,
    });
    renderApp("/accounts/acc_1", fetch);
    const box = (await screen.findByRole("checkbox", { name: /Share admin list/ })) as HTMLInputElement;
    expect(progress()).toBe("1 of 3 tasks done");
    const plan = screen.getByRole("list", { name: "Onboarding plan for Cobalt Ridge Health" });
    expect(within(plan).getByText("0 of 2 done")).toBeTruthy();
    expect(within(plan).getByText("1 of 1 done")).toBeTruthy();
    expect((screen.getByRole("checkbox", { name: /Admin training/ }) as HTMLInputElement).checked).toBe(true);
    expect(within(plan).getByText(/Done by Pat Previous/)).toBeTruthy();

    fireEvent.click(box);
    // Optimistic: ticked and counted before the server answers.
    await waitFor(() => expect(box.checked).toBe(true));
    expect(progress()).toBe("2 of 3 tasks done");
    expect(within(plan).getByText("1 of 2 done")).toBeTruthy();
    expect(fetch.calls.find((c) => c.method === "PATCH")?.body).toEqual({ done: true, title: "Share admin list" });

    const stored = { ...PLAN[0].tasks[1], done: true, doneAt: "2026-01-06T08:00:00Z", doneBy: { id: CSM.id, name: CSM.name } };
    answer.release(json(200, { task: stored, plan: [{ ...PLAN[0], tasks: [PLAN[0].tasks[0], stored] }, PLAN[1]] }));
    await waitFor(() => expect(within(plan).getAllByText(/Done by Cole Success/)).toHaveLength(1));
    expect(box.checked).toBe(true);
  });

  it("sends a task's ticks one at a time, in order, and ends on the latest", async () => {
    const answers = [deferred(), deferred()];
    let n = 0;
    const fetch = fakeFetch({
      "GET /api/me": () => json(200, CSM),
      "GET /api/accounts/acc_1": () => json(200, ACCOUNT),
      "PATCH /api/accounts/acc_1/plan/tasks/0.0": () => answers[n++].promise,
    });
    renderApp("/accounts/acc_1", fetch);
    const box = (await screen.findByRole("checkbox", { name: /Kickoff call/ })) as HTMLInputElement;
    const patches = () => fetch.calls.filter((c) => c.method === "PATCH").map((c) => c.body);
    fireEvent.click(box); // done…
    await waitFor(() => expect(box.checked).toBe(true));
    fireEvent.click(box); // …undone…
    await waitFor(() => expect(box.checked).toBe(false));
    fireEvent.click(box); // …and done again, all before the first answer
    await waitFor(() => expect(box.checked).toBe(true));
    fireEvent.click(box); // undone: the state wanted in the end
    await waitFor(() => expect(box.checked).toBe(false));
    // Only the first is on its way; the server could otherwise apply them out of order.
    expect(patches()).toEqual([{ done: true, title: "Kickoff call" }]);
    answers[0].release(json(200, { task: { ...PLAN[0].tasks[0], done: true, doneAt: "2026-01-06T08:00:00Z", doneBy: { id: CSM.id, name: CSM.name } }, plan: PLAN }));
    // Its answer does not tick the box again; one more request sends the latest state.
    await waitFor(() => expect(patches()).toEqual([{ done: true, title: "Kickoff call" }, { done: false, title: "Kickoff call" }]));
    expect(box.checked).toBe(false);
    answers[1].release(json(200, { task: { ...PLAN[0].tasks[0], done: false }, plan: PLAN }));
    await waitFor(() => expect(within(screen.getByRole("list", { name: /Onboarding plan/ })).getByText("0 of 2 done")).toBeTruthy());
    expect(box.checked).toBe(false);
    expect(progress()).toBe("1 of 3 tasks done");
    expect(patches()).toHaveLength(2);
  });

  it("reloads the plan, and says so, when it was applied again since the page loaded", async () => {
    const reapplied = [{ ...PLAN[0], tasks: [{ title: "Welcome call", owner: "csm", dueAt: "2026-01-05" }, PLAN[0].tasks[1]] }, PLAN[1]];
    let loads = 0;
    renderApp(
      "/accounts/acc_1",
      fakeFetch({
        "GET /api/me": () => json(200, CSM),
        "GET /api/accounts/acc_1": () => json(200, ++loads === 1 ? ACCOUNT : { ...ACCOUNT, plan: reapplied }),
        "PATCH /api/accounts/acc_1/plan/tasks/0.0": () => apiError(409, "plan_changed", "The plan changed since it was loaded: this task is now “Welcome call”. Reload to see the plan as it is."),
      }),
    );
    fireEvent.click(await screen.findByRole("checkbox", { name: /Kickoff call/ }));
    expect(await screen.findByText("The plan changed meanwhile")).toBeTruthy();
    const box = (await screen.findByRole("checkbox", { name: /Welcome call/ })) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(screen.queryByRole("checkbox", { name: /Kickoff call/ })).toBeNull();
    expect(loads).toBe(2);
  });

  it("says the account is no longer theirs when a tick is refused because its CSM changed meanwhile", async () => {
    let loads = 0;
    renderApp(
      "/accounts/acc_1",
      fakeFetch({
        "GET /api/me": () => json(200, CSM),
        "GET /api/accounts/acc_1": () => (++loads === 1 ? json(200, ACCOUNT) : apiError(403, "forbidden", "Only admins and the account's CSM can see it.")),
        "PATCH /api/accounts/acc_1/plan/tasks/0.0": () => apiError(403, "forbidden", "Only the account's CSM or an admin can update its plan."),
      }),
    );
    fireEvent.click(await screen.findByRole("checkbox", { name: /Kickoff call/ }));
    expect(await screen.findByText("This account isn't available to you")).toBeTruthy();
    expect(screen.queryByRole("checkbox", { name: /Kickoff call/ })).toBeNull();
    expect(loads).toBe(2);
  });

  it("puts the box back and says why when the server refuses", async () => {
    const answer = deferred();
    renderApp(
      "/accounts/acc_1",
      fakeFetch({
        "GET /api/me": () => json(200, ADMIN),
        "GET /api/accounts/acc_1": () => json(200, ACCOUNT),
        "PATCH /api/accounts/acc_1/plan/tasks/1.0": () => answer.promise,
      }),
    );
    const box = (await screen.findByRole("checkbox", { name: /Admin training/ })) as HTMLInputElement;
    fireEvent.click(box);
    await waitFor(() => expect(box.checked).toBe(false));
    expect(progress()).toBe("0 of 3 tasks done");
    answer.release(apiError(403, "forbidden", "Only the account's CSM or an admin can update its plan."));
    await waitFor(() => expect(box.checked).toBe(true));
    expect(progress()).toBe("1 of 3 tasks done");
    expect(await screen.findByText("Only the account's CSM or an admin can update its plan.")).toBeTruthy();
    expect(screen.getByText("“Admin training” was not updated")).toBeTruthy();
  });
});

const PEOPLE = [
  { id: CSM.id, name: CSM.name, email: CSM.email, role: "csm", outOfOffice: false },
  { id: "u_csm2", name: "Nia Next", email: "nia@example.com", role: "csm", outOfOffice: false },
  { id: ADMIN.id, name: ADMIN.name, email: ADMIN.email, role: "admin", outOfOffice: false },
];

describe("changing an account's CSM", () => {
  it("lets an admin pick another active CSM, and shows who changed it", async () => {
    clearPeopleCache();
    const fetch = fakeFetch({
      "GET /api/me": () => json(200, ADMIN),
      "GET /api/accounts/acc_1": () => json(200, ACCOUNT),
      "GET /api/directory": () => json(200, { items: PEOPLE }),
      "PUT /api/accounts/acc_1/csm": () => json(200, { csm: { id: "u_csm2", name: "Nia Next", email: "nia@example.com" }, csmReason: "Changed by Ada Admin" }),
    });
    renderApp("/accounts/acc_1", fetch);
    fireEvent.click(await screen.findByRole("button", { name: "Change CSM" }));
    const dialog = await screen.findByRole("dialog", { name: "Change CSM" });
    const select = within(dialog).getByLabelText("New CSM") as HTMLSelectElement;
    // The current CSM is not offered, nor an admin (who is no CSM).
    await waitFor(() => expect([...select.options].map((o) => o.textContent)).toEqual(["Choose a person…", "Nia Next · nia@example.com"]));
    fireEvent.click(within(dialog).getByRole("button", { name: "Change CSM" }));
    expect(await within(dialog).findByText("Choose the new CSM.")).toBeTruthy();
    fireEvent.change(select, { target: { value: "u_csm2" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Change CSM" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(fetch.calls.find((c) => c.method === "PUT")?.body).toEqual({ csmId: "u_csm2" });
    expect(screen.getByText("Changed by Ada Admin")).toBeTruthy();
    expect(screen.getByRole("link", { name: "nia@example.com" })).toBeTruthy();
  });

  it("keeps the dialog open with the server's reason when it refuses", async () => {
    clearPeopleCache();
    renderApp(
      "/accounts/acc_1",
      fakeFetch({
        "GET /api/me": () => json(200, ADMIN),
        "GET /api/accounts/acc_1": () => json(200, ACCOUNT),
        "GET /api/directory": () => json(200, { items: PEOPLE }),
        "PUT /api/accounts/acc_1/csm": () => apiError(422, "validation_failed", "Pick an active user as the CSM.", [{ path: "csmId", message: "This user is deactivated" }]),
      }),
    );
    fireEvent.click(await screen.findByRole("button", { name: "Change CSM" }));
    const dialog = await screen.findByRole("dialog", { name: "Change CSM" });
    const select = within(dialog).getByLabelText("New CSM") as HTMLSelectElement;
    await waitFor(() => expect(select.options.length).toBe(2));
    fireEvent.change(select, { target: { value: "u_csm2" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Change CSM" }));
    expect(await within(dialog).findByText(/Pick an active user as the CSM|This user is deactivated/)).toBeTruthy();
    expect(screen.getByRole("link", { name: CSM.email })).toBeTruthy();
  });

  it("offers a CSM no way to change it", async () => {
    renderApp("/accounts/acc_1", fakeFetch({ "GET /api/me": () => json(200, CSM), "GET /api/accounts/acc_1": () => json(200, ACCOUNT) }));
    await screen.findByRole("heading", { level: 1, name: "Cobalt Ridge Health" });
    expect(screen.queryByRole("button", { name: "Change CSM" })).toBeNull();
  });
});

import { screen } from "@testing-library/preact";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { QueueItem, QueueItemDetail } from "../../web/lib/api-types";
import { formatDateTime } from "../../web/components/due-badge";
import { clearPeopleCache } from "../../web/pages/queue/use-people";
import { clearQueueListCache } from "../../web/pages/queue/use-queue-list";
import { whyItIsHere } from "../../web/pages/queue/why";
import { ADMIN, CSM, fakeFetch, json, queueItem, renderApp } from "./helpers";

const WAITING = "The workflow “Closed Won onboarding” is waiting at “Manager approval”.";
const item = (extra: Partial<QueueItemDetail> = {}): QueueItemDetail => ({
  ...queueItem({ id: "qi_w", runId: "run_w", workflowName: "Closed Won onboarding", subject: { connector: "hubspot", objectId: "1", name: "Acme" } }),
  form: [],
  context: { workflowName: "Closed Won onboarding", step: "Manager approval", why: WAITING, instructions: null },
  ...extra,
});
const PEOPLE = [{ id: CSM.id, name: CSM.name, email: CSM.email, role: "csm" as const, outOfOffice: false }];
const people = new Map(PEOPLE.map((p) => [p.id, p]));
const DONE_AT = "2026-01-02T10:00:00Z";

describe("“Why it's here” says what happened to a finished item", () => {
  it("keeps the run's sentence while the item waits, open or claimed", () => {
    expect(whyItIsHere(item(), people, ADMIN)).toBe(WAITING);
    expect(whyItIsHere(item({ status: "claimed", claimedBy: CSM.id }), people, ADMIN)).toBe(WAITING);
  });

  it("completed: by whom (a user id, an e-mail, or the outcome's name) and when", () => {
    const on = formatDateTime(DONE_AT);
    expect(whyItIsHere(item({ status: "completed", completedAt: DONE_AT, completedBy: CSM.id }), people, ADMIN)).toBe(
      `The workflow “Closed Won onboarding” waited at “Manager approval” until ${CSM.name} completed it on ${on}.`,
    );
    expect(whyItIsHere(item({ status: "completed", completedAt: DONE_AT, completedBy: CSM.email }), people, CSM)).toBe(
      `The workflow “Closed Won onboarding” waited at “Manager approval” until you completed it on ${on}.`,
    );
    const fromOutcome = item({ status: "completed", completedAt: null, completedBy: null });
    fromOutcome.context.outcome = { port: "approved", by: "Pat Partner", decision: "approve", comment: null, csm: null, answers: [] };
    expect(whyItIsHere(fromOutcome, people, ADMIN)).toBe("The workflow “Closed Won onboarding” waited at “Manager approval” until Pat Partner completed it.");
    expect(whyItIsHere(item({ status: "completed" }), people, ADMIN)).toBe("The workflow “Closed Won onboarding” waited at “Manager approval” until it was completed.");
  });

  it("expired and cancelled: when, and what it meant for the run", () => {
    const on = formatDateTime(DONE_AT);
    expect(whyItIsHere(item({ status: "expired", completedAt: DONE_AT }), people, ADMIN)).toBe(
      `The workflow “Closed Won onboarding” waited at “Manager approval” until the task expired on ${on}: nobody acted before the due time, so the run took its timeout path.`,
    );
    expect(whyItIsHere(item({ status: "cancelled", completedAt: DONE_AT }), people, ADMIN)).toBe(
      `The workflow “Closed Won onboarding” waited at “Manager approval” until the task was cancelled on ${on}: the run was cancelled or moved on without it.`,
    );
  });

  it("the workflow's own instructions are not a state: they stay, also once the item is done", () => {
    const given = { workflowName: "Closed Won onboarding", step: "Manager approval", why: "Check the discount.", instructions: "Check the discount." };
    expect(whyItIsHere(item({ status: "completed", completedBy: CSM.id, context: given }), people, ADMIN)).toBe("Check the discount.");
  });
});

describe("queue item page", () => {
  beforeAll(async () => {
    await import("../../web/pages/queue");
  });
  beforeEach(() => {
    clearQueueListCache();
    clearPeopleCache();
  });

  it("a completed item's card no longer says the workflow is waiting", async () => {
    const done = item({ status: "completed", completedAt: DONE_AT, completedBy: CSM.id });
    const { form: _form, context: _context, ...listed } = done;
    renderApp(
      "/queue/qi_w",
      fakeFetch({
        "GET /api/me": () => json(200, ADMIN),
        "GET /api/queue": () => json(200, { items: [listed as QueueItem], nextCursor: null }),
        "GET /api/queue/counts": () => json(200, { open: 0, claimedByMe: 0, overdue: 0, assignedToMe: 0 }),
        "GET /api/directory": () => json(200, { items: PEOPLE }),
        "GET /api/directory/pools": () => json(200, { items: [] }),
        "GET /api/workflows": () => json(200, { items: [], nextCursor: null }),
        "GET /api/queue/qi_w": () => json(200, done),
      }),
    );
    const why = await screen.findByText(/waited at “Manager approval” until Cole Success completed it on /);
    expect(why.className).toBe("q-why");
    expect(screen.queryByText(WAITING)).toBeNull();
  });
});

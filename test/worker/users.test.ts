import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { call, db, expectErrorShape, makePool, makeUser, signedIn } from "./helpers";
import { createWorkflow, drive, edge, node } from "./run-helpers";
import { testRun } from "./ai-helpers";
import { schema } from "../../worker/db/client";
import { env } from "cloudflare:workers";
import { notifyAddresses, resolveAssignee } from "../../durable/tasks";
import type { RunEnv } from "../../durable/env";
import { outOfOfficeRange } from "../../worker/lib/out-of-office";
import { DAY } from "../../worker/lib/time";

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const patch = (cookie: string, id: string, body: unknown) => call(`/api/users/${id}`, { cookie, method: "PATCH", body });

describe("PATCH /api/users/:id", () => {
  it("an admin renames a user and sets an out-of-office with a return date; coming back clears the date", async () => {
    const { cookie } = await signedIn("admin");
    const csm = await makeUser({ role: "csm", name: "Cole Sucess" });
    const renamed = await patch(cookie, csm.id, { name: "  Cole Success " });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.json.user).toMatchObject({ name: "Cole Success", outOfOffice: false, outOfOfficeUntil: null });

    const back = day(Date.now() + 10 * DAY);
    // A date alone means away until then.
    const away = await patch(cookie, csm.id, { outOfOfficeUntil: back });
    expect(away.status, away.text).toBe(200);
    expect(away.json.user).toMatchObject({ outOfOffice: true, outOfOfficeUntil: back });
    const listed = (await call("/api/users", { cookie })).json.items.find((u: { id: string }) => u.id === csm.id);
    expect(listed).toMatchObject({ outOfOffice: true, outOfOfficeUntil: back });

    // Open-ended again, then back in the office: no stale date is left behind.
    expect((await patch(cookie, csm.id, { outOfOffice: true, outOfOfficeUntil: null })).json.user).toMatchObject({ outOfOffice: true, outOfOfficeUntil: null });
    await patch(cookie, csm.id, { outOfOfficeUntil: back });
    expect((await patch(cookie, csm.id, { outOfOffice: false })).json.user).toMatchObject({ outOfOffice: false, outOfOfficeUntil: null });
    // Today itself is a valid last day away.
    expect((await patch(cookie, csm.id, { outOfOffice: true, outOfOfficeUntil: day(Date.now()) })).status).toBe(200);
  });

  it("an admin changes a user's sign-in e-mail; one already in use is 409 and a malformed one 422, both changing nothing", async () => {
    const { cookie } = await signedIn("admin");
    const csm = await makeUser({ role: "csm", email: `old-${crypto.randomUUID()}@example.com`, password: "correct-horse" });
    const other = await makeUser({ role: "csm" });
    const fresh = `New.Address-${crypto.randomUUID()}@Example.com`;
    const changed = await patch(cookie, csm.id, { email: `  ${fresh} ` });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json.user.email).toBe(fresh.toLowerCase());
    // They sign in with the new address from now on, and no longer with the old one.
    expect((await call("/api/auth/login", { body: { email: fresh, password: "correct-horse" } })).status).toBe(200);
    expect((await call("/api/auth/login", { body: { email: csm.email, password: "correct-horse" } })).status).toBe(401);
    // Saving their own address again is no conflict.
    expect((await patch(cookie, csm.id, { email: fresh })).status).toBe(200);

    const taken = await patch(cookie, csm.id, { email: other.email.toUpperCase(), name: "Not Saved" });
    expect(taken.status, taken.text).toBe(409);
    expect(taken.json.error).toMatchObject({ code: "email_taken", message: "That e-mail is already in use." });
    const malformed = await patch(cookie, csm.id, { email: "not an e-mail" });
    expect(malformed.status).toBe(422);
    expectErrorShape(malformed.json);
    expect(malformed.json.error.details[0].path).toBe("email");
    expect(await db().select({ email: schema.users.email, name: schema.users.name }).from(schema.users).where(eq(schema.users.id, csm.id)).get()).toEqual({ email: fresh.toLowerCase(), name: csm.name });
    expect((await patch(cookie, "u_nobody", { email: `x-${crypto.randomUUID()}@example.com` })).status).toBe(404);
  });

  it("refuses a return date in the past, over a year ahead or not a date, with the API's error shape; a CSM may not change anyone", async () => {
    const { cookie } = await signedIn("admin");
    const csm = await makeUser({ role: "csm" });
    const { earliest, latest } = outOfOfficeRange(Date.now());
    const cases: [unknown, string][] = [
      [day(Date.parse(earliest) - DAY), "The return date is in the past."],
      [day(Date.parse(latest) + DAY), "The return date can be at most a year ahead."],
      ["2026-02-30", "Use a calendar date, YYYY-MM-DD."],
      ["next week", "Use a calendar date, YYYY-MM-DD."],
      [20261208, ""],
    ];
    for (const [value, message] of cases) {
      const r = await patch(cookie, csm.id, { outOfOffice: true, outOfOfficeUntil: value });
      expect(r.status, `${value}: ${r.text}`).toBe(422);
      expectErrorShape(r.json);
      expect(r.json.error.details[0].path).toBe("outOfOfficeUntil");
      if (message) expect(r.json.error.details[0].message).toBe(message);
    }
    expect((await patch(cookie, csm.id, { name: "" })).status).toBe(422);
    // Nothing was written by the refused calls.
    expect((await call(`/api/users/${csm.id}`, { cookie })).json).toMatchObject({ outOfOffice: false, outOfOfficeUntil: null });
    // The edges themselves are accepted.
    expect((await patch(cookie, csm.id, { outOfOfficeUntil: latest })).status).toBe(200);
    expect((await patch(cookie, csm.id, { outOfOfficeUntil: earliest })).status).toBe(200);

    const other = await signedIn("csm");
    const forbidden = await patch(other.cookie, csm.id, { name: "Nope", outOfOfficeUntil: day(Date.now() + DAY) });
    expect(forbidden.status).toBe(403);
    expectErrorShape(forbidden.json);
    const self = await patch(other.cookie, other.user.id, { outOfOfficeUntil: day(Date.now() + DAY) });
    expect(self.status).toBe(403);
  });

  it("a year ahead is measured from today anywhere on Earth, and no one's today is in the past", () => {
    const now = Date.parse("2026-12-04T09:00:00Z");
    expect(outOfOfficeRange(now)).toEqual({ earliest: "2026-12-03", latest: "2027-12-04" });
    // Late in the UTC day it is already tomorrow in Kiribati (UTC+14).
    expect(outOfOfficeRange(Date.parse("2026-12-04T23:00:00Z"))).toEqual({ earliest: "2026-12-04", latest: "2027-12-05" });
  });

  it("once its last day has passed an out-of-office is over: assignment picks the person again and the pool and directory show them available", async () => {
    const { cookie } = await signedIn("admin");
    const stillAway = await makeUser({ role: "csm", name: "Away Still" });
    const returned = await makeUser({ role: "csm", name: "Away Returned" });
    await patch(cookie, stillAway.id, { outOfOfficeUntil: day(Date.now() + 5 * DAY) });
    await patch(cookie, returned.id, { outOfOfficeUntil: day(Date.now() + 5 * DAY) });
    // Time passes: the API refuses a past day, so move this one's last day back in D1 as the calendar would.
    await db().update(schema.users).set({ outOfOfficeUntil: day(Date.now() - 2 * DAY) }).where(eq(schema.users.id, returned.id));

    const poolId = await makePool([stillAway.id, returned.id]);
    const wf = await createWorkflow(cookie, {
      nodes: [
        node("t", "trigger.hubspot", { connectorId: "conn_demo", stageIds: ["closedwon"] }),
        node("a", "action.assign_csm", { poolId, strategy: "round_robin", skipOutOfOffice: true }),
        node("ok", "end", {}),
        node("nobody", "end", { outcome: "failed", reason: "nobody" }),
      ],
      edges: [edge("t", "a"), edge("a", "ok", "out"), edge("a", "nobody", "none")],
    });
    const run = await drive(cookie, await testRun(cookie, wf));
    expect(run.status, JSON.stringify(run.steps)).toBe("completed");
    expect(run.steps.find((s: { nodeId: string }) => s.nodeId === "a").output).toMatchObject({ csmId: returned.id });

    const pool = (await call(`/api/pools/${poolId}`, { cookie })).json;
    expect(Object.fromEntries(pool.members.map((m: { userId: string; outOfOffice: boolean }) => [m.userId, m.outOfOffice]))).toEqual({ [stillAway.id]: true, [returned.id]: false });
    const people = (await call(`/api/directory?poolId=${poolId}`, { cookie })).json.items;
    expect(Object.fromEntries(people.map((p: { id: string; outOfOffice: boolean }) => [p.id, p.outOfOffice]))).toEqual({ [stillAway.id]: true, [returned.id]: false });
    // A task for one of them: the one still away hands it to the pool; reminders go to the one back.
    const runEnv = env as unknown as RunEnv;
    expect(await resolveAssignee(runEnv, { userId: returned.id }, poolId)).toMatchObject({ assigneeId: returned.id });
    expect(await resolveAssignee(runEnv, { userId: stillAway.id }, poolId)).toMatchObject({ assigneeId: null, poolId });
    expect(await notifyAddresses(runEnv, { assigneeId: null, poolId, assigneeEmail: null })).toEqual([returned.email]);
  });
});

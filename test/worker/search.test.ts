import { describe, expect, it } from "vitest";
import { schema } from "../../worker/db/client";
import { newId } from "../../worker/lib/crypto";
import { iso } from "../../worker/lib/time";
import { call, db, expectErrorShape, login, makePool, makeUser, signedIn } from "./helpers";

/**
 * `?q=` on the Accounts, Queue and Outbox lists: what it finds, that `%`, `_` and `\` are only
 * characters, that it narrows the other filters and never widens what a CSM may see, and that
 * pages follow the searched list. Tests share one D1 per file, so each one names its rows with a
 * token of its own and searches for it.
 */

/** Letters and digits only: base64url ids hold `_` and `-`, which these tests search for on purpose. */
const token = () => Math.random().toString(36).slice(2, 8);
const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
const search = (text: string) => encodeURIComponent(text);

async function get(path: string, cookie: string) {
  const r = await call(path, { cookie });
  expect(r.status, r.text).toBe(200);
  return r.json as { items: { id: string }[]; nextCursor: string | null };
}
const idsOf = async (path: string, cookie: string) => (await get(path, cookie)).items.map((x) => x.id);

/** Every page of a list, two at a time, following nextCursor. */
async function allPages(path: string, cookie: string) {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const p = await get(`${path}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, cookie);
    ids.push(...p.items.map((x) => x.id));
    cursor = p.nextCursor;
  } while (cursor);
  return ids;
}

async function expectTooLong(path: string, cookie: string) {
  const r = await call(`${path}${path.includes("?") ? "&" : "?"}q=${"x".repeat(201)}`, { cookie });
  // Every invalid query answers 422 validation_failed (worker/lib/openapi.ts), as runs' q does.
  expect(r.status, r.text).toBe(422);
  expectErrorShape(r.json);
  expect(r.json.error.code).toBe("validation_failed");
  expect(r.json.error.details[0].path).toBe("q");
  // 200 characters is the limit, not over it (spaces around it are trimmed first).
  expect((await call(`${path}${path.includes("?") ? "&" : "?"}q=${search(` ${"x".repeat(200)} `)}`, { cookie })).status).toBe(200);
}

describe("GET /api/accounts?q=", () => {
  type Account = typeof schema.accounts.$inferInsert;
  async function account(over: Partial<Account> & { name: string }, minutesAgo: number) {
    const id = newId("acct_");
    await db()
      .insert(schema.accounts)
      .values({ id, mode: "live", sourceConnector: "hubspot", sourceObjectId: `crm-${token()}`, csmId: null, plan: [], createdAt: at(minutesAgo), updatedAt: iso(), ...over });
    return id;
  }

  it("finds accounts by name, domain, CRM record id and CSM name or e-mail, ignoring case, with % and _ taken literally", async () => {
    const { cookie } = await signedIn("admin");
    const t = token();
    const csm = await makeUser({ role: "csm", name: `Robin ${t} Vale`, email: `robin.${t}@example.com` });
    const quill = await account({ name: `Quillmark ${t} Studios`, domain: `quillmark-${t}.example.com` }, 5);
    const fern = await account({ name: `Ferncastle ${t} 100% Labs`, sourceObjectId: `f_${t}`, csmId: csm.id }, 4);
    const back = await account({ name: `Backslash ${t} a\\b Co` }, 3);
    const ids = (q: string) => idsOf(`/api/accounts?limit=200&q=${search(q)}`, cookie);

    expect(await ids(`QUILLMARK ${t}`)).toEqual([quill]); // case does not matter
    expect(await ids(`  quillmark-${t}.example `)).toEqual([quill]); // the domain; spaces around are trimmed
    expect(await ids(`f_${t}`)).toEqual([fern]); // the CRM record id
    expect(await ids(`f${t}`)).toEqual([]);
    expect(await ids(`fx${t}`)).toEqual([]); // "_" is not "any one character"
    expect(await ids(`${t} 100%`)).toEqual([fern]);
    expect(await ids(`${t} 1%`)).toEqual([]); // "%" is not "anything"
    expect(await ids(`${t} a\\b`)).toEqual([back]); // nor is "\" an escape of the user's
    expect(await ids(`Robin ${t}`)).toEqual([fern]); // the CSM's name
    expect(await ids(`robin.${t}@`)).toEqual([fern]); // and e-mail
    expect((await ids(t)).sort()).toEqual([quill, fern, back].sort());
    expect((await ids(`no such ${t}`))).toEqual([]);
  });

  it("narrows the CSM and test filters, and pages through the matches in order", async () => {
    const { cookie } = await signedIn("admin");
    const t = token();
    const csm = await makeUser({ role: "csm" });
    const mine = [];
    for (let i = 0; i < 5; i++) mine.push(await account({ name: `Paged ${t} ${i}`, csmId: i % 2 ? csm.id : null }, 10 - i));
    const testOne = await account({ name: `Paged ${t} test`, mode: "test" }, 1);
    await account({ name: `Other ${token()}` }, 0);

    const newestFirst = [...mine].reverse();
    expect(await allPages(`/api/accounts?q=${t}`, cookie)).toEqual(newestFirst);
    expect(await allPages(`/api/accounts?q=${t}&mode=all`, cookie)).toEqual([testOne, ...newestFirst]);
    expect(await allPages(`/api/accounts?q=${t}&csmId=${csm.id}`, cookie)).toEqual([mine[3], mine[1]]);
    expect(await allPages(`/api/accounts?q=${t}&csmId=none`, cookie)).toEqual([mine[4], mine[2], mine[0]]);
  });

  it("never shows a CSM another CSM's account, whatever they search for", async () => {
    const t = token();
    const me = await makeUser({ role: "csm", name: `Casey ${t}` });
    const other = await makeUser({ role: "csm", name: `Other ${t}` });
    const own = await account({ name: `Own ${t} Co`, csmId: me.id }, 2);
    const theirs = await account({ name: `Theirs ${t} Co`, csmId: other.id }, 1);
    const unowned = await account({ name: `Nobody ${t} Co` }, 0);
    const cookie = await login(me.email);
    const ids = (q: string) => idsOf(`/api/accounts?limit=200&q=${search(q)}`, cookie);

    expect(await ids(t)).toEqual([own]);
    expect(await ids(`Theirs ${t}`)).toEqual([]);
    expect(await ids(`Other ${t}`)).toEqual([]); // the other CSM's name finds nothing of theirs
    expect(await ids(`Nobody ${t}`)).toEqual([]);
    // Asking for another CSM's accounts does not help either: a CSM's filter is always themselves.
    expect(await idsOf(`/api/accounts?csmId=${other.id}&q=${t}`, cookie)).toEqual([own]);
    expect(await idsOf(`/api/accounts?csmId=none&q=${t}`, cookie)).toEqual([own]);
    expect(theirs && unowned).toBeTruthy();
  });

  it("refuses a search over 200 characters with the API's error shape", async () => {
    const { cookie } = await signedIn("admin");
    await expectTooLong("/api/accounts", cookie);
  });
});

describe("GET /api/queue?q=", () => {
  type Item = typeof schema.queueItems.$inferInsert;
  const HOUR = 3_600_000;
  async function item(over: Partial<Item>) {
    const row: Item = {
      id: newId("qi_"),
      runId: newId("run_"),
      workflowId: "wf_search",
      workflowName: "Search workflow",
      nodeId: "n",
      kind: "review",
      title: "Task",
      status: "open",
      createdAt: iso(),
      mode: "live",
      subject: { connector: "hubspot", objectId: "1", name: null },
      form: [],
      context: {},
      ...over,
    };
    await db().insert(schema.queueItems).values(row);
    return row.id;
  }
  const due = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

  it("finds items by title, account and workflow name, ignoring case, with % and _ taken literally", async () => {
    const { cookie } = await signedIn("admin");
    const t = token();
    const byTitle = await item({ title: `Approve ${t} 50% discount`, dueAt: due(1) });
    const byAccount = await item({ subject: { connector: "hubspot", objectId: "2", name: `Quillmark ${t} Studios` }, dueAt: due(2) });
    const byWorkflow = await item({ workflowId: `wf_${t}`, workflowName: `Renewal_${t} flow`, dueAt: due(3) });
    const ids = (q: string, more = "") => idsOf(`/api/queue?status=active&limit=200${more}&q=${search(q)}`, cookie);

    expect(await ids(`APPROVE ${t}`)).toEqual([byTitle]);
    expect(await ids(`${t} 50%`)).toEqual([byTitle]);
    expect(await ids(`${t} 5%`)).toEqual([]);
    expect(await ids(`quillmark ${t}`)).toEqual([byAccount]);
    expect(await ids(` renewal_${t} `)).toEqual([byWorkflow]);
    expect(await ids(`renewalx${t}`)).toEqual([]);
    expect(await ids(t)).toEqual([byTitle, byAccount, byWorkflow]); // due order, as without a search
    expect(await ids(`nothing ${t}`)).toEqual([]);
  });

  it("narrows the view's filters (kind, workflow, overdue, done, test) and pages through the matches", async () => {
    const { cookie } = await signedIn("admin");
    const t = token();
    const matching = [];
    for (let i = 0; i < 5; i++) matching.push(await item({ title: `Batch ${t} ${i}`, kind: i % 2 ? "approval" : "review", dueAt: due(i - 1.5) }));
    const done = await item({ title: `Batch ${t} done`, status: "completed", completedAt: iso() });
    const test = await item({ title: `Batch ${t} test`, mode: "test", dueAt: due(1) });
    const otherWorkflow = await item({ title: `Batch ${t} elsewhere`, workflowId: `wf_other_${t}`, dueAt: due(10) });
    await item({ title: `Unrelated ${token()}`, dueAt: due(0) });

    expect(await allPages(`/api/queue?status=active&workflowId=wf_search&q=${t}`, cookie)).toEqual(matching);
    expect(await allPages(`/api/queue?status=active&q=${t}`, cookie)).toEqual([...matching, otherWorkflow]);
    expect(await allPages(`/api/queue?status=active&kind=approval&q=${t}`, cookie)).toEqual([matching[1], matching[3]]);
    expect(await allPages(`/api/queue?status=active&overdue=true&q=${t}`, cookie)).toEqual([matching[0], matching[1]]);
    expect(await allPages(`/api/queue?status=done&q=${t}`, cookie)).toEqual([done]);
    expect(await allPages(`/api/queue?status=active&mode=test&q=${t}`, cookie)).toEqual([test]);
    expect(await allPages(`/api/queue?status=active&assignee=unassigned&q=${search(`${t} 4`)}`, cookie)).toEqual([matching[4]]);
  });

  it("never shows a CSM an item outside their own and their pools', whatever they search for; My items and Pool stay theirs", async () => {
    const t = token();
    const me = await makeUser({ role: "csm" });
    const other = await makeUser({ role: "csm" });
    const myPool = await makePool([me.id]);
    const otherPool = await makePool([other.id]);
    const assigned = await item({ title: `Visible ${t} assigned`, assigneeId: me.id, dueAt: due(1) });
    const claimed = await item({ title: `Visible ${t} claimed`, claimedBy: me.id, status: "claimed", assigneeId: other.id, dueAt: due(2) });
    const pooled = await item({ title: `Visible ${t} pooled`, poolId: myPool, dueAt: due(3) });
    await item({ title: `Hidden ${t} theirs`, assigneeId: other.id, dueAt: due(0) });
    await item({ title: `Hidden ${t} their pool`, poolId: otherPool, dueAt: due(0) });
    await item({ title: `Hidden ${t} nobody's`, dueAt: due(0) });
    const cookie = await login(me.email);

    expect(await allPages(`/api/queue?status=active&q=${t}`, cookie)).toEqual([assigned, claimed, pooled]);
    expect(await allPages(`/api/queue?status=active&q=${search(`Hidden ${t}`)}`, cookie)).toEqual([]);
    expect(await allPages(`/api/queue?status=active&assignee=me&q=${t}`, cookie)).toEqual([assigned, claimed]);
    expect(await allPages(`/api/queue?status=active&pool=mine&q=${t}`, cookie)).toEqual([pooled]);
    expect(await allPages(`/api/queue?status=active&pool=${otherPool}&q=${t}`, cookie)).toEqual([]);
    expect(await allPages(`/api/queue?status=active&assignee=${other.id}&q=${t}`, cookie)).toEqual([claimed]);
  });

  it("keeps the tab counts to the view (they count the tabs, not the search), and refuses a search over 200 characters", async () => {
    const { cookie } = await signedIn("admin");
    const before = (await call("/api/queue/counts", { cookie })).json;
    expect((await call(`/api/queue/counts?q=${token()}`, { cookie })).json).toEqual(before);
    await expectTooLong("/api/queue?status=active", cookie);
  });
});

describe("GET /api/outbox?q=", () => {
  type Email = typeof schema.outboxEmails.$inferInsert;
  async function email(over: Partial<Email>, minutesAgo: number) {
    const id = newId("em_");
    await db()
      .insert(schema.outboxEmails)
      .values({ id, idempotencyKey: id, to: "someone@example.com", subject: "Hello", text: "Hi.", mode: "live", provider: "outbox", createdAt: at(minutesAgo), ...over });
    return id;
  }
  async function run(subjectName: string) {
    const id = `run_${crypto.randomUUID().replace(/-/g, "")}`;
    await db().insert(schema.runs).values({
      id,
      workflowId: "wf_search",
      workflowName: "Welcome",
      mode: "live",
      status: "completed",
      currentNodeIds: [],
      startedAt: iso(),
      subjectConnector: "hubspot",
      subjectObjectId: "42",
      subjectName,
      updatedAt: iso(),
    });
    return id;
  }

  it("finds e-mails by recipient, subject and account, ignoring case, with % and _ taken literally", async () => {
    const { cookie } = await signedIn("admin");
    const t = token();
    const runId = await run(`Brightline ${t} Analytics`);
    const byTo = await email({ to: `maya_${t}@example.com` }, 5);
    const byCc = await email({ cc: `lee.${t}@example.com` }, 4);
    const bySubject = await email({ subject: `Welcome ${t}: 100% ready` }, 3);
    const byAccount = await email({ runId }, 2);
    const ids = (q: string) => idsOf(`/api/outbox?limit=200&q=${search(q)}`, cookie);

    expect(await ids(`MAYA_${t}`)).toEqual([byTo]);
    expect(await ids(`mayax${t}`)).toEqual([]);
    expect(await ids(`lee.${t}`)).toEqual([byCc]);
    expect(await ids(`${t}: 100%`)).toEqual([bySubject]);
    expect(await ids(`${t}: 1%`)).toEqual([]);
    expect(await ids(`brightline ${t}`)).toEqual([byAccount]);
    expect(await ids(t)).toEqual([byAccount, bySubject, byCc, byTo]); // newest first
  });

  it("narrows the mode and run filters, pages through the matches, and stays for admins only", async () => {
    const { cookie } = await signedIn("admin");
    const t = token();
    const runId = await run(`Paged ${t}`);
    const live = [];
    for (let i = 0; i < 5; i++) live.push(await email({ subject: `Batch ${t} ${i}`, runId: i < 2 ? runId : null }, 10 - i));
    const test = await email({ subject: `Batch ${t} test`, mode: "test" }, 1);

    expect(await allPages(`/api/outbox?q=${t}`, cookie)).toEqual([test, ...[...live].reverse()]);
    expect(await allPages(`/api/outbox?mode=live&q=${t}`, cookie)).toEqual([...live].reverse());
    expect(await allPages(`/api/outbox?mode=test&q=${t}`, cookie)).toEqual([test]);
    expect(await allPages(`/api/outbox?runId=${runId}&q=${search(`Batch ${t} 1`)}`, cookie)).toEqual([live[1]]);

    const { cookie: csm } = await signedIn("csm");
    const r = await call(`/api/outbox?q=${t}`, { cookie: csm });
    expect(r.status).toBe(403);
    expectErrorShape(r.json);
    await expectTooLong("/api/outbox", cookie);
  });
});

describe("a long search (past D1's 50-byte LIKE pattern)", () => {
  it("finds the same, literally and ignoring case, on every list, with rows to compare (D1 refused such a pattern with a 500)", async () => {
    const { cookie } = await signedIn("admin");
    const t = token();
    // 120 characters with `%`, `_`, `\` and non-ASCII letters: far past 50 bytes as a pattern.
    const long = `Long ${t} name with 100% of the_words \\ and Ünïcödé letters, repeated until it is long enough to matter ${t}`;
    expect(long.length).toBeGreaterThan(100);
    const upper = long.replace(/[a-z]/g, (c) => c.toUpperCase()); // ASCII letters only, as SQLite folds them
    const near = long.replace("100%", "100x").replace("the_words", "thexwords");

    const accountId = newId("acct_");
    const nearAccount = newId("acct_");
    for (const [id, name] of [[accountId, long], [nearAccount, near]]) {
      await db().insert(schema.accounts).values({ id, mode: "live", name, sourceConnector: "hubspot", sourceObjectId: `crm-${token()}`, plan: [], createdAt: iso(), updatedAt: iso() });
    }
    const itemIds = [newId("qi_"), newId("qi_")];
    for (const [i, title] of [long, near].entries()) {
      await db().insert(schema.queueItems).values({ id: itemIds[i]!, runId: newId("run_"), workflowId: "wf_long", workflowName: "Long", nodeId: "n", kind: "review", title, status: "open", createdAt: iso(), mode: "live", subject: { connector: null, objectId: null, name: null }, form: [], context: {} });
    }
    const emailIds = [newId("em_"), newId("em_")];
    for (const [i, subject] of [long, near].entries()) {
      await db().insert(schema.outboxEmails).values({ id: emailIds[i]!, idempotencyKey: emailIds[i]!, to: "x@example.com", subject, text: ".", mode: "live", provider: "outbox", createdAt: iso() });
    }
    const runIds = [`run_${crypto.randomUUID().replace(/-/g, "")}`, `run_${crypto.randomUUID().replace(/-/g, "")}`];
    for (const [i, subjectName] of [long, near].entries()) {
      await db().insert(schema.runs).values({ id: runIds[i]!, workflowId: "wf_long", workflowName: "Long", mode: "live", status: "completed", currentNodeIds: [], startedAt: iso(), subjectName, updatedAt: iso() });
    }

    for (const q of [long.slice(5), upper.slice(5)]) {
      const query = `q=${search(q)}&limit=200`;
      expect(await idsOf(`/api/accounts?${query}`, cookie)).toEqual([accountId]);
      expect(await idsOf(`/api/queue?status=active&${query}`, cookie)).toEqual([itemIds[0]]);
      expect(await idsOf(`/api/outbox?${query}`, cookie)).toEqual([emailIds[0]]);
      expect(await idsOf(`/api/runs?${query}`, cookie)).toEqual([runIds[0]]);
    }
    // Non-ASCII letters are matched as they are (SQLite folds ASCII letters only).
    expect(await idsOf(`/api/accounts?q=${search(long.slice(5).replace("Ü", "ü"))}`, cookie)).toEqual([]);
  });

  it("answers any text without a server error, short or long, with rows to compare", async () => {
    const { cookie } = await signedIn("admin");
    // Raw query-string values: quotes, wildcards, a NUL, emoji past 50 bytes, bytes that are not UTF-8.
    const raw = ["%27", "%22", "%5C", "%25%25", "_", "%00", "a%00b", encodeURIComponent("😀".repeat(13)), encodeURIComponent("é".repeat(24)), "%ED%A0%80", "%FF", "%E2%80%AE", "+"];
    for (const path of ["/api/accounts", "/api/queue?status=active", "/api/queue?status=done&assignee=me", "/api/outbox", "/api/runs?mode=all"]) {
      for (const value of raw) {
        const r = await call(`${path}${path.includes("?") ? "&" : "?"}q=${value}`, { cookie });
        expect(r.status, `${path} q=${value}: ${r.text}`).toBe(200);
      }
    }
  });
});

describe("the OpenAPI document", () => {
  it("describes q on the accounts, queue and outbox lists", async () => {
    const doc = (await call("/api/openapi.json")).json;
    for (const path of ["/api/accounts", "/api/queue", "/api/outbox", "/api/runs"]) {
      const q = doc.paths[path].get.parameters.find((p: { name: string; in: string }) => p.name === "q" && p.in === "query");
      expect(q, path).toBeTruthy();
      expect(q.required ?? false).toBe(false);
      expect(q.description, path).toMatch(/contains this text/);
      expect(q.schema).toMatchObject({ type: "string", maxLength: 200 });
    }
  });
});

import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asAdmin, createWorkflow, deliver, closedWonBody, edge, hubspotConnectorId, leakedSecrets, listAll, logOf, node, sampleDeal, secretValues, shared, until, type Client } from "./helpers";

/**
 * Hostile input: script payloads in every kind of text a user or a CRM can put in — workflow,
 * node, template, pool, user and connector names, form answers (signed in and on the external
 * form), CRM record fields, e-mail subjects — rendered in Chromium on every page that shows them.
 * Each payload would set `window.__xss`; it must stay unset in the page and in every frame, no
 * dialog may open and no link may carry a `javascript:` address. Then: no secret in wrangler's log.
 */
const P = `"><img src=x onerror=window.__xss=1><script>window.__xss=2</script><svg onload=window.__xss=3>`;
const LINK = "javascript:window.__xss=4";

describe("hostile input", () => {
  let browser: Browser;
  let admin: Client;
  const pages: string[] = [];
  let formToken = "";
  let unusedForm: { text: string; problems: string[] } = { text: "", problems: [] };

  beforeAll(async () => {
    const s = shared();
    admin = await asAdmin(s.url);
    const hub = await hubspotConnectorId(admin);
    const poolId = s.seeded.pools.general;
    const tpl = await admin.must("POST", "/api/templates", { name: `T ${P}`.slice(0, 120), description: P, milestones: [{ name: `M ${P}`, offsetDays: 0, tasks: [{ title: `Task ${P}`, owner: "csm", offsetDays: 2 }] }] }, 201);
    const user = await admin.must("POST", "/api/users", { email: `xss-${Date.now()}@example.com`, name: `U ${P}`.slice(0, 120), role: "csm", password: "hostile-password-1" }, 201);
    // Only its name matters: the pool pages render it.
    await admin.must("POST", "/api/pools", { name: `Pool ${P}`.slice(0, 120), members: [{ userId: (user.user ?? user).id, weight: 1, capacity: 5 }] }, 201);
    const con = await admin.must("POST", "/api/connectors", { kind: "hubspot", name: `C ${P}`.slice(0, 120), credentials: { accessToken: "pat-hostile-token", clientSecret: "hostile-client-secret", apiBaseUrl: s.fakeCrms.hubspot } }, 201);
    const fields = [
      { key: "answer", label: `Answer ${P}`, type: "text", required: true },
      { key: "choice", label: `Choice ${P}`, type: "select", options: [P, "plain"] },
    ];
    const wf = await createWorkflow(admin, `W ${P}`.slice(0, 120), {
      nodes: [
        node("trigger", "trigger.hubspot", { connectorId: hub, stageIds: ["closedwon"] }, 0, `Trigger ${P}`),
        node("account", "action.create_account", {}, 1, `Account ${P}`),
        node("set", "action.set_data", { values: { note: P, link: LINK } }, 2, `Set ${P}`),
        node("mail", "action.send_email", { to: "{{deal.primaryContact.email}}", subject: `Hello ${P} {{deal.company.name}}`, body: `Body ${P} {{deal.name}}` }, 3, `Mail ${P}`),
        node("handoff", "human.handoff", { title: `Handoff ${P}`, recipient: "ae@example.com", fields }, 4, `Handoff ${P}`),
        node("form", "human.form", { title: `Form ${P} {{deal.company.name}}`, instructions: P, assignee: { poolId }, fields }, 5, `Form ${P}`),
        node("done", "end", { outcome: "completed" }, 6, `Done ${P}`),
        node("late", "end", { outcome: "failed", reason: P }, 6, `Late ${P}`),
      ],
      edges: [edge("trigger", "account"), edge("account", "set"), edge("set", "mail"), edge("mail", "handoff"), edge("handoff", "form", "done"), edge("handoff", "late", "timeout"), edge("form", "done", "done"), edge("form", "late", "timeout")],
    });
    await admin.must("PUT", `/api/workflows/${wf}`, { description: P });
    const deal = sampleDeal(`xss-${Date.now()}`, {
      name: P,
      url: LINK,
      company: { name: `Co ${P}`, domain: LINK, industry: P, employees: 1, country: P, region: P },
      primaryContact: { name: P, email: "contact@xss.example.com" },
      owner: { name: P, email: "owner@xss.example.com" },
      properties: { dealname: P, notes: P },
    });
    const { runId } = await admin.must("POST", `/api/workflows/${wf}/test`, { deal }, 201);
    // The external form link goes out by e-mail: take it from the outbox.
    const mail = await until(
      async () => (await admin.must("GET", `/api/outbox?mode=test&runId=${runId}`)).items.find((m: { text: string }) => /\/forms\/[A-Za-z0-9_-]+/.test(m.text)),
      { ms: 60_000, every: 500, what: "the handoff e-mail" },
    );
    formToken = /\/forms\/([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    const form = await until(async () => {
      const r = await admin.get(`/api/forms/${formToken}`);
      return r.status === 200 ? r.json : null;
    }, { ms: 30_000, what: "the external form" });
    expect(form.fields.length).toBe(2);
    // Open the external form before it is used (afterwards it answers 410).
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    unusedForm = await checkPage(`/forms/${formToken}`, null);
    await until(async () => (await admin.post(`/api/forms/${formToken}`, { data: { answer: P, choice: P } })).status === 200, { ms: 30_000, what: "the external form answer" });
    const item = await until(async () => (await admin.must("GET", `/api/queue?mode=test&runId=${runId}&status=active`)).items[0], { ms: 60_000, every: 500, what: "the form task" });
    await admin.must("POST", `/api/queue/${item.id}/claim`);
    // A second, identical run stays open so the queue shows a live task with hostile fields.
    const second = await admin.must("POST", `/api/workflows/${wf}/test`, { deal: { ...deal, objectId: `${deal.objectId}-2` } }, 201);
    await admin.must("POST", `/api/queue/${item.id}/complete`, { data: { answer: P, choice: P } });
    await until(async () => (await admin.must("GET", `/api/runs/${runId}`)).status === "completed", { ms: 60_000, every: 500, what: "the run to complete" });

    // A CRM record field from the CRM itself: the fake HubSpot deal's name, through a signed webhook.
    const dealId = 90_000_000_000 + (Date.now() % 1_000_000);
    await fetch(`${s.fakeCrms.hubspot}/__fake/set`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: "pat-demo-0000-hubspot-token", dealId: String(dealId), properties: { dealname: P, dealstage: "closedwon", description: P } }) });
    const hook = await deliver(s.hubspotWebhookUrl, closedWonBody(dealId, Date.now()));
    expect(hook.status).toBe(200);
    const liveRun = JSON.parse(hook.text).events[0].runIds[0];

    const acct = (await listAll(admin, "/api/accounts?mode=test")).find((a: { name: string }) => a.name?.includes("onerror"));
    const queueItem = second.runId ? await until(async () => (await admin.must("GET", `/api/queue?mode=test&runId=${second.runId}&status=active`)).items[0], { ms: 60_000, every: 500, what: "the second run's task" }) : null;
    pages.push(
      "/workflows",
      `/workflows/${wf}`,
      `/workflows/${wf}/runs`,
      "/runs",
      `/runs/${runId}`,
      `/runs/${liveRun}`,
      "/queue?tab=all&test=1",
      ...(queueItem ? [`/queue/${queueItem.id}?tab=all&test=1`] : []),
      "/accounts?test=1",
      ...(acct ? [`/accounts/${acct.id}`] : []),
      "/templates",
      `/templates/${tpl.id ?? tpl.template?.id}`,
      "/team",
      "/connectors",
      `/connectors/${con.id ?? con.connector?.id}`,
      "/outbox",
      "/settings",
    );
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Loads a page (signed in unless `cookie` is null) and checks no payload ran. */
  async function checkPage(path: string, cookie: string | null): Promise<{ text: string; problems: string[] }> {
    const s = shared();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: s.url });
    if (cookie) {
      const [name, value] = cookie.split("=");
      await context.addCookies([{ name, value, url: s.url }]);
    }
    const page: Page = await context.newPage();
    const problems: string[] = [];
    page.on("dialog", (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(path);
    await page.waitForLoadState("networkidle", { timeout: 20_000 }).catch(() => undefined);
    await page.waitForTimeout(500);
    // Open whatever is collapsed so details render too.
    for (const el of (await page.locator("summary, [aria-expanded=false]").all()).slice(0, 20)) await el.click({ timeout: 1000 }).catch(() => undefined);
    await page.waitForTimeout(300);
    for (const frame of page.frames()) {
      const flag = await frame.evaluate(() => (window as unknown as { __xss?: unknown }).__xss).catch(() => undefined);
      if (flag !== undefined) problems.push(`payload ran in ${frame === page.mainFrame() ? "the page" : `a frame (${frame.url()})`}: __xss=${flag}`);
    }
    const badLinks = await page.evaluate(() => [...document.querySelectorAll("a[href], iframe[src], form[action]")].map((a) => a.getAttribute("href") ?? a.getAttribute("src") ?? a.getAttribute("action") ?? "").filter((h) => /^\s*javascript:/i.test(h)));
    if (badLinks.length) problems.push(`javascript: links ${badLinks.join(", ")}`);
    const frames = await page.evaluate(() => [...document.querySelectorAll("iframe")].map((f) => f.getAttribute("sandbox")));
    for (const sb of frames) if (sb === null || /allow-scripts/.test(sb)) problems.push(`iframe without a script-free sandbox (${sb})`);
    const text = await page.locator("body").innerText();
    await context.close();
    return { text, problems };
  }

  it("no payload runs on any page that shows hostile text, and the text shows as text", { timeout: 300_000 }, async () => {
    const problems: string[] = [];
    let shown = 0;
    for (const p of pages) {
      const r = await checkPage(p, admin.cookie);
      problems.push(...r.problems.map((x) => `${p}: ${x}`));
      if (r.text.includes("onerror=window.__xss")) shown++;
    }
    expect(problems).toEqual([]);
    // The payload is displayed literally (escaped) on most of these pages.
    expect(shown).toBeGreaterThan(pages.length / 2);
  });

  it("the external form (no sign-in) shows hostile labels and options as text", async () => {
    // Checked in beforeAll while the link was unused; now it is used and answers with a friendly page.
    expect(unusedForm.problems).toEqual([]);
    expect(unusedForm.text).toContain("onerror=window.__xss");
    const used = await checkPage(`/forms/${formToken}`, null);
    expect(used.problems).toEqual([]);
  });

  it("no secret appears in wrangler's log", () => {
    const s = shared();
    expect(leakedSecrets(logOf(s.logFile), secretValues({ ...s.secrets, HOSTILE_CLIENT_SECRET: "hostile-client-secret", HOSTILE_ACCESS_TOKEN: "pat-hostile-token" }))).toEqual([]);
  });
});

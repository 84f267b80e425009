// Queue part: 100,000 queue items across 50 users and 10 pools written into the local D1 before
// wrangler dev starts, then p50/p95 of the Queue Dashboard's listings and counts as an admin and
// as a CSM, and EXPLAIN QUERY PLAN of the same queries (through `wrangler d1 execute --local`).
import { spawnSync } from "node:child_process";
import { pbkdf2Sync, randomBytes } from "node:crypto";
import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { appSnapshot, tempDir } from "../lib/servers.mjs";
import { percentile, rng, round, signIn } from "../lib/http.mjs";

export const QUEUE_ITEMS = 100_000;
export const QUEUE_USERS = 50;
export const QUEUE_POOLS = 10;
export const BENCH_CSM_EMAIL = "bench-csm-01@example.com";
export const BENCH_PASSWORD = "bench-password";

const DAY = 86_400_000;
const sqlStr = (v) => (v === null || v === undefined ? "NULL" : typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`);
const b64url = (b) => Buffer.from(b).toString("base64url");

/** The worker's password format (pbkdf2-sha256$iterations$salt$hash), so bench users can sign in. */
function passwordHash(password) {
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(password, salt, 100_000, 32, "sha256");
  return `pbkdf2-sha256$100000$${b64url(salt)}$${b64url(hash)}`;
}

/** The local D1 file miniflare keeps under `--persist-to` (after migrations it exists). */
export function d1File(persistTo) {
  const dir = join(persistTo, "v3", "d1", "miniflare-D1DatabaseObject");
  const f = existsSync(dir) ? readdirSync(dir).find((n) => n.endsWith(".sqlite") && n !== "metadata.sqlite") : null;
  return f ? join(dir, f) : null;
}

const hasSqlite3 = () => spawnSync("sqlite3", ["-version"], { encoding: "utf8" }).status === 0;

/**
 * Generates the users, pools, memberships and queue items as SQL, `perFile` rows per file.
 * Items: 35% open, 15% claimed, 40% completed, 5% expired, 5% cancelled; 70% routed to a pool,
 * 30% to a person; 85% with a due time from 10 days ago to 20 days ahead; 10% test mode.
 */
export function generateQueueSql({ now = Date.now(), seed = 8, perFile = 10_000 } = {}) {
  const r = rng(seed);
  const nowIso = new Date(now).toISOString();
  const users = Array.from({ length: QUEUE_USERS }, (_, i) => ({ id: `u_bench_${String(i + 1).padStart(2, "0")}`, email: `bench-csm-${String(i + 1).padStart(2, "0")}@example.com` }));
  const pools = Array.from({ length: QUEUE_POOLS }, (_, i) => ({ id: `pool_bench_${i + 1}`, members: [] }));
  users.forEach((u, i) => {
    u.pools = [pools[i % QUEUE_POOLS].id, pools[(i + 3) % QUEUE_POOLS].id];
    for (const p of u.pools) pools.find((x) => x.id === p).members.push(u.id);
  });
  const hash = passwordHash(BENCH_PASSWORD);
  const head = [
    ...users.map((u, i) => `INSERT INTO users (id,email,name,role,password_hash,active,out_of_office,created_at,updated_at) VALUES (${[u.id, u.email, `Bench CSM ${i + 1}`, "csm", hash, 1, 0, nowIso, nowIso].map(sqlStr).join(",")});`),
    ...pools.map((p, i) => `INSERT INTO pools (id,name,rr_pointer,created_at,updated_at) VALUES (${[p.id, `Bench pool ${i + 1}`, 0, nowIso, nowIso].map(sqlStr).join(",")});`),
    ...pools.flatMap((p) => p.members.map((m) => `INSERT INTO pool_members (pool_id,user_id,weight,capacity) VALUES (${[p.id, m, 1, 500].map(sqlStr).join(",")});`)),
  ].join("\n");

  const kinds = ["approval", "review", "form", "handoff", "assignment"];
  const workflows = Array.from({ length: 8 }, (_, i) => ({ id: `wf_bench_${i + 1}`, name: `Bench workflow ${i + 1}` }));
  const cols = "id,run_id,workflow_id,workflow_name,node_id,kind,title,status,assignee_id,pool_id,assignee_email,claimed_by,claimed_at,due_at,created_at,completed_at,completed_by,mode,subject,form,context,seq";
  const files = [];
  let rows = [];
  const flush = () => {
    let sql = "";
    for (let i = 0; i < rows.length; i += 250) sql += `INSERT INTO queue_items (${cols}) VALUES ${rows.slice(i, i + 250).join(",\n")};\n`;
    files.push(sql);
    rows = [];
  };
  for (let i = 0; i < QUEUE_ITEMS; i++) {
    const x = r();
    const status = x < 0.35 ? "open" : x < 0.5 ? "claimed" : x < 0.9 ? "completed" : x < 0.95 ? "expired" : "cancelled";
    const wf = r.pick(workflows);
    const toPerson = r() < 0.3;
    const user = r.pick(users);
    const pool = toPerson ? null : r.pick(pools);
    const claimer = status === "claimed" || status === "completed" ? (toPerson ? user.id : r.pick(pool.members)) : null;
    const created = now - Math.floor(r() * 90 * DAY);
    const due = r() < 0.85 ? now + Math.floor((r() * 30 - 10) * DAY) : null;
    const done = status === "completed" || status === "expired" || status === "cancelled";
    const id = `qi_bench_${i.toString(36).padStart(5, "0")}`;
    const subject = JSON.stringify({ connector: "hubspot", objectId: String(30_000_000_000 + i), name: `Bench account ${i}` });
    rows.push(
      "(" +
        [
          id,
          `run_bench_${i.toString(36)}`,
          wf.id,
          wf.name,
          "n_human",
          r.pick(kinds),
          `Bench task ${i}`,
          status,
          toPerson ? user.id : null,
          pool?.id ?? null,
          null,
          claimer,
          claimer ? new Date(created + 3_600_000).toISOString() : null,
          due === null ? null : new Date(due).toISOString(),
          new Date(created).toISOString(),
          done ? new Date(created + DAY).toISOString() : null,
          status === "completed" ? claimer : null,
          r() < 0.1 ? "test" : "live",
          subject,
          "[]",
          "{}",
          1,
        ]
          .map(sqlStr)
          .join(",") +
        ")",
    );
    if (rows.length === perFile) flush();
  }
  if (rows.length) flush();
  return { head, files, users, pools, csm: users[0] };
}

function wranglerD1(persistTo, args) {
  const r = spawnSync("npx", ["wrangler", "d1", "execute", "DB", "--local", "--persist-to", persistTo, "--json", ...args], {
    cwd: appSnapshot(),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    // Not WRANGLER_LOG=warn: wrangler prints the --json answer at log level.
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", CI: "true" },
  });
  if (r.status !== 0) throw new Error(`wrangler d1 execute failed: ${r.stderr || r.stdout}`);
  return JSON.parse(r.stdout);
}

/**
 * Writes the generated rows into the product's local D1 (wrangler dev not running yet). With the
 * sqlite3 CLI the 100,000 rows take a few seconds; without it, `wrangler d1 execute --file` per
 * 10,000 rows (about 20 s each on a loaded 2-core machine).
 */
export function loadQueueData(persistTo, data) {
  const t0 = performance.now();
  const file = d1File(persistTo);
  const tmp = tempDir("ow-bench-sql-");
  try {
    if (file && hasSqlite3()) {
      const sql = ["BEGIN;", data.head, ...data.files, "COMMIT;"].join("\n");
      const r = spawnSync("sqlite3", [file], { input: sql, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      if (r.status !== 0 || r.stderr) throw new Error(`sqlite3 failed: ${r.stderr}`);
      return { method: "sqlite3 CLI on the local D1 file", ms: performance.now() - t0 };
    }
    const parts = [data.head, ...data.files];
    parts.forEach((sql, i) => {
      const f = join(tmp, `queue-${i}.sql`);
      writeFileSync(f, sql);
      wranglerD1(persistTo, ["--file", f]);
    });
    return { method: "wrangler d1 execute --file per 10,000 rows", ms: performance.now() - t0 };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const COLS = "*";
const activeOrder = `ORDER BY (CASE WHEN "queue_items"."due_at" IS NULL THEN '9999' ELSE "queue_items"."due_at" END) ASC, id ASC LIMIT 51`;
const doneOrder = "ORDER BY created_at DESC, id DESC LIMIT 51";
const ACTIVE = `"queue_items"."status" IN ('open', 'claimed')`;
const DONE = `"queue_items"."status" IN ('completed', 'expired', 'cancelled')`;

/**
 * What `GET /api/queue` and `/api/queue/counts` return for each view, as plain SQL with the values
 * inlined: `sql` states the meaning (the bench checks it returns the same first page as the API, so
 * the two cannot drift unseen); where the Worker sends another shape for speed (worker/routes/queue.ts,
 * as drizzle renders it), `explain` is that shape, and the plans shown are the Worker's.
 */
export function queueViews({ adminId, csm, nowIso }) {
  const q = (s) => `'${s}'`;
  const pools = csm.pools.map(q).join(", ");
  const csmVis = `(assignee_id = ${q(csm.id)} OR claimed_by = ${q(csm.id)} OR pool_id IN (${pools}))`;
  const overdue = `(due_at < ${q(nowIso)} AND ${ACTIVE})`;
  const counts = (me, vis) =>
    `SELECT sum(CASE WHEN status = 'open' THEN 1 ELSE 0 END), sum(CASE WHEN status = 'claimed' AND claimed_by = ${q(me)} THEN 1 ELSE 0 END), sum(CASE WHEN due_at < ${q(nowIso)} THEN 1 ELSE 0 END), sum(CASE WHEN assignee_id = ${q(me)} AND status = 'open' THEN 1 ELSE 0 END) FROM queue_items WHERE ${vis ? vis + " AND " : ""}mode = 'live' AND ${ACTIVE}`;
  // Mine: the assignee's and then the claimer's index, merged in sort order.
  const sortKey = `(CASE WHEN "due_at" IS NULL THEN '9999' ELSE "due_at" END)`;
  const mine = (me) =>
    `SELECT *, ${sortKey} AS sort_key FROM queue_items WHERE assignee_id = ${q(me)} AND mode = 'live' AND ${ACTIVE} UNION ALL SELECT *, ${sortKey} AS sort_key FROM queue_items WHERE claimed_by = ${q(me)} AND assignee_id IS NOT ${q(me)} AND mode = 'live' AND ${ACTIVE} ORDER BY sort_key ASC, id ASC LIMIT 51`;
  // Counts: an admin's one index range per figure; a CSM's over the disjoint parts they see.
  const adminCounts = (me) =>
    `SELECT (SELECT count(*) FROM queue_items WHERE status = 'open' AND mode = 'live'), (SELECT count(*) FROM queue_items WHERE claimed_by = ${q(me)} AND status = 'claimed' AND mode = 'live'), (SELECT count(*) FROM queue_items WHERE ${ACTIVE} AND mode = 'live' AND due_at < ${q(nowIso)}), (SELECT count(*) FROM queue_items WHERE assignee_id = ${q(me)} AND status = 'open' AND mode = 'live')`;
  const outside = `(pool_id IS NULL OR pool_id NOT IN (${pools}))`;
  const part = (where) => `SELECT status, due_at, assignee_id, claimed_by FROM queue_items WHERE ${where} AND mode = 'live' AND ${ACTIVE}`;
  const csmCounts = (me) =>
    `SELECT sum(CASE WHEN status = 'open' THEN 1 ELSE 0 END), sum(CASE WHEN status = 'claimed' AND claimed_by = ${q(me)} THEN 1 ELSE 0 END), sum(CASE WHEN due_at < ${q(nowIso)} THEN 1 ELSE 0 END), sum(CASE WHEN assignee_id = ${q(me)} AND status = 'open' THEN 1 ELSE 0 END) FROM (${[
      part(`pool_id IN (${pools})`),
      part(`assignee_id = ${q(me)} AND ${outside}`),
      part(`claimed_by = ${q(me)} AND assignee_id IS NOT ${q(me)} AND ${outside}`),
    ].join(" UNION ALL ")})`;
  return [
    { who: "admin", view: "My items", path: "/api/queue?status=active&assignee=me", sql: `SELECT ${COLS} FROM queue_items WHERE mode = 'live' AND ${ACTIVE} AND (assignee_id = ${q(adminId)} OR claimed_by = ${q(adminId)}) ${activeOrder}`, explain: mine(adminId) },
    { who: "admin", view: "Pool (unassigned)", path: "/api/queue?status=active&assignee=unassigned", sql: `SELECT ${COLS} FROM queue_items WHERE mode = 'live' AND ${ACTIVE} AND (assignee_id IS NULL AND claimed_by IS NULL) ${activeOrder}` },
    { who: "admin", view: "All", path: "/api/queue?status=active", sql: `SELECT ${COLS} FROM queue_items WHERE mode = 'live' AND ${ACTIVE} ${activeOrder}` },
    { who: "admin", view: "Done", path: "/api/queue?status=done", sql: `SELECT ${COLS} FROM queue_items WHERE mode = 'live' AND ${DONE} ${doneOrder}` },
    { who: "admin", view: "Overdue", path: "/api/queue?status=active&overdue=true", sql: `SELECT ${COLS} FROM queue_items WHERE mode = 'live' AND ${ACTIVE} AND ${overdue} ${activeOrder}`, explain: `SELECT ${COLS} FROM queue_items WHERE mode = 'live' AND ${ACTIVE} AND (+due_at < ${q(nowIso)} AND ${ACTIVE}) ${activeOrder}`, dynamicNow: true },
    { who: "admin", view: "Counts", path: "/api/queue/counts", sql: counts(adminId, null), explain: adminCounts(adminId), dynamicNow: true },
    { who: "csm", view: "My items", path: "/api/queue?status=active&assignee=me", sql: `SELECT ${COLS} FROM queue_items WHERE ${csmVis} AND mode = 'live' AND ${ACTIVE} AND (assignee_id = ${q(csm.id)} OR claimed_by = ${q(csm.id)}) ${activeOrder}`, explain: mine(csm.id) },
    { who: "csm", view: "Pool (mine)", path: "/api/queue?status=active&pool=mine", sql: `SELECT ${COLS} FROM queue_items WHERE ${csmVis} AND mode = 'live' AND ${ACTIVE} AND pool_id IN (${csm.pools.map(q).join(", ")}) ${activeOrder}`, explain: `SELECT ${COLS} FROM queue_items WHERE ${csmVis} AND mode = 'live' AND ${ACTIVE} AND +pool_id IN (${pools}) ${activeOrder}` },
    { who: "csm", view: "Done", path: "/api/queue?status=done", sql: `SELECT ${COLS} FROM queue_items WHERE ${csmVis} AND mode = 'live' AND ${DONE} ${doneOrder}` },
    { who: "csm", view: "Overdue (pool)", path: "/api/queue?status=active&pool=mine&overdue=true", sql: `SELECT ${COLS} FROM queue_items WHERE ${csmVis} AND mode = 'live' AND ${ACTIVE} AND pool_id IN (${csm.pools.map(q).join(", ")}) AND ${overdue} ${activeOrder}`, explain: `SELECT ${COLS} FROM queue_items WHERE ${csmVis} AND mode = 'live' AND ${ACTIVE} AND +pool_id IN (${pools}) AND (+due_at < ${q(nowIso)} AND ${ACTIVE}) ${activeOrder}`, dynamicNow: true },
    { who: "csm", view: "Counts", path: "/api/queue/counts", sql: counts(csm.id, csmVis), explain: csmCounts(csm.id), dynamicNow: true },
  ];
}

/** True when every step of a plan that reads queue_items goes through an index. */
export function planUsesIndex(rows) {
  const reads = rows.filter((r) => /queue_items/.test(r.detail));
  return reads.length > 0 && reads.every((r) => /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY|MULTI-INDEX OR/.test(r.detail) || /^SEARCH/.test(r.detail));
}

/** EXPLAIN QUERY PLAN for every view in one `wrangler d1 execute --local --command`. */
export function explainViews(persistTo, views) {
  const out = wranglerD1(persistTo, ["--command", views.map((v) => `EXPLAIN QUERY PLAN ${v.explain ?? v.sql}`).join(";\n")]);
  return views.map((v, i) => {
    const rows = out[i]?.results ?? [];
    return { who: v.who, view: v.view, plan: rows.map((r) => r.detail), usesIndex: planUsesIndex(rows), sortsInTempBTree: rows.some((r) => /TEMP B-TREE/.test(r.detail)) };
  });
}

/** The first page's ids for a view straight from SQLite (only with the sqlite3 CLI). */
function sqliteIds(file, sql) {
  const r = spawnSync("sqlite3", ["-readonly", file, sql.replace(/SELECT \*/, "SELECT id").replace(/LIMIT 51/, "LIMIT 50")], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim().split("\n").filter(Boolean) : null;
}

/** Whether two queries give the same rows in the same order (for lists, the same ids). */
function sameAnswer(file, a, b) {
  const run = (sql) => spawnSync("sqlite3", ["-readonly", file, /^SELECT \*/.test(sql) ? `SELECT id FROM (${sql})` : sql], { encoding: "utf8" });
  const [ra, rb] = [run(a), run(b)];
  return ra.status === 0 && rb.status === 0 && !ra.stderr && !rb.stderr ? ra.stdout === rb.stdout : null;
}

/**
 * Times each view `samples` times (after 3 warm-ups) as admin and as the bench CSM. Returns the
 * latencies and, where the sqlite3 CLI exists, whether the mirrored SQL gives the API's first page.
 */
export async function measureQueue(product, data, { samples = 30, budgetMs = 50_000 } = {}) {
  const admin = await signIn(product.url, "admin@example.com");
  const csm = await signIn(product.url, BENCH_CSM_EMAIL, BENCH_PASSWORD);
  const me = await admin.must("GET", "/api/me");
  const views = queueViews({ adminId: me.id, csm: data.csm, nowIso: new Date().toISOString() });
  const all = [];
  const perView = [];
  const file = d1File(product.dir);
  const canCompare = file && hasSqlite3();
  const perViewBudget = budgetMs / views.length;
  for (const v of views) {
    const c = v.who === "admin" ? admin : csm;
    const viewStart = performance.now();
    let first = null;
    for (let i = 0; i < 3; i++) first = await c.must("GET", v.path);
    const ms = [];
    // At least 5 samples; more up to `samples` while this view's share of the time budget lasts.
    for (let i = 0; i < samples && (i < 5 || performance.now() - viewStart < perViewBudget); i++) {
      const r = await c.get(v.path);
      if (r.status !== 200) throw new Error(`${v.path} as ${v.who} → ${r.status}: ${r.text.slice(0, 300)}`);
      ms.push(r.ms);
    }
    all.push(...ms);
    let sameAsSql = null;
    if (canCompare && first?.items && !v.dynamicNow) {
      const ids = sqliteIds(file, v.sql);
      sameAsSql = ids ? JSON.stringify(ids) === JSON.stringify(first.items.map((x) => x.id)) : null;
    }
    // The Worker's shape (explain) must answer exactly what the plain SQL does, all rows compared.
    const explainSameAsSql = canCompare && v.explain ? sameAnswer(file, v.sql, v.explain) : null;
    perView.push({ who: v.who, view: v.view, path: v.path, items: first?.items?.length ?? null, p50Ms: round(percentile(ms, 50)), p95Ms: round(percentile(ms, 95)), samples: ms.length, sameAsSql, explainSameAsSql });
  }
  // Searches (`q`), apart from the main listings' figures: one that fills a page at once, and ones
  // that match nothing, so read every row of the view they narrow (the worst case, an admin's All).
  const searches = [
    { who: "admin", view: "All, a page of matches", path: "/api/queue?status=active&q=Bench%20task%201" },
    { who: "admin", view: "All, no match", path: "/api/queue?status=active&q=no-such-item" },
    { who: "admin", view: "Done, no match", path: "/api/queue?status=done&q=no-such-item" },
    { who: "csm", view: "Pool (mine), no match", path: "/api/queue?status=active&pool=mine&q=no-such-item" },
  ];
  const searchAll = [];
  const perSearch = [];
  for (const v of searches) {
    const c = v.who === "admin" ? admin : csm;
    await c.must("GET", v.path);
    const ms = [];
    for (let i = 0; i < 8; i++) {
      const r = await c.get(v.path);
      if (r.status !== 200) throw new Error(`${v.path} as ${v.who} → ${r.status}: ${r.text.slice(0, 300)}`);
      ms.push(r.ms);
    }
    searchAll.push(...ms);
    perSearch.push({ who: v.who, view: v.view, path: v.path, p50Ms: round(percentile(ms, 50)), p95Ms: round(percentile(ms, 95)), samples: ms.length });
  }
  // For scale: the same client's cheapest signed-in call (session lookup only).
  const floor = [];
  for (let i = 0; i < 20; i++) floor.push((await admin.get("/api/me")).ms);
  return { views, perView, p50Ms: round(percentile(all, 50)), p95Ms: round(percentile(all, 95)), requests: all.length, perSearch, searchP50Ms: round(percentile(searchAll, 50)), searchP95Ms: round(percentile(searchAll, 95)), apiMeP50Ms: round(percentile(floor, 50)), apiMeP95Ms: round(percentile(floor, 95)) };
}

// Starting and stopping `wrangler dev` for the benchmark and the reliability suite: the product
// (with the fake CRMs its demo connectors talk to) and the bench's minimal baseline Worker, each in
// its own process group on 127.0.0.1 with the same flags, and a restart that keeps the state.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startFakeCrms } from "../../test/fakes/index.mjs";
import { sleep } from "./http.mjs";

export const QUIET = { CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", WRANGLER_LOG: "warn" };
/** A fixed local key for connector secrets (bench and tests only). */
export const TEST_ENCRYPTION_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY";

export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), prefix));
}

const ROOT = resolve(new URL("../..", import.meta.url).pathname);
let snapshot = null;

/**
 * A frozen copy of the app (worker/, durable/, migrations/, wrangler.toml and the built SPA) for
 * wrangler dev to serve. wrangler dev watches its sources and restarts the Worker when one
 * changes ("Your worker restarted mid-request"); served from a copy, a measurement or a test is
 * not disturbed by edits in the working tree, and `npm test` rebuilding dist/web cannot pull the
 * assets away under it. Built once per process; removed at exit.
 */
export function appSnapshot() {
  if (snapshot) return snapshot;
  const dir = tempDir("ow-app-");
  for (const p of ["worker", "durable", "migrations", "wrangler.toml", "package.json", "tsconfig.json"]) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  const r = spawnSync("npx", ["vite", "build", "--logLevel", "warn", "--outDir", join(dir, "dist", "web"), "--emptyOutDir"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...QUIET } });
  if (r.status !== 0 || !existsSync(join(dir, "dist", "web", "index.html"))) throw new Error("vite build failed: " + r.stderr + r.stdout);
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  snapshot = dir;
  return dir;
}

/** Applies the D1 migrations to a local state folder (as wrangler dev will open it). */
export function applyMigrations(persistTo, cwd = appSnapshot(), config) {
  const r = spawnSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", ...(config ? ["--config", config] : []), "--persist-to", persistTo], {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...QUIET, CI: "true" },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error("migrations failed:\n" + r.stdout + r.stderr);
}

/** A port nobody listens on right now (asked from the kernel, on 127.0.0.1). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, ms, child) {
  const end = Date.now() + ms;
  let last = "";
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}) before answering`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status < 500) return;
      last = `status ${res.status}`;
    } catch (e) {
      last = e.message;
    }
    await sleep(150);
  }
  throw new Error(`${url} did not come up in ${ms} ms: ${last}`);
}

/**
 * Spawns `wrangler dev` in its own process group (so stopping it also stops workerd) with the
 * flags every bench target shares. Resolves once `readyPath` answers below 500.
 */
export async function spawnWrangler({ config, port, persistTo, vars = {}, readyPath = "/", label = "wrangler", extraArgs = [], cwd = ROOT, logLevel = "warn", logFile }) {
  const args = ["wrangler", "dev", ...(config ? ["--config", config] : []), "--port", String(port), "--ip", "127.0.0.1", "--persist-to", persistTo, "--show-interactive-dev-session=false", ...extraArgs];
  for (const [k, v] of Object.entries(vars)) args.push("--var", `${k}:${v}`);
  // A private dev registry: every `wrangler dev` on the machine announces itself in the shared one,
  // and each change there reloads the others' Workers ("Your worker restarted mid-request").
  const registry = tempDir("ow-wrangler-registry-");
  const env = { ...process.env, ...QUIET, WRANGLER_LOG: logLevel, WRANGLER_REGISTRY_PATH: registry, WRANGLER_CI_DISABLE_CONFIG_WATCHING: "true" };
  const child = spawn("npx", args, { cwd, detached: true, stdio: ["ignore", "pipe", "pipe"], env });
  const logs = [];
  let size = 0;
  const keep = (d) => {
    if (logFile) appendFileSync(logFile, d);
    logs.push(d);
    size += d.length;
    // Keep the last ~4 MB: enough for the secret scan, bounded for long runs.
    while (size > 4_000_000 && logs.length > 1) size -= logs.shift().length;
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((r) => child.once("exit", (code, signal) => r({ code, signal })));
  exited.then(() => rmSync(registry, { recursive: true, force: true }));
  const url = `http://127.0.0.1:${port}`;
  const handle = {
    url,
    port,
    child,
    log: () => Buffer.concat(logs.map((b) => (Buffer.isBuffer(b) ? b : Buffer.from(b)))).toString("utf8"),
    /** Stops the whole process group; `hard` kills at once (a crash), otherwise SIGTERM then SIGKILL. */
    async stop({ hard = false } = {}) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const kill = (sig) => {
        try {
          process.kill(-child.pid, sig);
        } catch {
          /* gone */
        }
      };
      kill(hard ? "SIGKILL" : "SIGTERM");
      const t = await Promise.race([exited.then(() => "exited"), sleep(8000).then(() => "timeout")]);
      if (t === "timeout") {
        kill("SIGKILL");
        await Promise.race([exited, sleep(4000)]);
      }
      // workerd may outlive the npx wrapper by a moment: wait until the port is free.
      for (let i = 0; i < 40; i++) {
        try {
          await fetch(url, { signal: AbortSignal.timeout(300) });
        } catch {
          return;
        }
        await sleep(150);
      }
      kill("SIGKILL");
    },
  };
  try {
    await waitForHttp(url + readyPath, 90_000, child);
  } catch (e) {
    await handle.stop({ hard: true });
    throw new Error(`${label}: ${e.message}\n${handle.log().slice(-3000)}`);
  }
  return handle;
}

/**
 * The product under `wrangler dev` with fresh local state (or `persistTo`), its migrations applied,
 * the fake CRMs running, and the demo seeded. `restart()` stops and starts wrangler dev on the
 * same state, port and fake CRMs (a deploy or a crash, as the run objects see it).
 */
export async function startProduct({ persistTo, port, vars = {}, seed = true, beforeStart, extraArgs = [], logLevel = "warn", logFile } = {}) {
  const dir = persistTo ?? tempDir("ow-bench-");
  const ownDir = !persistTo;
  port ??= await freePort();
  const cwd = appSnapshot();
  applyMigrations(dir, cwd);
  if (beforeStart) await beforeStart(dir);
  const fakes = await startFakeCrms();
  const seedToken = randomBytes(24).toString("base64url");
  const url = `http://127.0.0.1:${port}`;
  // Secrets go in an env file (wrangler shows them as hidden), plain settings as --var.
  const secretsDir = tempDir("ow-secrets-");
  const secretsFile = join(secretsDir, "secrets.env");
  writeFileSync(secretsFile, `ENCRYPTION_KEY=${TEST_ENCRYPTION_KEY}\nSEED_TOKEN=${seedToken}\n`);
  const allVars = {
    SEED_PASSWORD: "demo-password",
    APP_URL: url,
    FAKE_HUBSPOT_URL: fakes.urls.hubspot,
    FAKE_SALESFORCE_URL: fakes.urls.salesforce,
    FAKE_NOTION_URL: fakes.urls.notion,
    ...vars,
  };
  const wranglerOpts = { port, persistTo: dir, vars: allVars, readyPath: "/api/openapi.json", extraArgs: ["--env-file", secretsFile, ...extraArgs], cwd, logLevel, logFile };
  const previousLogs = [];
  let w;
  try {
    w = await spawnWrangler({ ...wranglerOpts, label: "product" });
  } catch (e) {
    await fakes.stop();
    rmSync(secretsDir, { recursive: true, force: true });
    throw e;
  }
  let seeded = null;
  if (seed) {
    const res = await fetch(url + "/api/__seed", { method: "POST", headers: { "x-seed-token": seedToken, origin: url } });
    seeded = await res.json().catch(() => null);
    if (!res.ok) {
      await w.stop({ hard: true });
      await fakes.stop();
      rmSync(secretsDir, { recursive: true, force: true });
      throw new Error(`seeding failed: ${res.status} ${JSON.stringify(seeded)}\n${w.log().slice(-3000)}`);
    }
  }
  const product = {
    url,
    port,
    dir,
    /** Values that must never show up in a response or a log line. */
    secrets: { ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, SEED_TOKEN: seedToken },
    seeded,
    seedToken,
    fakeCrms: fakes.urls,
    hubspotWebhookUrl: seeded?.webhookSecrets?.find((s) => s.kind === "hubspot")?.url ?? null,
    /** Everything wrangler printed so far, across restarts. */
    log: () => previousLogs.join("") + w.log(),
    get wrangler() {
      return w;
    },
    /** CPU used so far by this wrangler dev (see groupCpuMs). */
    cpu: () => groupCpuMs(w.child.pid),
    async restart({ hard = false } = {}) {
      await w.stop({ hard });
      previousLogs.push(w.log());
      w = await spawnWrangler({ ...wranglerOpts, label: "product (restart)" });
    },
    async stop({ keepState = false } = {}) {
      await w.stop();
      await fakes.stop();
      rmSync(secretsDir, { recursive: true, force: true });
      if (ownDir && !keepState) rmSync(dir, { recursive: true, force: true });
    },
  };
  return product;
}

/**
 * The floor: bench/baseline (verify the HubSpot v3 HMAC, insert one D1 row, create one new Durable
 * Object that stores the payload) under the same `wrangler dev` flags, with its own fresh state.
 * `ioWebhookUrl` is the floor that then also does the seeded workflow's I/O against `hubspotUrl`.
 */
export async function startBaseline({ port, hubspotUrl = "http://127.0.0.1:9", hubspotToken = "" } = {}) {
  const dir = tempDir("ow-bench-floor-");
  port ??= await freePort();
  const config = "bench/baseline/wrangler.toml";
  applyMigrations(dir, ROOT, config);
  const w = await spawnWrangler({ config, port, persistTo: dir, readyPath: "/health", label: "baseline", vars: { HUBSPOT_API: hubspotUrl, HUBSPOT_TOKEN: hubspotToken } });
  return {
    url: w.url,
    webhookUrl: `${w.url}/webhooks/hubspot/floor`,
    ioWebhookUrl: `${w.url}/webhooks/hubspot/floor-io`,
    /** How many floor-io deliveries have finished their alarm's I/O. */
    async ioDone() {
      return (await (await fetch(`${w.url}/work`)).json()).done;
    },
    log: w.log,
    cpu: () => groupCpuMs(w.child.pid),
    async stop() {
      await w.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * CPU time (ms, user + system) used so far by the processes of a `wrangler dev` process group:
 * `worker` is the workerd that runs the Worker and its Durable Objects (the one with an inspector
 * address), `total` adds wrangler's own proxy workerd, Node and esbuild. On a shared machine this
 * is the clearest cost measure, since wall-clock throughput depends on what else runs.
 */
export function groupCpuMs(pgid) {
  const out = { total: 0, worker: 0, proxy: 0, node: 0 };
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(f[2]) !== pgid) continue;
      const ms = (Number(f[11]) + Number(f[12])) * 10; // USER_HZ is 100 on Linux
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      out.total += ms;
      if (/workerd/.test(cmd) && /inspector-addr/.test(cmd)) out.worker += ms;
      else if (/workerd/.test(cmd)) out.proxy += ms;
      else if (/wrangler-dist/.test(cmd)) out.node += ms;
    } catch {
      /* gone */
    }
  }
  return out;
}

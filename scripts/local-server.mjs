// Starts the product locally under `wrangler dev` (local D1 + Durable Objects), applies the
// migrations, and seeds the demo workspace through the Worker's own code. Shared by `npm start`,
// the browser tests and the benchmark so that all three run the same thing.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { startFakeCrms } from "../test/fakes/index.mjs";

const quiet = { CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", WRANGLER_LOG: "warn" };

export function buildSpa() {
  const r = spawnSync("npx", ["vite", "build", "--logLevel", "warn"], { stdio: "inherit", env: { ...process.env, ...quiet } });
  if (r.status !== 0) throw new Error("vite build failed");
}

export function applyMigrations(persistTo) {
  const r = spawnSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...quiet, CI: "true" },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error("migrations failed:\n" + r.stdout + r.stderr);
}

async function waitForHttp(url, ms) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
      last = new Error(`status ${res.status}`);
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server at ${url} did not come up: ${last?.message}`);
}

/**
 * Starts the fake HubSpot, Salesforce and Notion servers (the demo connectors talk to them), then
 * wrangler dev in its own process group (so stopping it also stops workerd), and resolves once it
 * answers. `vars` become `--var` flags (secrets for local use only). `fakeCrmPort` fixes the fakes'
 * ports (port, port+1, port+2), which the demo connectors store; without it they take free ports.
 */
export async function startLocal({ port = 8787, persistTo = ".wrangler/state", vars = {}, seed = true, inherit = false, extraArgs = [], fakeCrmPort } = {}) {
  applyMigrations(persistTo);
  const fakes = await startFakeCrms({ basePort: fakeCrmPort });
  const seedToken = randomBytes(24).toString("base64url");
  const allVars = {
    SEED_TOKEN: seedToken,
    // Links the app shows (webhook URLs, form links) must point at this server's real port.
    APP_URL: `http://127.0.0.1:${port}`,
    FAKE_HUBSPOT_URL: fakes.urls.hubspot,
    FAKE_SALESFORCE_URL: fakes.urls.salesforce,
    FAKE_NOTION_URL: fakes.urls.notion,
    ...vars,
  };
  const args = ["wrangler", "dev", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", persistTo, "--show-interactive-dev-session=false", ...extraArgs];
  for (const [k, v] of Object.entries(allVars)) args.push("--var", `${k}:${v}`);
  const child = spawn("npx", args, {
    detached: true,
    stdio: inherit ? "inherit" : ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...quiet },
  });
  let log = "";
  if (!inherit) {
    child.stdout.on("data", (d) => (log += d));
    child.stderr.on("data", (d) => (log += d));
  }
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
    fakes.stop();
  };
  try {
    await waitForHttp(url + "/api/openapi.json", 60_000);
  } catch (e) {
    stop();
    throw new Error(`${e.message}\n${log}`);
  }
  let seeded = null;
  if (seed) {
    const res = await fetch(url + "/api/__seed", { method: "POST", headers: { "x-seed-token": seedToken, origin: url } });
    seeded = await res.json().catch(() => null);
    if (!res.ok) {
      stop();
      throw new Error(`seeding failed: ${res.status} ${JSON.stringify(seeded)}\n${log}`);
    }
  }
  return { url, child, stop, seeded, log: () => log, seedToken, fakeCrms: fakes.urls };
}

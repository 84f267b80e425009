// SPA part: gzipped JS of the initial route and of the lazy builder (from a `vite build` manifest),
// and the time Chromium takes to show a 200-node workflow in the builder.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { QUIET, tempDir } from "../lib/servers.mjs";
import { median, round, signIn } from "../lib/http.mjs";

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Follows static imports from `key` in a Vite manifest. */
function closure(manifest, key, seen = new Set()) {
  if (seen.has(key) || !manifest[key]) return seen;
  seen.add(key);
  for (const k of manifest[key].imports ?? []) closure(manifest, k, seen);
  return seen;
}

/**
 * Builds the SPA into a temporary folder with a manifest and measures: the initial route (the
 * entry and everything it imports statically) and the builder (the `/workflows/:id` page chunk
 * plus the static imports the initial route does not already load).
 */
export function measureSpaSizes() {
  const out = tempDir("ow-bench-spa-");
  try {
    const r = spawnSync("npx", ["vite", "build", "--logLevel", "warn", "--manifest", "--outDir", out, "--emptyOutDir"], { encoding: "utf8", env: { ...process.env, ...QUIET } });
    if (r.status !== 0) throw new Error("vite build failed: " + r.stderr + r.stdout);
    const manifest = JSON.parse(readFileSync(join(out, ".vite", "manifest.json"), "utf8"));
    const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
    const initial = closure(manifest, entryKey);
    const jsOf = (keys) => [...keys].map((k) => manifest[k].file).filter((f) => f.endsWith(".js"));
    const cssOf = (keys) => [...new Set([...keys].flatMap((k) => manifest[k].css ?? []))];
    const sum = (files) => files.reduce((n, f) => n + gz(join(out, f)), 0);
    const builderKey = Object.keys(manifest).find((k) => /pages\/workflows?-builder|builder\/(index|page)/.test(k) && manifest[k].isDynamicEntry);
    if (!builderKey) throw new Error("no lazy builder chunk in the manifest (looked for web/pages/workflows-builder)");
    const builder = [...closure(manifest, builderKey)].filter((k) => !initial.has(k));
    const allJs = Object.values(manifest).map((m) => m.file).filter((f) => f.endsWith(".js"));
    return {
      initialJsGzBytes: sum(jsOf(initial)),
      initialCssGzBytes: sum(cssOf(initial)),
      initialFiles: jsOf(initial),
      builderJsGzBytes: sum(jsOf(builder)),
      builderFiles: jsOf(builder),
      allJsGzBytes: sum([...new Set(allJs)]),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** A valid 200-node chain: trigger → 198 × set data → end, laid out on a grid. */
export function bigDefinition(connectorId, n = 200) {
  const nodes = [{ id: "trigger", type: "trigger.hubspot", name: "Deal won", position: { x: 0, y: 0 }, config: { connectorId, stageIds: ["closedwon"] } }];
  for (let i = 1; i < n - 1; i++) {
    nodes.push({ id: `set_${i}`, type: "action.set_data", name: `Set field ${i}`, position: { x: (i % 10) * 260, y: Math.floor(i / 10) * 140 }, config: { values: { [`bench.f${i}`]: `value ${i}` } } });
  }
  nodes.push({ id: "end", type: "end", name: "Done", position: { x: 0, y: Math.ceil(n / 10) * 140 }, config: { outcome: "completed" } });
  const edges = nodes.slice(1).map((t, i) => ({ id: `e${i}`, source: nodes[i].id, target: t.id }));
  return { nodes, edges };
}

/**
 * Times `/workflows/:id` for a 200-node workflow in Chromium: from navigation start until the
 * 200 React Flow nodes are in the DOM. The first visit loads the lazy chunks (cold); the figure
 * is the median of the next three (warm cache), as a returning admin sees it.
 */
export async function measureBuilderRender(product) {
  const { chromium } = await import("playwright-core");
  const admin = await signIn(product.url, "admin@example.com");
  const connectors = await admin.must("GET", "/api/connectors");
  const hub = connectors.items.find((c) => c.kind === "hubspot");
  const wf = await admin.must("POST", "/api/workflows", { name: "Bench: 200 nodes", definition: bigDefinition(hub.id) }, 201);
  const id = wf.id ?? wf.workflow?.id;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, baseURL: product.url });
    const [name, value] = admin.cookie.split("=");
    await context.addCookies([{ name, value, url: product.url }]);
    const page = await context.newPage();
    const times = [];
    for (let i = 0; i < 4; i++) {
      await page.goto("/workflows");
      await page.getByRole("table", { name: "Workflows" }).waitFor({ timeout: 20_000 });
      const t0 = Date.now();
      await page.goto(`/workflows/${id}`);
      await page.waitForFunction(() => document.querySelectorAll(".react-flow__node").length >= 200, null, { timeout: 30_000, polling: 10 });
      times.push(Date.now() - t0);
    }
    const count = await page.locator(".react-flow__node").count();
    return { workflowId: id, nodesInDom: count, coldMs: times[0], warmMs: times.slice(1), render200NodesMs: round(median(times.slice(1)), 0) };
  } finally {
    await browser.close();
  }
}

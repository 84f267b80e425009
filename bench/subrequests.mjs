#!/usr/bin/env node
// Counts the subrequests (D1 calls, object calls, outbound fetches) a bench workload makes, from the
// runtime's own DevTools Network events: `node bench/subrequests.mjs ingest|minimal|runs [n]`.
// Under wrangler dev every subrequest is also relayed through its inspector proxy, so this count
// drives much of the CPU the ingest part measures outside the Worker.
import WebSocket from "ws";
import { freePort, startProduct } from "./lib/servers.mjs";
import { prepareWorkload } from "./lib/workloads.mjs";

const [what = "ingest", nArg] = process.argv.slice(2);
const n = Number(nArg ?? 20);
const inspectorPort = await freePort();
const product = await startProduct({ extraArgs: ["--inspector-port", String(inspectorPort)] });
try {
  const list = await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json();
  const target = list.find((t) => /onboarding|core:user/.test(t.title ?? "") || /worker/.test(t.url ?? "")) ?? list[0];
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((r, j) => (ws.once("open", r), ws.once("error", j)));
  const requests = new Map();
  let counting = false;
  ws.on("message", (m) => {
    const msg = JSON.parse(String(m));
    if (!counting || msg.method !== "Network.requestWillBeSent") return;
    const u = new URL(msg.params.request.url);
    const k = `${msg.params.request.method} ${u.host.replace(/:\d+$/, "")}${u.pathname.replace(/\d{5,}/g, ":id").replace(/[0-9a-f-]{20,}/g, ":id")}`;
    requests.set(k, (requests.get(k) ?? 0) + 1);
  });
  ws.send(JSON.stringify({ id: 1, method: "Network.enable" }));
  const workload = await prepareWorkload(product, what, n, { concurrency: 4, warm: true });
  counting = true;
  await workload();
  counting = false;
  ws.close();
  const rows = [...requests].sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((a, [, c]) => a + c, 0);
  console.log(`${what} × ${n}: ${total} subrequests, ${(total / n).toFixed(1)} each`);
  for (const [k, c] of rows) console.log(`${(c / n).toFixed(2).padStart(6)}  ${k}`);
} finally {
  await product.stop();
}

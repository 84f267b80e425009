#!/usr/bin/env node
// Profiles the Worker (and its run objects, which share the isolate) under a bench workload:
// `node bench/profile.mjs runs|ingest|minimal [n]` (minimal: ingest into a trigger → End workflow). Starts the product with an inspector port, records a
// V8 CPU profile over the DevTools protocol while the workload runs, and prints where the time
// went by function and by source file. Loopback only; the profile goes to bench/profile.cpuprofile.
import { writeFileSync } from "node:fs";
import WebSocket from "ws";
import { freePort, startProduct } from "./lib/servers.mjs";
import { prepareWorkload } from "./lib/workloads.mjs";

const [what = "runs", nArg] = process.argv.slice(2);
const n = Number(nArg ?? (what === "runs" ? 100 : 400));
const inspectorPort = await freePort();
const product = await startProduct({ extraArgs: ["--inspector-port", String(inspectorPort)] });

function cdp(url) {
  const ws = new WebSocket(url);
  let id = 0;
  const waiting = new Map();
  ws.on("message", (m) => {
    const msg = JSON.parse(String(m));
    if (msg.id && waiting.has(msg.id)) {
      waiting.get(msg.id)(msg);
      waiting.delete(msg.id);
    }
  });
  const ready = new Promise((r, j) => (ws.once("open", r), ws.once("error", j)));
  return {
    ready,
    send: (method, params = {}) => new Promise((r) => { const i = ++id; waiting.set(i, r); ws.send(JSON.stringify({ id: i, method, params })); }),
    close: () => ws.close(),
  };
}

try {
  const list = await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json();
  const target = list.find((t) => /onboarding|core:user/.test(t.title ?? "") || /worker/.test(t.url ?? "")) ?? list[0];
  const session = cdp(target.webSocketDebuggerUrl);
  await session.ready;
  const workload = await prepareWorkload(product, what, n);
  await session.send("Profiler.enable");
  await session.send("Profiler.setSamplingInterval", { interval: 200 });
  await session.send("Profiler.start");
  const cpu0 = product.cpu().worker;
  const t0 = Date.now();
  await workload();
  const wall = Date.now() - t0;
  const cpu = product.cpu().worker - cpu0;
  const { result } = await session.send("Profiler.stop");
  session.close();
  writeFileSync(new URL("./profile.cpuprofile", import.meta.url), JSON.stringify(result.profile));
  const p = result.profile;
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const self = new Map();
  const dt = p.timeDeltas;
  p.samples.forEach((s, i) => self.set(s, (self.get(s) ?? 0) + (dt[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map();
  const file = new Map();
  for (const [nid, us] of self) {
    const cf = byId.get(nid).callFrame;
    const f = (cf.url || "(native)").replace(/^.*\/(node_modules\/)?/, "$1");
    const k = `${cf.functionName || "(anonymous)"}  ${f}:${cf.lineNumber + 1}`;
    fn.set(k, (fn.get(k) ?? 0) + us);
    file.set(f, (file.get(f) ?? 0) + us);
  }
  const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, us]) => `${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`);
  console.log(`${what} × ${n}: wall ${wall} ms, workerd CPU ${cpu} ms (${(cpu / n).toFixed(1)} ms each); sampled ${(total / 1000).toFixed(0)} ms in the isolate`);
  console.log("\nBy function (self time):\n" + top(fn, 35).join("\n"));
  console.log("\nBy file:\n" + top(file, 20).join("\n"));
} finally {
  await product.stop();
}

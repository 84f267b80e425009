// @vitest-environment node
import { gzipSync } from "node:zlib";
import { build, type Rollup } from "vite";
import { describe, expect, it } from "vitest";

const BUILDER_BUDGET_GZ = 200 * 1024;

type Chunk = Rollup.OutputChunk & { viteMetadata?: { importedCss: Set<string> } };

/** Everything a lazy page needs once the app is loaded: its chunk, its static imports and their CSS. */
function closure(files: Rollup.OutputBundle[string][], start: Chunk): Set<string> {
  const byName = new Map(files.map((f) => [f.fileName, f]));
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const f = byName.get(name) as Chunk | undefined;
    if (f?.type === "chunk") {
      f.imports.forEach(visit);
      f.viteMetadata?.importedCss.forEach((c) => seen.add(c));
    }
  };
  visit(start.fileName);
  return seen;
}

describe("builder bundle budget", () => {
  it("keeps the builder route (its chunk, React Flow, dagre and CSS, beyond the initial route) under 200 KB gzipped", async () => {
    const out = await build({ configFile: "vite.config.ts", logLevel: "silent", build: { write: false } });
    const files = ((Array.isArray(out) ? out : [out]) as Rollup.RollupOutput[]).flatMap((o) => o.output);
    const byName = new Map(files.map((f) => [f.fileName, f]));
    const chunks = files.filter((f): f is Chunk => f.type === "chunk");
    const entry = chunks.find((c) => c.isEntry)!;
    const builder = chunks.find((c) => Object.keys(c.modules).some((m) => m.endsWith("/web/pages/workflows-builder.tsx")))!;
    expect(builder).toBeDefined();
    const initial = closure(files, entry);
    const extra = [...closure(files, builder)].filter((n) => !initial.has(n));
    const gz = extra.reduce((n, name) => {
      const f = byName.get(name)!;
      return n + gzipSync(f.type === "chunk" ? f.code : f.source).length;
    }, 0);
    expect(gz).toBeLessThan(BUILDER_BUDGET_GZ);
    // React Flow and dagre load with the builder, never before.
    const modules = extra.flatMap((n) => (byName.get(n)?.type === "chunk" ? Object.keys((byName.get(n) as Chunk).modules) : []));
    expect(modules.some((m) => m.includes("node_modules/@xyflow"))).toBe(true);
    expect(modules.some((m) => m.includes("node_modules/@dagrejs"))).toBe(true);
    console.info(`builder route: ${(gz / 1024).toFixed(1)} KB gzipped beyond the initial route`);
  }, 60_000);
});

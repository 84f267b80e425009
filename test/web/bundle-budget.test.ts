// @vitest-environment node
import { gzipSync } from "node:zlib";
import { build, type Rollup } from "vite";
import { describe, expect, it } from "vitest";

const BUDGET_GZ = 120 * 1024;

/** Builds the SPA in memory (nothing written to dist/) and returns its chunks and assets. */
async function buildInMemory(): Promise<Rollup.OutputBundle[string][]> {
  const out = await build({ configFile: "vite.config.ts", logLevel: "silent", build: { write: false } });
  const outputs = (Array.isArray(out) ? out : [out]) as Rollup.RollupOutput[];
  return outputs.flatMap((o) => o.output);
}

describe("bundle budget", () => {
  it("keeps the initial route (entry JS, its static imports and CSS) under 120 KB gzipped, with heavy deps lazy", async () => {
    const files = await buildInMemory();
    const byName = new Map(files.map((f) => [f.fileName, f]));
    const entry = files.find((f): f is Rollup.OutputChunk => f.type === "chunk" && f.isEntry);
    expect(entry).toBeDefined();

    // The entry plus everything it imports statically is what the first page load needs.
    const initial = new Set<string>();
    const visit = (name: string) => {
      if (initial.has(name)) return;
      initial.add(name);
      const f = byName.get(name);
      if (f?.type === "chunk") {
        f.imports.forEach(visit);
        const css = (f as Rollup.OutputChunk & { viteMetadata?: { importedCss: Set<string> } }).viteMetadata?.importedCss;
        css?.forEach((c) => initial.add(c));
      }
    };
    visit(entry!.fileName);

    let gz = 0;
    for (const name of initial) {
      const f = byName.get(name)!;
      gz += gzipSync(f.type === "chunk" ? f.code : f.source).length;
    }
    expect(gz).toBeLessThan(BUDGET_GZ);

    const initialModules = [...initial].flatMap((n) => {
      const f = byName.get(n);
      return f?.type === "chunk" ? Object.keys(f.modules) : [];
    });
    expect(initialModules.some((m) => m.includes("node_modules/@xyflow"))).toBe(false);
    expect(initialModules.some((m) => m.includes("/web/pages/team"))).toBe(false);
  }, 60_000);
});

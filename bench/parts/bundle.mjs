// Deploy bundle part: what `wrangler deploy --dry-run` would upload, gzipped.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { appSnapshot, QUIET, tempDir } from "../lib/servers.mjs";

export function measureBundle() {
  const out = tempDir("ow-bench-deploy-");
  try {
    const r = spawnSync("npx", ["wrangler", "deploy", "--dry-run", "--env", "production", "--outdir", out], { cwd: appSnapshot(), encoding: "utf8", env: { ...process.env, ...QUIET } });
    if (r.status !== 0) throw new Error("wrangler deploy --dry-run failed: " + r.stderr + r.stdout);
    const files = readdirSync(out, { recursive: true }).map(String).filter((f) => /\.(m?js|wasm)$/.test(f) && statSync(join(out, f)).isFile());
    let raw = 0;
    let gz = 0;
    for (const f of files) {
      const buf = readFileSync(join(out, f));
      raw += buf.length;
      gz += gzipSync(buf, { level: 9 }).length;
    }
    const reported = /Total Upload:\s*([\d.]+ KiB)\s*\/\s*gzip:\s*([\d.]+ KiB)/.exec(r.stdout + r.stderr);
    return { gzBytes: gz, rawBytes: raw, files, wranglerReports: reported ? `${reported[1]} / gzip ${reported[2]}` : null };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

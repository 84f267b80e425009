// Finds Debian's Chromium for the browser tests, installing it when we are root and it is absent.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export function ensureChromium() {
  if (existsSync(CHROMIUM)) return { ok: true, path: CHROMIUM };
  if (process.getuid?.() !== 0) {
    return { ok: false, message: "Chromium is missing: run `sudo apt-get install -y chromium` (Debian) and test again." };
  }
  console.log("Chromium is missing; installing Debian's chromium package…");
  const opts = { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } };
  spawnSync("apt-get", ["update", "-qq"], opts);
  spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], opts);
  return existsSync(CHROMIUM)
    ? { ok: true, path: CHROMIUM }
    : { ok: false, message: "Could not install Chromium: run `apt-get install -y chromium` as root and test again." };
}

// Small HTTP helpers shared by the benchmark and the reliability suite: a signed-in JSON client,
// percentiles, and a bounded poll. Everything talks to 127.0.0.1 only.

/** Refuses any address that is not the loopback interface (the bench never leaves the machine). */
export function assertLoopback(url) {
  const u = new URL(url);
  if (u.hostname !== "127.0.0.1" && u.hostname !== "localhost") throw new Error(`refusing non-loopback target ${url}`);
}

/** A JSON client for one user of the product, signed in through the API (session cookie). */
export async function signIn(base, email, password = "demo-password") {
  assertLoopback(base);
  const res = await fetch(base + "/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  return client(base, cookie);
}

/** `{status, json, text, ms}` for each call; a state-changing call carries the app's own origin. */
export function client(base, cookie = "") {
  const call = async (method, path, body, headers = {}) => {
    const h = { ...(cookie ? { cookie } : {}), ...headers };
    if (method !== "GET" && method !== "HEAD" && !("origin" in h)) h.origin = base;
    if (body !== undefined && !h["content-type"]) h["content-type"] = "application/json";
    const t0 = performance.now();
    const res = await fetch(base + path, { method, headers: h, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
    const text = await res.text();
    const ms = performance.now() - t0;
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, json, text, ms, headers: res.headers };
  };
  return {
    base,
    cookie,
    call,
    get: (p, h) => call("GET", p, undefined, h),
    post: (p, b, h) => call("POST", p, b, h),
    put: (p, b, h) => call("PUT", p, b, h),
    /** Fails loudly unless the answer has the expected status. */
    async must(method, p, body, status = 200) {
      const r = await call(method, p, body);
      if (r.status !== status) throw new Error(`${method} ${p} → ${r.status} (expected ${status}): ${r.text.slice(0, 500)}`);
      return r.json;
    },
  };
}

/** Every page of a list endpoint (`{items, nextCursor}`), bounded to `maxPages`. */
export async function listAll(c, path, maxPages = 200) {
  const out = [];
  let cursor = null;
  for (let i = 0; i < maxPages; i++) {
    const sep = path.includes("?") ? "&" : "?";
    const r = await c.must("GET", `${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    out.push(...r.items);
    cursor = r.nextCursor;
    if (!cursor) return out;
  }
  throw new Error(`${path}: more than ${maxPages} pages`);
}

export function percentile(values, p) {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i];
}

export const median = (values) => percentile(values, 50);
export const round = (v, digits = 1) => (v == null || Number.isNaN(v) ? null : Math.round(v * 10 ** digits) / 10 ** digits);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value, at most `ms` long; returns the last value. */
export async function until(fn, { ms = 30_000, every = 250, what = "condition" } = {}) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await sleep(every);
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

/** Runs `fn(i)` for i in [0, n) with at most `concurrency` in flight. */
export async function pool(n, concurrency, fn) {
  const results = new Array(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      results[i] = await fn(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  return results;
}

/** A small seeded PRNG (mulberry32), so generated data and fuzz cases are reproducible. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (n) => Math.floor(next() * n);
  next.pick = (arr) => arr[Math.floor(next() * arr.length)];
  next.shuffle = (arr) => {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [arr[i], arr[j]] = [arr[j], arr[i]];
    }
    return arr;
  };
  return next;
}

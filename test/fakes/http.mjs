// The plumbing every fake CRM server shares: a tiny router, JSON helpers, per-tenant state and
// the failure knobs tests use to make a CRM answer 429, 500 or 401.
//
// Tenancy: every request is attributed to the bearer token it carries, and each token gets its own
// copy of the fixture world. Worker test files run in parallel against one set of fake servers, so
// a test that changes a deal or injects a failure only affects the connector that uses its token.
import { createServer } from "node:http";

/** Reads the request body as text (fake servers never see large bodies). */
export function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (data += chunk));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

export function send(res, status, body, headers = {}) {
  const text = body === undefined || body === null ? "" : typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(text);
}

/** The bearer token of a request, without the `at-` prefix the fake OAuth endpoint adds. */
export function bearer(req) {
  const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "");
  return m ? m[1].trim().replace(/^at-/, "") : null;
}

/**
 * One tenant's state: the fixture world built by `makeWorld`, the failure queue, and a log of the
 * requests it received (so tests can assert what was sent, or that nothing was).
 */
export function createTenants(makeWorld) {
  const tenants = new Map();
  return {
    get(token) {
      let t = tenants.get(token);
      if (!t) {
        t = { world: makeWorld(), failures: [], requests: [] };
        tenants.set(token, t);
      }
      return t;
    },
    reset(token) {
      tenants.delete(token);
    },
  };
}

/**
 * Starts a fake on 127.0.0.1. `handle(req, res, ctx)` answers API calls; the `/__fake/*` control
 * routes are added here:
 *   POST /__fake/fail     {token, status, times?, retryAfter?, path?}  next matching calls fail
 *   POST /__fake/set      {token, ...}                                  passed to `control.set`
 *   GET  /__fake/requests?token=                                        what that token sent
 *   POST /__fake/reset    {token}                                       back to the fixtures
 */
export function startServer({ name, port = 0, tenants, handle, control = {}, failureBody }) {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://fake.local");
      const raw = await readBody(req);
      if (url.pathname.startsWith("/__fake/")) return controlRoute(req, res, url, raw);
      const token = bearer(req);
      const ctx = { url, raw, token, tenant: token ? tenants.get(token) : null };
      if (ctx.tenant) {
        ctx.tenant.requests.push({ method: req.method, path: url.pathname, query: url.search, body: raw, at: Date.now() });
        const i = ctx.tenant.failures.findIndex((f) => !f.path || url.pathname.includes(f.path));
        if (i >= 0) {
          const f = ctx.tenant.failures[i];
          if (--f.times <= 0) ctx.tenant.failures.splice(i, 1);
          return send(res, f.status, failureBody(f.status), f.retryAfter !== undefined ? { "retry-after": String(f.retryAfter) } : {});
        }
      }
      await handle(req, res, ctx);
    } catch (e) {
      send(res, 500, { message: `fake ${name} crashed: ${e?.message ?? e}` });
    }
  });

  function controlRoute(req, res, url, raw) {
    let body = {};
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      return send(res, 400, { message: "control body must be JSON" });
    }
    const token = body.token ?? url.searchParams.get("token");
    if (!token) return send(res, 400, { message: "token is required" });
    if (url.pathname === "/__fake/fail") {
      tenants.get(token).failures.push({ status: body.status ?? 500, times: body.times ?? 1, retryAfter: body.retryAfter, path: body.path });
      return send(res, 200, { ok: true });
    }
    if (url.pathname === "/__fake/requests") return send(res, 200, tenants.get(token).requests);
    if (url.pathname === "/__fake/reset") {
      tenants.reset(token);
      return send(res, 200, { ok: true });
    }
    if (url.pathname === "/__fake/set" && control.set) {
      const result = control.set(tenants.get(token).world, body);
      return result ? send(res, 200, result) : send(res, 404, { message: "no such record" });
    }
    return send(res, 404, { message: "unknown control route" });
  }

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const addr = server.address();
      resolve({
        name,
        url: `http://127.0.0.1:${addr.port}`,
        port: addr.port,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

/** `[method, /regex/, handler]` rows; the first whose method and path match answers. */
export function route(table, notFound) {
  return async (req, res, ctx) => {
    for (const [method, re, fn] of table) {
      if (method !== req.method) continue;
      const m = re.exec(ctx.url.pathname);
      if (m) return fn(req, res, ctx, m);
    }
    return notFound(req, res, ctx);
  };
}

/** A deep copy of fixture JSON, so tenants never share mutable records. */
export const clone = (v) => JSON.parse(JSON.stringify(v));

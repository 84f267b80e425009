import { exports, env } from "cloudflare:workers";
import { createDb, schema } from "../../worker/db/client";
import { hashPassword, newId } from "../../worker/lib/crypto";
import { iso } from "../../worker/lib/time";

export const BASE = "http://app.test";

/** Calls the Worker as a browser on its own origin would. */
export async function call(
  path: string,
  init: { method?: string; body?: unknown; rawBody?: string; cookie?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.cookie) headers.cookie = init.cookie;
  let body: string | undefined;
  if (init.rawBody !== undefined) body = init.rawBody;
  else if (init.body !== undefined) body = JSON.stringify(init.body);
  if (body !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
  const method = init.method ?? (body !== undefined ? "POST" : "GET");
  if (method !== "GET" && !("origin" in headers)) headers.origin = BASE;
  const res = await (exports as unknown as { default: Fetcher }).default.fetch(new Request(BASE + path, { method, headers, body }));
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, json, text };
}

export const db = () => createDb(env.DB);

/** Inserts a user directly (fast path for tests that are not about user creation). */
export async function makeUser(opts: { email?: string; name?: string; role?: "admin" | "csm"; password?: string; active?: boolean } = {}) {
  const now = iso();
  const row = {
    id: newId("u_"),
    email: (opts.email ?? `${newId()}@example.com`).toLowerCase(),
    name: opts.name ?? "Test User",
    role: opts.role ?? "admin",
    passwordHash: await hashPassword(opts.password ?? "correct-horse"),
    active: opts.active ?? true,
    outOfOffice: false,
    createdAt: now,
    updatedAt: now,
  };
  await db().insert(schema.users).values(row);
  return row;
}

/** Signs in through the API and returns the session cookie pair. */
export async function login(email: string, password = "correct-horse") {
  const r = await call("/api/auth/login", { body: { email, password } });
  if (r.status !== 200) throw new Error(`login failed ${r.status} ${r.text}`);
  const set = r.headers.get("set-cookie") ?? "";
  return set.split(";")[0];
}

export async function signedIn(role: "admin" | "csm" = "admin") {
  const user = await makeUser({ role });
  return { user, cookie: await login(user.email) };
}

/** A routing pool with these members (weight 1, no capacity limit); returns its id. */
export async function makePool(members: string[]) {
  const id = newId("pool_");
  await db().insert(schema.pools).values({ id, name: "Pool " + id, createdAt: iso(), updatedAt: iso() });
  for (const userId of members) await db().insert(schema.poolMembers).values({ poolId: id, userId, weight: 1, capacity: null });
  return id;
}

export function expectErrorShape(json: any) {
  if (!json || typeof json.error?.code !== "string" || typeof json.error?.message !== "string" || !Array.isArray(json.error?.details)) {
    throw new Error("not the API error shape: " + JSON.stringify(json));
  }
}

// The floor for ingesting one webhook delivery on this platform: the least any receiver must do.
// 1. verify X-HubSpot-Signature-v3 (HMAC-SHA256 over method + URL + raw body + timestamp, 5 min);
// 2. insert one D1 row; 3. create one new Durable Object that stores the payload. Then 200.
import { DurableObject } from "cloudflare:workers";

export class EventObject extends DurableObject {
  store(payload) {
    this.ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS payload (body TEXT NOT NULL, at INTEGER NOT NULL)");
    this.ctx.storage.sql.exec("INSERT INTO payload (body, at) VALUES (?, ?)", payload, Date.now());
    return true;
  }
}

const enc = new TextEncoder();
let keyPromise = null;

function base64(buf) {
  let s = "";
  for (const b of new Uint8Array(buf)) s += String.fromCharCode(b);
  return btoa(s);
}

function equal(a, b) {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return d === 0;
}

export default {
  async fetch(req, env) {
    const url = new URL(req.url);
    if (req.method === "GET" && url.pathname === "/health") return new Response("ok");
    if (req.method !== "POST") return new Response("not found", { status: 404 });
    const body = await req.text();
    const sig = req.headers.get("x-hubspot-signature-v3");
    const ts = req.headers.get("x-hubspot-request-timestamp");
    if (!sig || !ts || Math.abs(Date.now() - Number(ts)) > 300_000) return Response.json({ error: "stale or unsigned" }, { status: 401 });
    keyPromise ??= crypto.subtle.importKey("raw", enc.encode(env.HUBSPOT_CLIENT_SECRET), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const mac = await crypto.subtle.sign("HMAC", await keyPromise, enc.encode(`POST${req.url}${body}${ts}`));
    if (!equal(base64(mac), sig)) return Response.json({ error: "bad signature" }, { status: 401 });
    const id = crypto.randomUUID();
    const digest = base64(await crypto.subtle.digest("SHA-256", enc.encode(body)));
    await env.DB.prepare("INSERT INTO deliveries (id, received_at, body_sha) VALUES (?, ?, ?)").bind(id, Date.now(), digest).run();
    const stub = env.EVENTS.get(env.EVENTS.newUniqueId());
    await stub.store(body);
    return Response.json({ ok: true, id });
  },
};

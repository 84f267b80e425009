// The floor for ingesting one webhook delivery on this platform: the least any receiver must do.
// 1. verify X-HubSpot-Signature-v3 (HMAC-SHA256 over method + URL + raw body + timestamp, 5 min);
// 2. insert one D1 row; 3. create one new Durable Object that stores the payload. Then 200.
//
// `…/floor-io` is the same floor plus, after the answer, the I/O the seeded Closed Won workflow's
// run needs and nothing else: the object's alarm reads the deal (with its associations) and its
// company from the fake HubSpot, then makes two D1 writes; a repeated event (same body) gets its
// answer after the D1 claim, with no object and no I/O. Not a goal: a yardstick that shows how
// much of the gap to the floor is the workflow's subrequests rather than the product's own code.
import { DurableObject } from "cloudflare:workers";

export class EventObject extends DurableObject {
  store(payload, withIo = false) {
    this.ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS payload (body TEXT NOT NULL, at INTEGER NOT NULL)");
    this.ctx.storage.sql.exec("INSERT INTO payload (body, at) VALUES (?, ?)", payload, Date.now());
    if (withIo) this.ctx.storage.setAlarm(Date.now());
    return true;
  }

  async alarm() {
    const [row] = this.ctx.storage.sql.exec("SELECT body FROM payload LIMIT 1").toArray();
    const objectId = JSON.parse(row.body)[0].objectId;
    const get = async (path) => {
      const res = await fetch(this.env.HUBSPOT_API + path, { headers: { authorization: `Bearer ${this.env.HUBSPOT_TOKEN}` } });
      if (!res.ok) throw new Error(`HubSpot answered ${res.status} for ${path}`);
      return res.json();
    };
    const deal = await get(`/crm/v3/objects/deals/${objectId}?properties=dealname,amount,dealstage,hubspot_owner_id&associations=companies,contacts`);
    const companyId = deal.associations?.companies?.results?.[0]?.id;
    const company = companyId ? await get(`/crm/v3/objects/companies/${companyId}?properties=name,domain`) : null;
    const write = (kind, body) => this.env.DB.prepare("INSERT INTO work (id, kind, at, body) VALUES (?, ?, ?, ?)").bind(crypto.randomUUID(), kind, Date.now(), body).run();
    await write("account", JSON.stringify({ deal: deal.properties, company: company?.properties ?? null }));
    await write("item", String(objectId));
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
    if (req.method === "GET" && url.pathname === "/work") {
      // How many alarms finished their I/O (two rows each), so the bench can check they all ran.
      const { n } = await env.DB.prepare("SELECT count(*) AS n FROM work WHERE kind = 'item'").first();
      return Response.json({ done: n });
    }
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
    if (url.pathname.endsWith("/floor-io")) {
      // A repeat gets its answer without the I/O, as the product starts nothing for a duplicate.
      const claim = await env.DB.prepare("INSERT INTO seen (body_sha, received_at) VALUES (?, ?) ON CONFLICT DO NOTHING").bind(digest, Date.now()).run();
      if (claim.meta.changes === 0) return Response.json({ ok: true, duplicate: true });
      await env.EVENTS.get(env.EVENTS.newUniqueId()).store(body, true);
      return Response.json({ ok: true, id });
    }
    await env.DB.prepare("INSERT INTO deliveries (id, received_at, body_sha) VALUES (?, ?, ?)").bind(id, Date.now(), digest).run();
    const stub = env.EVENTS.get(env.EVENTS.newUniqueId());
    await stub.store(body);
    return Response.json({ ok: true, id });
  },
};

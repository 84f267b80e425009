// A fake HubSpot CRM API speaking the v3 wire format of test/fixtures/hubspot: deals with
// associations, companies, contacts, owners, pipelines, search (for polling), batch read with
// property history, account info (for "Test connection") and deal updates (write-back).
import { clone, createTenants, route, send, startServer } from "./http.mjs";
import { fixture } from "./fixtures.mjs";

const DEAL = fixture("hubspot/deal-object.json");

/** Deals beyond the fixture, so the mixed webhook batch refers to records that exist. */
const EXTRA_DEALS = [
  { id: "24587355078", name: "Harborview Logistics - Starter plan", stage: "contractsent", at: "2026-03-27T16:38:55.004Z" },
  { id: "24587402231", name: "Quillstone Media - Growth plan", stage: "appointmentscheduled", at: "2026-03-27T16:44:02.731Z" },
  { id: "24587299004", name: "Fernway Outdoor - Starter plan", stage: "closedlost", at: "2026-03-27T16:05:41.377Z" },
];

/**
 * Won deals that "Send test event" names after the fixture's (worker/crm/samples.ts keeps the same
 * ids), so each press can start a run for a record that has none yet. Last changed well before the
 * fixtures, so polling from a recent cursor does not list them.
 */
const SAMPLE_DEALS = [
  { id: "24587310977", name: "Larkspur Labs - Growth plan", stage: "closedwon", at: "2026-02-02T10:15:00.000Z" },
  { id: "24587311043", name: "Ottermere Retail - Enterprise plan", stage: "closedwon", at: "2026-02-03T14:40:00.000Z" },
];

function makeDeal(id, name, stage, at) {
  const d = clone(DEAL);
  d.id = id;
  Object.assign(d.properties, { hs_object_id: id, dealname: name, dealstage: stage, hs_lastmodifieddate: at, createdate: at });
  d.createdAt = at;
  d.updatedAt = at;
  d.associations = { companies: clone(DEAL.associations.companies) };
  return d;
}

function makeWorld() {
  const deals = new Map([[DEAL.id, clone(DEAL)]]);
  // Newest first, as HubSpot lists property history. The closed-won entry has the timestamp the
  // webhook fixture's occurredAt carries, so polling and webhooks describe the same change.
  const history = new Map([
    [DEAL.id, [
      { value: "closedwon", timestamp: "2026-03-27T16:42:10.512Z", sourceType: "CRM_UI" },
      { value: "contractsent", timestamp: "2026-03-19T11:02:44.120Z", sourceType: "CRM_UI" },
    ]],
  ]);
  for (const x of [...EXTRA_DEALS, ...SAMPLE_DEALS]) {
    deals.set(x.id, makeDeal(x.id, x.name, x.stage, x.at));
    history.set(x.id, [{ value: x.stage, timestamp: x.at, sourceType: "CRM_UI" }]);
  }
  const company = fixture("hubspot/company-object.json");
  const contact = fixture("hubspot/contact-object.json");
  const owner = fixture("hubspot/owner-object.json");
  return {
    deals,
    history,
    companies: new Map([[company.id, company]]),
    contacts: new Map([[contact.id, contact]]),
    owners: new Map([[owner.id, owner]]),
    pipelines: fixture("hubspot/deal-pipelines.json"),
  };
}

const error = (status, message, category) => ({ status: "error", message, correlationId: "00000000-0000-4000-8000-000000000000", category });
const notFound = (res) => send(res, 404, error(404, "Object not found.  objectId are usually numeric.", "OBJECT_NOT_FOUND"));

function failureBody(status) {
  if (status === 429) return error(429, "You have reached your ten_secondly_rolling limit.", "RATE_LIMITS");
  if (status === 401) return error(401, "Authentication credentials not found.", "INVALID_AUTHENTICATION");
  return error(status, "internal error", "INTERNAL_ERROR");
}

/** A record as the API answers: only `properties` is filtered when the caller names properties. */
function view(obj, url) {
  const out = clone(obj);
  if (!url.searchParams.get("associations")) delete out.associations;
  return out;
}

const ms = (v) => (/^\d+$/.test(String(v)) ? Number(v) : Date.parse(v));

function search(world, body) {
  const filters = body.filterGroups?.[0]?.filters ?? [];
  let rows = [...world.deals.values()];
  for (const f of filters) {
    if (f.propertyName !== "hs_lastmodifieddate") continue;
    const v = ms(f.value);
    rows = rows.filter((d) => (f.operator === "GTE" ? ms(d.properties.hs_lastmodifieddate) >= v : ms(d.properties.hs_lastmodifieddate) > v));
  }
  rows.sort((a, b) => ms(a.properties.hs_lastmodifieddate) - ms(b.properties.hs_lastmodifieddate) || a.id.localeCompare(b.id));
  const start = Number(body.after ?? 0);
  const limit = Math.min(Number(body.limit ?? 10), 200);
  const page = rows.slice(start, start + limit);
  const props = body.properties ?? ["hs_lastmodifieddate"];
  return {
    total: rows.length,
    results: page.map((d) => ({
      id: d.id,
      properties: Object.fromEntries(props.map((p) => [p, d.properties[p] ?? null])),
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
      archived: false,
    })),
    ...(start + limit < rows.length ? { paging: { next: { after: String(start + limit) } } } : {}),
  };
}

function handler(tenants) {
  return route(
    [
      ["GET", /^\/account-info\/v3\/details$/, (req, res) =>
        send(res, 200, { portalId: 48211937, accountType: "STANDARD", timeZone: "America/Denver", companyCurrency: "USD", additionalCurrencies: [], utcOffset: "-06:00", utcOffsetMilliseconds: -21600000, uiDomain: "app.hubspot.com", dataHostingLocation: "na1" })],
      ["GET", /^\/crm\/v3\/pipelines\/deals$/, (req, res, ctx) => send(res, 200, ctx.tenant.world.pipelines)],
      ["GET", /^\/crm\/v3\/objects\/deals\/(\d+)$/, (req, res, ctx, m) => {
        const deal = ctx.tenant.world.deals.get(m[1]);
        if (!deal) return notFound(res);
        const out = view(deal, ctx.url);
        if (ctx.url.searchParams.get("propertiesWithHistory")) out.propertiesWithHistory = { dealstage: ctx.tenant.world.history.get(m[1]) ?? [] };
        return send(res, 200, out);
      }],
      ["PATCH", /^\/crm\/v3\/objects\/deals\/(\d+)$/, (req, res, ctx, m) => {
        const deal = ctx.tenant.world.deals.get(m[1]);
        if (!deal) return notFound(res);
        const body = JSON.parse(ctx.raw || "{}");
        Object.assign(deal.properties, body.properties ?? {});
        return send(res, 200, view(deal, ctx.url));
      }],
      ["POST", /^\/crm\/v3\/objects\/deals\/search$/, (req, res, ctx) => send(res, 200, search(ctx.tenant.world, JSON.parse(ctx.raw || "{}")))],
      ["POST", /^\/crm\/v3\/objects\/deals\/batch\/read$/, (req, res, ctx) => {
        const body = JSON.parse(ctx.raw || "{}");
        const results = (body.inputs ?? [])
          .map((i) => ctx.tenant.world.deals.get(String(i.id)))
          .filter(Boolean)
          .map((d) => ({
            id: d.id,
            properties: d.properties,
            propertiesWithHistory: Object.fromEntries((body.propertiesWithHistory ?? []).map((p) => [p, p === "dealstage" ? ctx.tenant.world.history.get(d.id) ?? [] : []])),
            createdAt: d.createdAt,
            updatedAt: d.updatedAt,
            archived: false,
          }));
        return send(res, 200, { status: "COMPLETE", results, startedAt: new Date().toISOString(), completedAt: new Date().toISOString() });
      }],
      ["GET", /^\/crm\/v3\/objects\/companies\/(\d+)$/, (req, res, ctx, m) => {
        const c = ctx.tenant.world.companies.get(m[1]);
        return c ? send(res, 200, view(c, ctx.url)) : notFound(res);
      }],
      ["GET", /^\/crm\/v3\/objects\/contacts\/(\d+)$/, (req, res, ctx, m) => {
        const c = ctx.tenant.world.contacts.get(m[1]);
        return c ? send(res, 200, view(c, ctx.url)) : notFound(res);
      }],
      ["GET", /^\/crm\/v3\/owners\/(\d+)$/, (req, res, ctx, m) => {
        const o = ctx.tenant.world.owners.get(m[1]);
        return o ? send(res, 200, o) : notFound(res);
      }],
    ],
    (req, res) => send(res, 404, error(404, `Unknown path ${req.method} ${req.url}`, "OBJECT_NOT_FOUND")),
  );
}

/**
 * `POST /__fake/set {token, dealId, properties, at?}`: changes (or creates) a deal as a person in
 * HubSpot would; a stage change is added to the property history at `at`.
 */
function set(world, body) {
  const at = body.at ?? new Date().toISOString();
  let deal = world.deals.get(String(body.dealId));
  if (!deal) {
    deal = makeDeal(String(body.dealId), body.properties?.dealname ?? `Deal ${body.dealId}`, body.properties?.dealstage ?? "appointmentscheduled", at);
    world.deals.set(deal.id, deal);
    world.history.set(deal.id, []);
  }
  const props = body.properties ?? {};
  if (props.dealstage && props.dealstage !== world.history.get(deal.id)?.[0]?.value) {
    world.history.get(deal.id).unshift({ value: props.dealstage, timestamp: at, sourceType: "CRM_UI" });
  }
  Object.assign(deal.properties, props, { hs_lastmodifieddate: at });
  deal.updatedAt = at;
  return deal;
}

/** Starts the fake HubSpot on `port` (0: any free port). Any bearer token works except ones containing "revoked". */
export function startHubspot({ port = 0 } = {}) {
  const tenants = createTenants(makeWorld);
  const api = handler(tenants);
  return startServer({
    name: "hubspot",
    port,
    tenants,
    failureBody,
    control: { set },
    handle(req, res, ctx) {
      if (!ctx.token) return send(res, 401, error(401, "Authentication credentials not found.", "INVALID_AUTHENTICATION"));
      if (ctx.token.includes("revoked")) return send(res, 401, error(401, "The OAuth token used to make this call expired 2 day(s) ago.", "EXPIRED_AUTHENTICATION"));
      return api(req, res, ctx);
    },
  });
}

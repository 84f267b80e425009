// A fake Salesforce REST API (v62.0) answering the few SOQL queries the adapter sends, with the
// records of test/fixtures/salesforce, plus Opportunity updates and the OAuth refresh-token flow.
import { clone, createTenants, route, send, startServer } from "./http.mjs";
import { fixture } from "./fixtures.mjs";

export const ORG_ID = "00D5g00000KxRtUEAV";
const API = "/services/data/v62.0";
const OPP = fixture("salesforce/opportunity-soql-result.json").records[0];

const SAMPLE_OPPORTUNITIES = [
  ["0065g00000Bq7XlAAJ", "Larkspur Labs - Growth - 1yr"],
  ["0065g00000Bq7XmAAJ", "Ottermere Retail - Enterprise - 2yr"],
];

function makeWorld() {
  const opp = clone(OPP);
  // Fields the polling query reads; the fixture record (opportunity-record.json) has the same times.
  opp.LastStageChangeDate = "2026-03-30T18:21:47.000+0000";
  opp.SystemModstamp = "2026-03-30T18:21:47.000+0000";
  const world = { opportunities: new Map([[opp.Id, opp]]) };
  // Won opportunities "Send test event" names after the fixture's (worker/crm/samples.ts keeps the
  // same ids); last changed before the fixture, so polling from a recent cursor does not list them.
  for (const [Id, Name] of SAMPLE_OPPORTUNITIES) {
    const o = clone(opp);
    Object.assign(o, { Id, Name, LastStageChangeDate: "2026-02-02T10:15:00.000+0000", SystemModstamp: "2026-02-02T10:15:00.000+0000" });
    o.attributes = { ...o.attributes, url: `${API}/sobjects/Opportunity/${Id}` };
    world.opportunities.set(Id, o);
  }
  return world;
}

const sfError = (errorCode, message) => [{ message, errorCode }];

function failureBody(status) {
  if (status === 401) return sfError("INVALID_SESSION_ID", "Session expired or invalid");
  if (status === 429 || status === 403) return sfError("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
  return sfError("UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)");
}

const list = (records) => ({ totalSize: records.length, done: true, records });
const sfTime = (v) => Date.parse(String(v).replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));

/** Answers the adapter's SOQL by shape; anything else is a MALFORMED_QUERY like the real API. */
function query(world, q) {
  let m = /FROM\s+Opportunity\s+WHERE\s+Id\s*=\s*'([A-Za-z0-9]{15,18})'/i.exec(q);
  if (m) {
    const opp = world.opportunities.get(m[1]);
    return [200, list(opp ? [clone(opp)] : [])];
  }
  m = /FROM\s+Opportunity\s+WHERE\s+SystemModstamp\s*>\s*(\S+)/i.exec(q);
  if (m) {
    const since = sfTime(m[1]);
    const rows = [...world.opportunities.values()]
      .filter((o) => sfTime(o.SystemModstamp) > since)
      .sort((a, b) => sfTime(a.SystemModstamp) - sfTime(b.SystemModstamp))
      .map((o) => ({ attributes: o.attributes, Id: o.Id, Name: o.Name, StageName: o.StageName, LastStageChangeDate: o.LastStageChangeDate, SystemModstamp: o.SystemModstamp }));
    return [200, list(rows)];
  }
  if (/FROM\s+Organization/i.test(q)) {
    return [200, list([{ attributes: { type: "Organization", url: `${API}/sobjects/Organization/${ORG_ID}` }, Id: ORG_ID, Name: "Northwind SaaS" }])];
  }
  if (/FROM\s+OpportunityStage/i.test(q)) {
    const stages = [["Prospecting", false, false], ["Negotiation/Review", false, false], ["Closed Won", true, true], ["Closed Lost", true, false]];
    return [200, list(stages.map(([MasterLabel, IsClosed, IsWon], i) => ({ attributes: { type: "OpportunityStage" }, MasterLabel, ApiName: MasterLabel, IsClosed, IsWon, SortOrder: i + 1, IsActive: true })))];
  }
  return [400, sfError("MALFORMED_QUERY", `unexpected query for the fake: ${q}`)];
}

function handler() {
  return route(
    [
      ["GET", new RegExp(`^${API}/query/?$`), (req, res, ctx) => {
        const [status, body] = query(ctx.tenant.world, ctx.url.searchParams.get("q") ?? "");
        return send(res, status, body);
      }],
      ["PATCH", new RegExp(`^${API}/sobjects/Opportunity/([A-Za-z0-9]{15,18})$`), (req, res, ctx, m) => {
        const opp = ctx.tenant.world.opportunities.get(m[1]);
        if (!opp) return send(res, 404, sfError("NOT_FOUND", "The requested resource does not exist"));
        Object.assign(opp, JSON.parse(ctx.raw || "{}"));
        return send(res, 204, null);
      }],
    ],
    (req, res) => send(res, 404, sfError("NOT_FOUND", "The requested resource does not exist")),
  );
}

/** `POST /__fake/set {token, opportunityId, fields, at?}`: edits an Opportunity; a stage change moves LastStageChangeDate. */
function set(world, body) {
  const at = (body.at ?? new Date().toISOString()).replace("Z", "+0000");
  let opp = world.opportunities.get(body.opportunityId);
  if (!opp) {
    opp = { ...clone(OPP), Id: body.opportunityId };
    world.opportunities.set(opp.Id, opp);
  }
  if (body.fields?.StageName && body.fields.StageName !== opp.StageName) opp.LastStageChangeDate = at;
  Object.assign(opp, body.fields ?? {}, { SystemModstamp: at });
  return opp;
}

/** Starts the fake Salesforce. Any bearer token works except ones containing "revoked". */
export function startSalesforce({ port = 0 } = {}) {
  const tenants = createTenants(makeWorld);
  const api = handler();
  return startServer({
    name: "salesforce",
    port,
    tenants,
    failureBody,
    control: { set },
    async handle(req, res, ctx) {
      if (req.method === "POST" && ctx.url.pathname === "/services/oauth2/token") {
        const form = new URLSearchParams(ctx.raw);
        const refresh = form.get("refresh_token") ?? "";
        if (form.get("grant_type") !== "refresh_token" || !refresh || refresh.includes("revoked")) {
          return send(res, 400, { error: "invalid_grant", error_description: "expired access/refresh token" });
        }
        return send(res, 200, { access_token: `at-${refresh}`, instance_url: `http://${req.headers.host}`, id: `https://login.salesforce.com/id/${ORG_ID}/0055g00000AeRq2AAF`, token_type: "Bearer", issued_at: String(Date.now()), signature: "fake" });
      }
      if (!ctx.token || ctx.token.includes("revoked")) return send(res, 401, sfError("INVALID_SESSION_ID", "Session expired or invalid"));
      return api(req, res, ctx);
    },
  });
}


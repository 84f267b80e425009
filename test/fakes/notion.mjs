// A fake Notion API (version 2025-09-03) with the pages, database and data source of
// test/fixtures/notion: retrieve and update pages, the bot user ("Test connection"), and data
// source queries by last edited time (polling).
import { clone, createTenants, route, send, startServer } from "./http.mjs";
import { fixture } from "./fixtures.mjs";

const PAGE = fixture("notion/page-object.json");
const CREATED_PAGE_ID = fixture("notion/page-created.json").entity.id;
export const DATABASE_ID = fixture("notion/database-object.json").id;
export const DATA_SOURCE_ID = fixture("notion/data-source-object.json").id;

const text = (s) => [{ type: "text", text: { content: s, link: null }, annotations: { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: "default" }, plain_text: s, href: null }];

/** The page `page-created.json` announces: a second, smaller customer added straight as won. */
function createdPage() {
  const p = clone(PAGE);
  p.id = CREATED_PAGE_ID;
  p.created_time = "2026-03-27T09:58:00.000Z";
  p.last_edited_time = "2026-03-27T09:58:00.000Z";
  p.url = "https://www.notion.so/Kestrel-Freight-1f4e5c7a2b3d8011b3f57a0c9e2d4b68";
  p.properties.Account.title = text("Kestrel Freight");
  p.properties.ARR.number = 24000;
  p.properties.Segment.select = { id: "fb1f521b-5bca-4607-b2b1-ba3e619ead16", name: "SMB", color: "gray" };
  p.properties.Plan.select = { id: "d5681bf9-9691-42df-b4db-be34d98bdda6", name: "Starter", color: "default" };
  p.properties["Primary contact"].rich_text = text("Ravi Menon");
  p.properties["Primary contact email"].email = "ravi.menon@kestrel.example.com";
  p.properties.Domain.url = "https://kestrel.example.com";
  p.properties.Employees.number = 85;
  p.properties["Close date"].date = { start: "2026-03-27", end: null, time_zone: null };
  return p;
}

const key = (id) => String(id).replace(/-/g, "").toLowerCase();

/**
 * Pages "Send test event" names after the fixtures' (worker/crm/samples.ts keeps the same ids):
 * copies of the created page (for page.created) and of the updated one (for a status change), so
 * each press can start a run for a page that has none yet. Edited before the fixtures, so polling
 * from a recent cursor does not list them.
 */
const SAMPLE_PAGES = [
  { id: "1f4e5c7a-2b3d-8011-b3f5-7a0c9e2d4b69", from: "created", name: "Larkspur Labs" },
  { id: "1f4e5c7a-2b3d-8011-b3f5-7a0c9e2d4b6a", from: "created", name: "Ottermere Retail" },
  { id: "1f4e5c7a-2b3d-80a9-8e61-c9d0b7a4f214", from: "updated", name: "Larkspur Labs" },
  { id: "1f4e5c7a-2b3d-80a9-8e61-c9d0b7a4f215", from: "updated", name: "Ottermere Retail" },
];

function makeWorld() {
  const page = clone(PAGE);
  const created = createdPage();
  const samples = SAMPLE_PAGES.map(({ id, from, name }) => {
    const p = clone(from === "created" ? created : page);
    p.id = id;
    p.created_time = p.last_edited_time = "2026-02-02T10:15:00.000Z";
    p.url = `https://www.notion.so/${name.replace(/ /g, "-")}-${key(id)}`;
    p.properties.Account.title = text(name);
    return p;
  });
  return {
    pages: new Map([[key(page.id), page], [key(created.id), created], ...samples.map((p) => [key(p.id), p])]),
    database: fixture("notion/database-object.json"),
    dataSource: fixture("notion/data-source-object.json"),
  };
}

const nError = (status, code, message) => ({ object: "error", status, code, message, request_id: "00000000-0000-4000-8000-000000000000" });

function failureBody(status) {
  if (status === 429) return nError(429, "rate_limited", "You have been rate limited. Please try again in a few minutes.");
  if (status === 401) return nError(401, "unauthorized", "API token is invalid.");
  return nError(status, status === 503 ? "service_unavailable" : "internal_server_error", "Notion encountered an unexpected error.");
}

const notFound = (res, id) => send(res, 404, nError(404, "object_not_found", `Could not find page with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`));

/** Applies a page update's property values (the shapes the adapter writes). */
function applyProperties(page, props) {
  for (const [name, value] of Object.entries(props ?? {})) {
    const current = page.properties[name];
    if (!current) continue;
    page.properties[name] = { id: current.id, type: current.type, ...value };
  }
}

function handler() {
  return route(
    [
      ["GET", /^\/v1\/users\/me$/, (req, res) =>
        send(res, 200, { object: "user", id: "3e9b0f0f-0d05-49a1-8e85-5d91376b9baa", name: "Onboarding Workflows", avatar_url: null, type: "bot", bot: { owner: { type: "workspace", workspace: true }, workspace_name: "Northwind SaaS" } })],
      ["GET", /^\/v1\/pages\/([0-9a-fA-F-]{32,36})$/, (req, res, ctx, m) => {
        const page = ctx.tenant.world.pages.get(key(m[1]));
        return page ? send(res, 200, page) : notFound(res, m[1]);
      }],
      ["PATCH", /^\/v1\/pages\/([0-9a-fA-F-]{32,36})$/, (req, res, ctx, m) => {
        const page = ctx.tenant.world.pages.get(key(m[1]));
        if (!page) return notFound(res, m[1]);
        applyProperties(page, JSON.parse(ctx.raw || "{}").properties);
        page.last_edited_time = new Date().toISOString();
        return send(res, 200, page);
      }],
      ["GET", /^\/v1\/databases\/([0-9a-fA-F-]{32,36})$/, (req, res, ctx, m) =>
        key(m[1]) === key(DATABASE_ID) ? send(res, 200, ctx.tenant.world.database) : send(res, 404, nError(404, "object_not_found", `Could not find database with ID: ${m[1]}.`))],
      ["GET", /^\/v1\/data_sources\/([0-9a-fA-F-]{32,36})$/, (req, res, ctx, m) =>
        key(m[1]) === key(DATA_SOURCE_ID) ? send(res, 200, ctx.tenant.world.dataSource) : send(res, 404, nError(404, "object_not_found", `Could not find data source with ID: ${m[1]}.`))],
      ["POST", /^\/v1\/search$/, (req, res, ctx) => {
        const body = JSON.parse(ctx.raw || "{}");
        const results = body.filter?.value === "page" ? [...ctx.tenant.world.pages.values()] : [ctx.tenant.world.dataSource];
        return send(res, 200, { object: "list", results, next_cursor: null, has_more: false, type: "page_or_data_source", page_or_data_source: {} });
      }],
      ["POST", /^\/v1\/data_sources\/([0-9a-fA-F-]{32,36})\/query$/, (req, res, ctx, m) => {
        if (key(m[1]) !== key(DATA_SOURCE_ID)) return send(res, 404, nError(404, "object_not_found", `Could not find data source with ID: ${m[1]}.`));
        const body = JSON.parse(ctx.raw || "{}");
        const after = body.filter?.last_edited_time?.after ?? body.filter?.last_edited_time?.on_or_after;
        let pages = [...ctx.tenant.world.pages.values()];
        if (after) pages = pages.filter((p) => Date.parse(p.last_edited_time) > Date.parse(after));
        pages.sort((a, b) => Date.parse(a.last_edited_time) - Date.parse(b.last_edited_time));
        return send(res, 200, { object: "list", results: pages, next_cursor: null, has_more: false, type: "page_or_data_source", page_or_data_source: {} });
      }],
    ],
    (req, res) => send(res, 400, nError(400, "invalid_request_url", "Invalid request URL.")),
  );
}

/** `POST /__fake/set {token, pageId, status?, at?}`: moves a page to another status, as a person would. */
function set(world, body) {
  const page = world.pages.get(key(body.pageId));
  if (!page) return null;
  if (body.status) page.properties.Status.status = { id: "fake", name: body.status, color: "default" };
  page.last_edited_time = body.at ?? new Date().toISOString();
  return page;
}

/** Starts the fake Notion. Any bearer token works except ones containing "revoked"; Notion-Version is required. */
export function startNotion({ port = 0 } = {}) {
  const tenants = createTenants(makeWorld);
  const api = handler();
  return startServer({
    name: "notion",
    port,
    tenants,
    failureBody,
    control: { set },
    handle(req, res, ctx) {
      if (!ctx.token || ctx.token.includes("revoked")) return send(res, 401, nError(401, "unauthorized", "API token is invalid."));
      if (!req.headers["notion-version"]) return send(res, 400, nError(400, "missing_version", "Notion-Version header failed validation: Notion-Version header should be defined."));
      return api(req, res, ctx);
    },
  });
}

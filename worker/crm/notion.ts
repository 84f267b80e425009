/**
 * Notion adapter on the official client (@notionhq/client, ~20 KiB gz): typed page objects and the
 * 2025-09-03 data-source API. Its own retries are off — the run's backoff and Notion's redelivery
 * retry instead — and its errors become CrmErrors like the other adapters'.
 */
import { Client, isFullPage, isHTTPResponseError, RequestTimeoutError, type PageObjectResponse } from "@notionhq/client";
import type { NotionEvent } from "../../durable/triggers";
import { CrmError } from "./errors";
import { statusError, vendorMessage } from "./http";
import type { NotionCredentials } from "./credentials";
import { notionProperties, type ConnectorSettings } from "./settings";
import type { CrmAdapter, IncomingEvent } from "./types";
import { findProperty, normaliseNotionPage, propertyUpdates, readProperty } from "./notion-page";
import { isoMs, obj, str } from "./normalise";

const FIRST_POLL_LOOKBACK_MS = 15 * 60_000;
const NOTION_ID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** The page a trigger is about: a webhook event (`entity.id`), or `{pageId}` / `{objectId}`. */
export function notionRecordId(trigger: unknown): string | null {
  const o = obj(trigger);
  const id = str(obj(o?.entity)?.id) ?? str(o?.pageId) ?? str(o?.objectId);
  return id && NOTION_ID.test(id) ? id : null;
}

/** Runs a client call, turning the client's errors into CrmErrors. */
async function guard<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isHTTPResponseError(e)) {
      const headers = e.headers as { get?: (n: string) => string | null } | undefined;
      throw statusError("Notion", e.status, headers?.get?.("retry-after") ?? null, vendorMessage(e.body) || e.message, what);
    }
    if (e instanceof RequestTimeoutError) throw new CrmError("network", "Notion did not answer in time.");
    if (e instanceof CrmError) throw e;
    throw new CrmError("network", `Could not reach Notion (${(e as Error)?.message ?? "network error"}).`);
  }
}

export function createNotionAdapter(connectorId: string, creds: NotionCredentials, settings: ConnectorSettings): CrmAdapter {
  const client = new Client({
    auth: creds.token,
    ...(creds.apiBaseUrl ? { baseUrl: creds.apiBaseUrl } : {}),
    notionVersion: "2025-09-03",
    retry: false,
    timeoutMs: 10_000,
    logger: () => undefined, // the client would log request failures; our callers report them
  });
  const pages = new Map<string, PageObjectResponse>();

  async function page(id: string): Promise<PageObjectResponse> {
    if (!NOTION_ID.test(id)) throw new CrmError("not_found", `“${id}” is not a Notion page id.`);
    const cached = pages.get(id);
    if (cached) return cached;
    const p = await guard(`page ${id}`, () => client.pages.retrieve({ page_id: id }));
    if (!isFullPage(p)) throw new CrmError("forbidden", `Notion returned only part of page ${id}: share the page's database with the integration.`);
    pages.set(id, p);
    return p;
  }

  return {
    kind: "notion",
    recordId: notionRecordId,

    async fetchDeal(id) {
      return normaliseNotionPage(await page(id), settings);
    },

    async update(id, properties) {
      const current = await page(id);
      await guard(`page ${id}`, () => client.pages.update({ page_id: id, properties: propertyUpdates(current, properties) as never }));
      pages.delete(id);
      return `Updated Notion page ${id}: ${Object.keys(properties).join(", ")}.`;
    },

    async test() {
      try {
        const me = await guard("integration", () => client.users.me({}));
        const workspace = me.type === "bot" ? obj(me.bot)?.workspace_name : null;
        return { ok: true, detail: `Connected to Notion as “${me.name ?? "integration"}”${workspace ? ` in workspace ${workspace}` : ""}. Share the deals database with this integration so it can read the pages.` };
      } catch (e) {
        return { ok: false, detail: e instanceof CrmError ? e.message : `Unexpected problem: ${(e as Error).message}` };
      }
    },

    async stages(databaseId) {
      const id = databaseId ?? settings.databaseId;
      if (!id) throw new CrmError("bad_request", "Say which Notion database to read the statuses of.");
      const db = await guard(`database ${id}`, () => client.databases.retrieve({ database_id: id }));
      const sourceId = ("data_sources" in db ? db.data_sources : [])?.[0]?.id;
      if (!sourceId) return [];
      const ds = await guard(`data source ${sourceId}`, () => client.dataSources.retrieve({ data_source_id: sourceId }));
      const prop = "properties" in ds ? Object.values(ds.properties).find((p) => p.name === notionProperties(settings).status) : undefined;
      if (!prop || prop.type !== "status") return [];
      const complete = new Set(prop.status.groups.filter((g) => /complete|done/i.test(g.name)).flatMap((g) => g.option_ids));
      return prop.status.options.map((o) => ({ id: o.name, label: o.name, won: complete.has(o.id) && !/lost/i.test(o.name) }));
    },

    async poll(cursor, scope) {
      const since = isoMs(cursor) ?? Date.now() - FIRST_POLL_LOOKBACK_MS;
      const statusProp = notionProperties(settings).status;
      const events: IncomingEvent[] = [];
      let last = since;
      // Data sources to read: those of the named databases, or every one shared with the integration.
      const sources: { id: string; databaseId: string }[] = [];
      for (const databaseId of new Set([...scope.databaseIds, ...(settings.databaseId ? [settings.databaseId] : [])])) {
        const db = await guard(`database ${databaseId}`, () => client.databases.retrieve({ database_id: databaseId }));
        for (const ds of ("data_sources" in db ? db.data_sources : []) ?? []) sources.push({ id: ds.id, databaseId });
      }
      if (scope.anyDatabase) {
        const found = await guard("search", () => client.search({ filter: { property: "object", value: "data_source" }, page_size: 100 }));
        for (const r of found.results) {
          const parent = obj(obj(r)?.parent);
          const databaseId = str(parent?.database_id);
          if (r.object === "data_source" && databaseId && !sources.some((s) => s.id === r.id)) sources.push({ id: r.id, databaseId });
        }
      }
      for (const ds of sources) {
        const res = await guard(`data source ${ds.id}`, () =>
          client.dataSources.query({
            data_source_id: ds.id,
            filter: { timestamp: "last_edited_time", last_edited_time: { after: new Date(since).toISOString() } },
            sorts: [{ timestamp: "last_edited_time", direction: "ascending" }],
            page_size: 100,
          }),
        );
        for (const p of res.results) {
          if (!isFullPage(p)) continue;
          pages.set(p.id, p);
          const edited = isoMs(p.last_edited_time) ?? since;
          last = Math.max(last, edited);
          const created = (isoMs(p.created_time) ?? 0) > since;
          const status = readProperty(p, statusProp);
          const event: NotionEvent = {
            kind: "notion",
            connectorId,
            type: created ? "page.created" : "page.properties_updated",
            pageId: p.id,
            databaseId: ds.databaseId,
            dataSourceId: ds.id,
          };
          // A page edited twice in the same status is one change for triggers: key on the status.
          const eventKey = created ? `page:${p.id}:created` : `page:${p.id}:status:${String(status ?? "")}`;
          events.push({
            eventKey,
            type: `poll:${event.type}`,
            objectId: p.id,
            raw: { source: "polling", type: event.type, timestamp: p.last_edited_time, entity: { id: p.id, type: "page" }, data: { parent: { id: ds.databaseId, type: "database", data_source_id: ds.id } } },
            event,
          });
        }
      }
      return { events, cursor: new Date(last).toISOString() };
    },

    async enrich(event, need) {
      if (event.kind !== "notion" || !(need.statusProperty || need.propertyNames)) return event;
      const p = await page(event.pageId);
      const out: NotionEvent = { ...event };
      if (need.statusProperty) {
        const value = readProperty(p, need.statusProperty);
        out.status = typeof value === "string" ? value : null;
      }
      if (need.propertyNames && event.updatedProperties) {
        // Notion names changed properties by id; add their names so a trigger may use either.
        const names = event.updatedProperties.map((id) => findProperty(p, id)?.[0]).filter((n): n is string => Boolean(n));
        out.updatedProperties = [...new Set([...event.updatedProperties, ...names])];
      }
      return out;
    },
  };
}

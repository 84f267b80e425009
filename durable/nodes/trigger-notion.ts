/**
 * `trigger.notion`: a page was created in a Notion database, or its status property changed to one
 * of the chosen values. Notion sends property ids, not values, so the dispatcher reads the page's
 * current status before asking `matches` (see durable/triggers.ts).
 * Without `databaseId` the trigger listens to every database the connector's integration is shared
 * with — usually exactly one — so a fresh preset works before anyone has looked up an id.
 */
import { z } from "zod";
import type { NormalizedEvent } from "../triggers";
import { defineNode } from "./define";
import { refId } from "./schemas";
import { fromEvent, sameLabel, triggerOutput } from "./trigger-common";

/** Config of `trigger.notion` as in API.md "Node configs" (optional extras documented per field). */
export const config = z.object({
  connectorId: refId.meta({ title: "Notion connector", "x-widget": "connector:notion" }),
  databaseId: z.string().min(1).max(100).optional().meta({ title: "Database id", description: "Empty: any database shared with the integration" }),
  event: z.enum(["page.created", "status_changed"]).meta({ title: "When" }),
  statusProperty: z.string().min(1).optional().meta({ title: "Status property (id or name)" }),
  values: z.array(z.string().min(1)).optional().meta({ title: "Status values" }),
});
/** A parsed `trigger.notion` config. */
export type NotionTriggerConfig = z.infer<typeof config>;

/** Notion ids appear with and without dashes. */
function sameId(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (typeof v === "string" ? v.replace(/-/g, "").toLowerCase() : null);
  return norm(a) !== null && norm(a) === norm(b);
}

function decode(id: string): string {
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}

/** True when `event` concerns this database and is the configured kind of change. */
export function matches(cfg: NotionTriggerConfig, event: NormalizedEvent): boolean {
  if (event.kind !== "notion" || event.connectorId !== cfg.connectorId) return false;
  if (cfg.databaseId !== undefined && !sameId(cfg.databaseId, event.databaseId) && !sameId(cfg.databaseId, event.dataSourceId)) {
    return false;
  }
  if (cfg.event === "page.created" && event.type !== "page.created") return false;
  if (cfg.event === "status_changed") {
    if (event.type !== "page.properties_updated") return false;
    const updated = event.updatedProperties;
    if (cfg.statusProperty && updated && !updated.some((id) => decode(id) === decode(cfg.statusProperty as string))) {
      return false;
    }
  }
  if (cfg.values?.length) return cfg.values.some((value) => sameLabel(value, event.status));
  return true;
}

/** The `trigger.notion` node type. */
export default defineNode({
  type: "trigger.notion",
  category: "trigger",
  label: "Notion database page",
  description: "Starts when a page is created in a Notion database, or its status changes to chosen values.",
  config,
  ports: ["out"],
  async execute({ config: cfg, data }) {
    return {
      kind: "next",
      port: "out",
      output: {
        ...triggerOutput("notion", cfg.connectorId, data, ["entity.id", "pageId", "objectId"]),
        event: fromEvent(data, ["type"]) ?? cfg.event,
        databaseId: cfg.databaseId ?? fromEvent(data, ["data.parent.id", "databaseId"]),
      },
    };
  },
});

import { describe, expect, it } from "vitest";
import { matches, type NotionTriggerConfig } from "../../../durable/nodes/trigger-notion";
import type { NotionEvent } from "../../../durable/triggers";
import { expectKind, runNode } from "../helpers/run-node";

const db = "1f4e5c7a-0b3d-4f8e-9a21-6c7d8e9f0a1b";
const created: NotionEvent = { kind: "notion", connectorId: "n", type: "page.created", pageId: "p1", databaseId: db };
const updated: NotionEvent = { kind: "notion", connectorId: "n", type: "page.properties_updated", pageId: "p1", databaseId: db, updatedProperties: ["Z%3BqK"], status: "Ready for onboarding" };

describe("trigger.notion", () => {
  const onCreate: NotionTriggerConfig = { connectorId: "n", databaseId: db.replace(/-/g, "").toUpperCase(), event: "page.created" };
  const onStatus: NotionTriggerConfig = { connectorId: "n", databaseId: db, event: "status_changed", statusProperty: "Z;qK", values: ["ready for onboarding"] };

  it("matches page creation in the database (ids with or without dashes)", () => {
    expect(matches(onCreate, created)).toBe(true);
    expect(matches(onCreate, updated)).toBe(false);
    expect(matches(onCreate, { ...created, databaseId: "other" })).toBe(false);
    expect(matches(onCreate, { ...created, databaseId: "other", dataSourceId: db })).toBe(true);
  });

  it("listens to any database of the connector when none is configured", () => {
    const { databaseId: _drop, ...anyDb } = onCreate;
    expect(matches(anyDb, { ...created, databaseId: "other" })).toBe(true);
    expect(matches(anyDb, { ...created, connectorId: "elsewhere" })).toBe(false);
  });

  it("matches a status change to one of the values on the status property", () => {
    expect(matches(onStatus, updated)).toBe(true);
    expect(matches(onStatus, { ...updated, status: "In progress" })).toBe(false);
    expect(matches(onStatus, { ...updated, status: null })).toBe(false);
    expect(matches(onStatus, { ...updated, updatedProperties: ["title"] })).toBe(false);
    expect(matches(onStatus, created)).toBe(false);
    expect(matches({ ...onStatus, values: undefined }, { ...updated, status: undefined })).toBe(true);
  });

  it("continues on out with the page id", async () => {
    const { outcome } = await runNode("trigger.notion", onStatus, { trigger: { type: "page.properties_updated", entity: { id: "p1", type: "page" } } });
    expect(expectKind(outcome, "next").output).toMatchObject({ source: "notion", objectId: "p1", event: "page.properties_updated" });
  });
});

/** Small pieces the three CRM trigger nodes share. */
import { getFirst } from "../lib/path";
import type { RunData } from "../types";

/** Case- and space-insensitive comparison for stage names and ids typed by people. */
export function sameLabel(a: unknown, b: unknown): boolean {
  return typeof a === "string" && typeof b === "string" && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** A string form of the first value found at `paths` in the raw trigger event, or null. */
export function fromEvent(data: Readonly<RunData>, paths: readonly string[]): string | null {
  const value = getFirst(data.trigger, paths);
  return typeof value === "string" || typeof value === "number" ? String(value) : null;
}

/**
 * The output every trigger shares: which CRM and record started the run. A test run started from a
 * normalised deal has no raw event; the record id then comes from the deal.
 */
export function triggerOutput(
  source: string,
  connectorId: string,
  data: Readonly<RunData>,
  objectIdPaths: readonly string[],
): Record<string, unknown> {
  const hasEvent = data.trigger !== undefined && data.trigger !== null;
  return {
    source,
    connectorId,
    objectId: fromEvent(data, objectIdPaths) ?? data.deal?.objectId ?? null,
    startedBy: hasEvent ? "event" : "deal",
  };
}

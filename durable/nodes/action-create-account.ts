/**
 * `action.create_account`: create (idempotently upsert) the onboarding account. Each field comes from
 * its mapped path when one is set and holds a value, else from the deal: name = company name or deal
 * name, domain = company domain, arr = deal ARR or amount, segment = deal segment, region = company
 * region.
 */
import { z } from "zod";
import { getPath } from "../lib/path";
import { isMissing } from "../lib/rules";
import { NodeError } from "../types";
import { defineNode } from "./define";
import { path, retryShape } from "./schemas";

const MAPPED = ["name", "domain", "arr", "segment", "region"] as const;
type Mapped = (typeof MAPPED)[number];

/** Config of `action.create_account` as in API.md "Node configs" (optional extras documented per field). */
export const config = z.object({
  mapping: z
    .object({
      name: path("Name").optional(),
      domain: path("Domain").optional(),
      arr: path("ARR").optional(),
      segment: path("Segment").optional(),
      region: path("Region").optional(),
    })
    .optional(),
  ...retryShape,
});

function text(value: unknown): string | null {
  if (typeof value === "string") return value.trim() || null;
  return typeof value === "number" || typeof value === "boolean" ? String(value) : null;
}

function amount(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value.replace(/[,\s]/g, ""));
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** The `action.create_account` node type. */
export default defineNode({
  type: "action.create_account",
  category: "action",
  label: "Create account",
  description: "Creates the onboarding account from the deal (or mapped fields); safe to run twice.",
  config,
  ports: ["out"],
  async execute({ config: cfg, data, services, trigger }) {
    const deal = data.deal ?? null;
    const defaults: Record<Mapped, unknown> = {
      name: text(deal?.company?.name) ?? text(deal?.name),
      domain: deal?.company?.domain,
      arr: deal?.arr ?? deal?.amount,
      segment: deal?.segment,
      region: deal?.company?.region,
    };
    const notes: string[] = [];
    const pick = (key: Mapped): unknown => {
      const p = cfg.mapping?.[key];
      if (!p) return defaults[key];
      const value = getPath(data, p);
      if (!isMissing(value)) return value;
      notes.push(`${key}: nothing at ${p}, used the deal's value`);
      return defaults[key];
    };
    const name = text(pick("name"));
    if (!name) throw new NodeError("The account needs a name: the deal has no company or deal name", "missing_name", false);
    const input = {
      name,
      domain: text(pick("domain"))?.toLowerCase() ?? null,
      arr: amount(pick("arr")),
      segment: text(pick("segment")),
      region: text(pick("region")),
      primaryContact: { name: deal?.primaryContact?.name ?? null, email: deal?.primaryContact?.email ?? null },
      source: deal
        ? { connector: deal.source, objectId: deal.objectId, url: deal.url ?? null }
        : { connector: trigger?.type.replace(/^trigger\./, "") ?? "manual", objectId: services.runId, url: null },
    };
    const account = await services.accounts.upsert(input);
    return {
      kind: "next",
      port: "out",
      output: { accountId: account.id, name: input.name, domain: input.domain, arr: input.arr, segment: input.segment, region: input.region, notes },
      set: { account },
    };
  },
});

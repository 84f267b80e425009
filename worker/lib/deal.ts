import { z } from "@hono/zod-openapi";
import type { Deal } from "../../durable/types";

const str = z.string().max(2000).nullable().optional();
const num = z.number().finite().nullable().optional();

/** A normalised deal as a client may send it (test panel): every field optional, filled with nulls. */
export const DealInput = z
  .object({
    source: z.string().max(40).optional(),
    objectId: z.string().max(200).optional(),
    url: str,
    name: str,
    amount: num,
    arr: num,
    currency: str,
    stage: str,
    pipeline: str,
    closeDate: str,
    plan: str,
    segment: str,
    company: z.object({ name: str, domain: str, industry: str, employees: num, country: str, region: str }).partial().optional(),
    primaryContact: z.object({ name: str, email: str }).partial().optional(),
    owner: z.object({ name: str, email: str }).partial().optional(),
    properties: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi("DealInput");

const nstr = z.string().nullable();
const nnum = z.number().nullable();

/** The normalised deal (API.md "Run data" `deal`) as the API answers it: a field the CRM lacks is null. */
export const DealSchema = z
  .object({
    source: z.string(),
    objectId: z.string(),
    url: nstr,
    name: nstr,
    amount: nnum,
    arr: nnum,
    currency: nstr,
    stage: nstr,
    pipeline: nstr.optional(),
    closeDate: nstr,
    plan: nstr.optional(),
    segment: nstr.optional(),
    company: z.object({ name: nstr, domain: nstr, industry: nstr, employees: nnum, country: nstr, region: nstr }),
    primaryContact: z.object({ name: nstr, email: nstr }),
    owner: z.object({ name: nstr, email: nstr }),
    properties: z.record(z.string(), z.unknown()),
  })
  .openapi("Deal");

/** Fills absent fields with null so nodes always see the API.md `deal` shape. */
export function normaliseDealInput(d: z.infer<typeof DealInput>): Deal {
  const n = <T>(v: T | undefined | null) => (v === undefined ? null : v);
  return {
    source: d.source ?? "test",
    objectId: d.objectId ?? "sample",
    url: n(d.url),
    name: n(d.name),
    amount: n(d.amount),
    arr: n(d.arr),
    currency: n(d.currency),
    stage: n(d.stage),
    pipeline: n(d.pipeline),
    closeDate: n(d.closeDate),
    plan: n(d.plan),
    segment: n(d.segment),
    company: {
      name: n(d.company?.name),
      domain: n(d.company?.domain),
      industry: n(d.company?.industry),
      employees: n(d.company?.employees),
      country: n(d.company?.country),
      region: n(d.company?.region),
    },
    primaryContact: { name: n(d.primaryContact?.name), email: n(d.primaryContact?.email) },
    owner: { name: n(d.owner?.name), email: n(d.owner?.email) },
    properties: d.properties ?? {},
  };
}

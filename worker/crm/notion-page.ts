/**
 * Notion page properties: reading them as plain values, mapping a page onto the normalised deal by
 * the connector's property names, and turning text from a workflow into property values to write.
 */
import type { PageObjectResponse } from "@notionhq/client";
import type { Deal } from "../../durable/types";
import { CrmError } from "./errors";
import { dateOnly, domainOf, emptyDeal, num, obj, str } from "./normalise";
import { notionProperties, type ConnectorSettings } from "./settings";

type Property = PageObjectResponse["properties"][string];

const decode = (id: string) => {
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
};

/** A property by name, or by id (Notion sends ids URL-encoded, e.g. `Z%3BqK`). */
export function findProperty(page: PageObjectResponse, ref: string): [string, Property] | null {
  if (page.properties[ref]) return [ref, page.properties[ref]];
  const want = decode(ref);
  for (const [name, p] of Object.entries(page.properties)) if (decode(p.id) === want) return [name, p];
  return null;
}

const plain = (parts: { plain_text: string }[]) => str(parts.map((t) => t.plain_text).join(""));

/** A property's value as plain JSON: text, number, option name, date start, people, … */
export function propertyValue(p: Property): unknown {
  switch (p.type) {
    case "title":
      return plain(p.title);
    case "rich_text":
      return plain(p.rich_text);
    case "number":
      return p.number;
    case "select":
      return p.select?.name ?? null;
    case "status":
      return p.status?.name ?? null;
    case "multi_select":
      return p.multi_select.map((o) => o.name);
    case "date":
      return p.date?.start ?? null;
    case "email":
      return p.email;
    case "url":
      return p.url;
    case "phone_number":
      return p.phone_number;
    case "checkbox":
      return p.checkbox;
    case "people":
      return p.people.map((u) => ({ id: u.id, name: "name" in u ? (u.name ?? null) : null, email: "person" in u ? (u.person?.email ?? null) : null }));
    case "relation":
      return p.relation.map((r) => r.id);
    case "formula":
      return obj(p.formula)?.[p.formula.type] ?? null;
    case "unique_id":
      return p.unique_id.number === null ? null : `${p.unique_id.prefix ? `${p.unique_id.prefix}-` : ""}${p.unique_id.number}`;
    case "created_time":
      return p.created_time;
    case "last_edited_time":
      return p.last_edited_time;
    default:
      return null;
  }
}

/** The value of the property `ref` (name or id), or null when the page has no such property. */
export function readProperty(page: PageObjectResponse, ref: string): unknown {
  const found = findProperty(page, ref);
  return found ? propertyValue(found[1]) : null;
}

/** Every property by name as a plain value: the deal's `properties`. */
export function plainProperties(page: PageObjectResponse): Record<string, unknown> {
  return Object.fromEntries(Object.entries(page.properties).map(([name, p]) => [name, propertyValue(p)]));
}

export function normaliseNotionPage(page: PageObjectResponse, settings: ConnectorSettings): Deal {
  const map = notionProperties(settings);
  const read = (ref: string) => readProperty(page, ref);
  const title = Object.values(page.properties).find((p) => p.type === "title");
  const name = str(read(map.name)) ?? (title ? str(propertyValue(title)) : null);
  const owners = read(map.owner);
  const owner = Array.isArray(owners) ? (owners[0] as { name: string | null; email: string | null } | undefined) : undefined;
  const out = emptyDeal("notion", page.id);
  out.url = page.url;
  out.name = name;
  out.amount = num(read(map.amount));
  out.arr = num(read(map.arr)) ?? out.amount;
  out.currency = settings.currency ?? null;
  out.stage = str(read(map.status));
  out.closeDate = dateOnly(read(map.closeDate));
  out.plan = str(read(map.plan));
  out.segment = str(read(map.segment));
  out.company = {
    name,
    domain: domainOf(read(map.domain)),
    industry: str(read(map.industry)),
    employees: num(read(map.employees)),
    country: str(read(map.country)),
    region: str(read(map.region)),
  };
  out.primaryContact = { name: str(read(map.primaryContactName)), email: str(read(map.primaryContactEmail)) };
  out.owner = { name: owner?.name ?? null, email: owner?.email ?? null };
  out.properties = plainProperties(page);
  return out;
}

const richText = (content: string) => [{ type: "text" as const, text: { content: content.slice(0, 2000) } }];

/**
 * The update body for `properties` (text rendered by the workflow), shaped by each property's type
 * on the page. Types that cannot come from text (people, relations, files) are refused clearly.
 */
export function propertyUpdates(page: PageObjectResponse, properties: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [ref, value] of Object.entries(properties)) {
    const found = findProperty(page, ref);
    if (!found) throw new CrmError("bad_request", `The Notion page has no property “${ref}”. Check the property name in the workflow.`);
    const [name, p] = found;
    switch (p.type) {
      case "title":
        out[name] = { title: richText(value) };
        break;
      case "rich_text":
        out[name] = { rich_text: richText(value) };
        break;
      case "number": {
        const n = num(value);
        if (value.trim() && n === null) throw new CrmError("bad_request", `Notion property “${name}” is a number, but the workflow gave “${value}”.`);
        out[name] = { number: n };
        break;
      }
      case "select":
        out[name] = { select: value.trim() ? { name: value.trim() } : null };
        break;
      case "status":
        out[name] = { status: { name: value.trim() } };
        break;
      case "multi_select":
        out[name] = { multi_select: value.split(",").map((s) => s.trim()).filter(Boolean).map((n) => ({ name: n })) };
        break;
      case "date":
        out[name] = { date: value.trim() ? { start: value.trim() } : null };
        break;
      case "email":
      case "url":
      case "phone_number":
        out[name] = { [p.type]: value.trim() || null };
        break;
      case "checkbox":
        out[name] = { checkbox: /^(true|yes|1|on)$/i.test(value.trim()) };
        break;
      default:
        throw new CrmError("bad_request", `Notion property “${name}” is of type ${p.type}, which cannot be written from text.`);
    }
  }
  return out;
}

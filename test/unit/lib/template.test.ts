import { describe, expect, it } from "vitest";
import { checkTemplate, exactPath, render, renderHtmlSafe, templateNames } from "../../../durable/lib/template";

const data = {
  deal: { name: "Brightline", amount: 48000, company: { name: "Brightline Analytics", domain: null }, tags: ["a", "b"] },
  steps: { form: { data: { goals: ["x", "y"], ok: true } } },
  account: { name: "<b>Acme & Co</b>" },
};

describe("render", () => {
  it("interpolates dotted paths as plain text, without HTML escaping", () => {
    expect(render("Welcome {{deal.company.name}} ({{deal.amount}})", data)).toEqual({ text: "Welcome Brightline Analytics (48000)", missing: [], errors: [] });
    expect(render("{{account.name}}", data).text).toBe("<b>Acme & Co</b>");
  });

  it("renders missing and null values empty and reports them", () => {
    const result = render("Hi {{deal.owner.name}} at {{deal.company.domain}}!", data);
    expect(result.text).toBe("Hi  at !");
    expect(result.missing).toEqual(["deal.owner.name", "deal.company.domain"]);
  });

  it("renders lists and objects readably", () => {
    expect(render("{{deal.tags}}", data).text).toBe("a, b");
    expect(render("{{steps.form.data}}", data).text).toBe('{"goals":["x","y"],"ok":true}');
  });

  it("supports sections, inverted sections and the current item", () => {
    expect(render("{{#deal.tags}}[{{.}}]{{/deal.tags}}", data).text).toBe("[a][b]");
    expect(render("{{#deal.company}}{{name}}{{/deal.company}}", data).text).toBe("Brightline Analytics");
    expect(render("{{^deal.owner}}no owner{{/deal.owner}}", data).text).toBe("no owner");
  });

  it("never throws on bad syntax and returns the template with the error", () => {
    const result = render("Hello {{deal.name", data);
    expect(result.text).toBe("Hello {{deal.name");
    expect(result.errors[0]).toMatch(/Unclosed tag/);
    expect(render("{{#a}}x", data).errors.length).toBe(1);
  });

  it("refuses prototype paths and partials", () => {
    const result = render("a{{constructor}}b{{deal.__proto__}}c{{> part}}", data);
    expect(result.text).toBe("abc");
    expect(result.errors).toHaveLength(3);
  });

  it("does not let triple mustaches skip escaping in HTML renders", () => {
    expect(renderHtmlSafe("<p>{{{account.name}}} {{account.name}}</p>", data).text).toBe("<p>&lt;b&gt;Acme &amp; Co&lt;/b&gt; &lt;b&gt;Acme &amp; Co&lt;/b&gt;</p>");
  });

  it("caches parses without mixing up templates", () => {
    for (let i = 0; i < 600; i++) expect(render(`{{deal.name}}-${i}`, data).text).toBe(`Brightline-${i}`);
    expect(render("{{deal.name}}-0", data).text).toBe("Brightline-0");
  });

  it("treats non-text templates as an error", () => {
    expect(render(42 as unknown as string, data).errors).toEqual(["Template is not text"]);
  });
});

describe("template helpers", () => {
  it("lists names and checks syntax", () => {
    expect(templateNames("{{a.b}} {{#c}}{{d}}{{/c}} {{a.b}}")).toEqual(["a.b", "c", "d"]);
    expect(checkTemplate("{{a}}")).toEqual([]);
    expect(checkTemplate("{{a")).toHaveLength(1);
  });

  it("recognises a template that is exactly one path", () => {
    expect(exactPath("{{deal.arr}}")).toBe("deal.arr");
    expect(exactPath(" {{ deal.arr }} ")).toBe("deal.arr");
    expect(exactPath("ARR {{deal.arr}}")).toBeNull();
    expect(exactPath("{{#deal}}")).toBeNull();
    expect(exactPath("{{__proto__}}")).toBeNull();
  });
});

describe("filters", () => {
  const deal = {
    deal: { arr: 126000, amount: "24000.5", currency: "EUR", closeDate: "2026-03-30", updatedAt: "2026-03-27T16:42:10.512Z", name: "Brightline", owner: { name: null }, plan: "" },
    csm: { name: "Ana Lima" },
  };

  it("formats numbers and money, with the currency from a path, a quoted code or a bare code", () => {
    expect(render("{{deal.arr | number}} / {{deal.amount | number}} / {{deal.arr | number: 2}}", deal).text).toBe("126,000 / 24,000.50 / 126,000.00");
    expect(render("ARR {{ deal.arr | currency: deal.currency }}", deal).text).toBe("ARR €126,000");
    expect(render('{{deal.arr | currency: "USD"}} {{deal.amount | currency: GBP}}', deal).text).toBe("$126,000 £24,000.50");
  });

  it("falls back to a grouped number when the record has no currency", () => {
    expect(render("{{deal.arr | currency: deal.nothing}} {{deal.arr | currency}}", deal).text).toBe("126,000 126,000");
  });

  it("formats dates in UTC the same way on every ICU", () => {
    expect(render("{{deal.closeDate | date}}", deal).text).toBe("30 March 2026");
    expect(render("{{deal.updatedAt | date}} · {{deal.updatedAt | datetime}}", deal).text).toBe("27 March 2026 · Fri 27 March 2026, 16:42 UTC");
  });

  it("changes case and fills in a default for empty or missing values, which are then not reported missing", () => {
    const r = render('Hi {{csm.name | upper}}, {{deal.owner.name | default: "your team"}}, {{deal.plan | default: \'Standard\'}}, {{deal.gone | default: "—"}}', deal);
    expect(r.text).toBe("Hi ANA LIMA, your team, Standard, —");
    expect(r.missing).toEqual([]);
  });

  it("applies filters left to right", () => {
    expect(render('{{deal.nothing | default: "n/a" | upper}} {{deal.name | lower | upper}}', deal).text).toBe("N/A BRIGHTLINE");
  });

  it("passes a value it cannot format through unchanged, and reports a missing path by its name", () => {
    expect(render("{{deal.name | number}} {{deal.name | date}} {{deal.arr | upper}}", deal).text).toBe("Brightline Brightline 126000");
    expect(render("[{{deal.owner.email | upper}}]", deal)).toEqual({ text: "[]", missing: ["deal.owner.email"], errors: [] });
  });

  it("escapes the formatted value in HTML renders", () => {
    expect(renderHtmlSafe('{{deal.gone | default: "<b>x</b>"}}', deal).text).toBe("&lt;b&gt;x&lt;/b&gt;");
  });

  it("keeps a | inside a quoted argument", () => {
    expect(render('{{deal.gone | default: "a | b"}}', deal).text).toBe("a | b");
  });

  it("refuses unknown filters, wrong arguments, unsafe paths and filtered sections at validation", () => {
    expect(checkTemplate("{{deal.arr | money}}")[0]).toMatch(/Unknown filter "money".*number, currency, date/);
    expect(checkTemplate("{{deal.owner | default}}")[0]).toMatch(/needs an argument/);
    expect(checkTemplate("{{deal.closeDate | date: 3}}")[0]).toMatch(/takes no argument/);
    expect(checkTemplate("{{deal.arr | currency: deal.__proto__}}")[0]).toMatch(/argument of "currency"/);
    expect(checkTemplate("{{constructor | upper}}")[0]).toMatch(/not an allowed path/);
    expect(checkTemplate("{{#deal.tags | upper}}x{{/deal.tags | upper}}")[0]).toMatch(/section/);
    expect(render("a{{deal.arr | money}}b", deal).text).toBe("ab");
  });

  it("names the paths a filtered tag reads, and is never an exact path", () => {
    expect(templateNames("{{deal.arr | currency: deal.currency}} {{csm.name | default: \"x\"}}")).toEqual(["deal.arr", "deal.currency", "csm.name"]);
    expect(exactPath("{{deal.arr | number}}")).toBeNull();
  });
});

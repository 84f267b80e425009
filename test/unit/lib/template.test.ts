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

import { describe, expect, it } from "vitest";
import { escapeMarkdown, renderEmail } from "../../../durable/lib/email";

describe("renderEmail", () => {
  const data = {
    account: { name: "Acme <script>alert(1)</script> & [click](https://evil.example) **bold**" },
    csm: { name: "Ana" },
  };

  it("renders Markdown to HTML with CRM values escaped", () => {
    const email = renderEmail({ subject: "Welcome {{account.name}}", body: "Hi **team** at {{account.name}}\n\n- from {{csm.name}}" }, data);
    expect(email.html).toContain("<strong>team</strong>");
    expect(email.html).toContain("<li>from Ana</li>");
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("&lt;script&gt;");
    expect(email.html).not.toContain('href="https://evil.example"');
    expect(email.html).not.toContain("<strong>bold</strong>");
    expect(email.html).toContain("[click]");
  });

  it("keeps a plain-text part with the raw values", () => {
    const email = renderEmail({ subject: "Hi", body: "Hello {{csm.name}} from {{account.name}}" }, data);
    expect(email.text).toBe(`Hello Ana from ${data.account.name}`);
  });

  it("puts the subject on one line and reports missing paths", () => {
    const email = renderEmail({ subject: "Hi {{who}}\nthere", body: "{{nobody}}" }, { who: "a\r\nb" });
    expect(email.subject).toBe("Hi a b there");
    expect(email.missing).toEqual(["nobody"]);
  });

  it("escapes Markdown punctuation", () => {
    expect(escapeMarkdown("*a* [b](c) #1")).toBe("\\*a\\* \\[b\\]\\(c\\) \\#1");
  });
});

/**
 * Templated e-mail: a subject and a Markdown body over run data, rendered to plain text and HTML.
 *
 * CRM data is untrusted. In the HTML part every interpolated value is escaped twice before Markdown
 * runs — Markdown punctuation first (so a company called `[click](https://evil.example)` cannot
 * become a link or bold text), then HTML (so `<img onerror=…>` stays text). The template itself is
 * written by an admin and may use Markdown and HTML freely. The plain-text part is the rendered
 * Markdown source, which reads well as text.
 */
import { Marked } from "marked";
import { escapeHtml, render, renderWith, toText } from "./template";

/** One parser instance with fixed options, so nothing global is mutated. */
const markdown = new Marked({ gfm: true, breaks: true, async: false });

/** Backslash-escape CommonMark punctuation; `& < > " '` are left for escapeHtml. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|~]/g, "\\$&");
}

/** Markdown to an HTML fragment. */
export function markdownToHtml(source: string): string {
  return markdown.parse(source, { async: false }) as string;
}

/** A rendered e-mail ready for `services.email.send`, plus what was missing. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  missing: string[];
  errors: string[];
}

/** Render subject and body for sending; see the module doc for the escaping rules. */
export function renderEmail(templates: { subject: string; body: string }, data: unknown): RenderedEmail {
  const subject = render(templates.subject, data);
  const text = render(templates.body, data);
  const safe = renderWith(templates.body, data, (value) => escapeHtml(escapeMarkdown(toText(value))));
  return {
    // A subject is one line: newlines in CRM data would otherwise break the header.
    subject: subject.text.replace(/\s*[\r\n]+\s*/g, " ").trim(),
    text: text.text,
    html: markdownToHtml(safe.text),
    missing: [...new Set([...subject.missing, ...text.missing])],
    errors: [...subject.errors, ...text.errors],
  };
}

/**
 * E-mail recipient lists (comma- or semicolon-separated), with one rule for what an address is: the
 * Send e-mail step checks the rendered list with it when it sends, and its config schema checks the
 * literal entries of the template with it when a workflow is validated, so the builder flags before
 * publishing exactly what would fail at run time. Plain functions, importable by the SPA.
 */

/** Something@domain.tld with no spaces, separators or second "@". */
const EMAIL_ADDRESS = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
const SEPARATOR = /[,;]/;

/** Whether one entry is an e-mail address. */
export const isEmailAddress = (entry: string): boolean => EMAIL_ADDRESS.test(entry);

/** The entries of a rendered list, trimmed, empty ones (`a@b.com;;`) dropped. */
export function addressEntries(text: string): string[] {
  return text.split(SEPARATOR).map((s) => s.trim()).filter(Boolean);
}

/** The entries of a list template: as `addressEntries`, but a separator inside a `{{…}}` tag does not split. */
function templateEntries(template: string): string[] {
  const entries: string[] = [];
  let current = "";
  let open = 0;
  for (let i = 0; i < template.length; i++) {
    const pair = template.slice(i, i + 2);
    if (pair === "{{" || (open > 0 && pair === "}}")) {
      open += pair === "{{" ? 1 : -1;
      current += pair;
      i++;
    } else if (open === 0 && SEPARATOR.test(template[i])) {
      entries.push(current);
      current = "";
    } else current += template[i];
  }
  entries.push(current);
  return entries.map((s) => s.trim()).filter(Boolean);
}

const quote = (entry: string) => `“${entry.length > 60 ? `${entry.slice(0, 59)}…` : entry}”`;

/**
 * What is wrong with a To or Cc template, naming each literal entry that is not an address
 * ("“maya@” is not an e-mail address"); null when nothing is. An entry with a `{{tag}}` in it is
 * only known when the run renders it, so it passes here.
 */
export function addressListProblem(template: string): string | null {
  const bad = templateEntries(template).filter((entry) => !entry.includes("{{") && !isEmailAddress(entry));
  if (bad.length === 0) return null;
  if (bad.length === 1) return `${quote(bad[0])} is not an e-mail address`;
  const named = bad.map(quote);
  return `${named.slice(0, -1).join(", ")} and ${named.at(-1)} are not e-mail addresses`;
}

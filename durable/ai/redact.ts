/**
 * Redaction of what an AI step records as "the prompt sent". Run data comes from CRMs and people,
 * so besides the deployment's own secrets (replaced wherever they appear), anything shaped like a
 * credential is masked: bearer tokens, `sk-…` keys, and `password:`/`api_key=`/`token:` values.
 */

/** Env names whose values must never appear in a recorded prompt. */
const SECRET_NAMES = ["OPENAI_API_KEY", "EMAIL_API_KEY", "ENCRYPTION_KEY", "SEED_PASSWORD", "SEED_TOKEN"] as const;

const PATTERNS: [RegExp, string][] = [
  [/\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/g, "Bearer [redacted]"],
  [/\b(?:sk|pk|rk)-[A-Za-z0-9_-]{16,}\b/g, "[redacted]"],
  [/\b(password|passwd|pwd|secret|api[_-]?key|access[_-]?token|token|client[_-]?secret)(\s*[:=]\s*)("[^"]*"|'[^']*'|\S+)/gi, "$1$2[redacted]"],
];

/** Max characters kept, so a huge input cannot bloat the run journal. */
export const MAX_RECORDED_PROMPT = 8000;

/** `text` with secrets masked and cut to MAX_RECORDED_PROMPT characters. */
export function redact(text: string, env: Partial<Record<string, unknown>> = {}): string {
  let out = text;
  for (const name of SECRET_NAMES) {
    const value = env[name];
    // Short values would mask ordinary words; real secrets are long.
    if (typeof value === "string" && value.length >= 8) out = out.split(value).join("[redacted]");
  }
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out.length > MAX_RECORDED_PROMPT ? `${out.slice(0, MAX_RECORDED_PROMPT)}… [${out.length - MAX_RECORDED_PROMPT} more characters]` : out;
}

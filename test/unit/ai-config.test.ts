import { describe, expect, it } from "vitest";
import { resolveAiConfig } from "../../durable/ai/config";
import { redact } from "../../durable/ai/redact";
import { createWorkersAiProvider, workersAiFailure } from "../../durable/ai/workers-ai";
import { resolveEmailConfig } from "../../durable/email/config";
import { retryAfterMs } from "../../durable/services/http-failure";
import type { RunEnv } from "../../durable/env";

const env = (over: Record<string, unknown> = {}) => over as unknown as RunEnv;
const openai = { OPENAI_BASE_URL: "https://api.example.ai/v1", OPENAI_API_KEY: "sk-secret-0123456789" };

describe("AI provider choice", () => {
  it("defaults to the built-in provider, free", () => {
    expect(resolveAiConfig(env(), null)).toMatchObject({ provider: "builtin", model: "deterministic-v1", source: "default", pricePer1kTokens: 0, note: null });
  });

  it("picks a configured endpoint, then Workers AI, automatically", () => {
    expect(resolveAiConfig(env(openai), null)).toMatchObject({ provider: "openai", model: "gpt-4o-mini", host: "api.example.ai", baseUrl: openai.OPENAI_BASE_URL });
    expect(resolveAiConfig(env({ AI: {} }), null)).toMatchObject({ provider: "workers-ai", model: "@cf/meta/llama-3.3-70b-instruct-fp8-fast" });
    expect(resolveAiConfig(env({ ...openai, AI: {}, WORKERS_AI_MODEL: "@cf/x" }), null).provider).toBe("openai");
  });

  it("follows AI_PROVIDER, then the saved choice, with its model, timeout and price", () => {
    expect(resolveAiConfig(env({ ...openai, AI_PROVIDER: "builtin" }), null)).toMatchObject({ provider: "builtin", source: "env" });
    const saved = resolveAiConfig(env({ ...openai, AI_PROVIDER: "builtin", AI_PRICE_PER_1K_TOKENS: "0.002" }), { provider: "openai", model: "gpt-x", timeoutMs: 500 });
    expect(saved).toMatchObject({ provider: "openai", model: "gpt-x", timeoutMs: 500, source: "settings", pricePer1kTokens: 0.002 });
  });

  it("falls back, and says why, when the saved choice is not configured", () => {
    const r = resolveAiConfig(env(), { provider: "workers-ai" });
    expect(r).toMatchObject({ provider: "builtin", source: "default" });
    expect(r.note).toMatch(/workers-ai.*AI binding/);
  });
});

describe("e-mail provider choice", () => {
  const http = { EMAIL_API_URL: "https://api.mail.example", EMAIL_API_KEY: "re_key", EMAIL_FROM: "a@b.co" };
  it("is the HTTP API only when URL, key and sender are all set", () => {
    expect(resolveEmailConfig(env(), null)).toMatchObject({ provider: "outbox" });
    expect(resolveEmailConfig(env({ ...http, EMAIL_FROM: undefined }), null)).toMatchObject({ provider: "outbox" });
    expect(resolveEmailConfig(env(http), null)).toMatchObject({ provider: "http", host: "api.mail.example" });
    expect(resolveEmailConfig(env({ ...http, EMAIL_PROVIDER: "outbox" }), null)).toMatchObject({ provider: "outbox", source: "env" });
    expect(resolveEmailConfig(env({ ...http, EMAIL_PROVIDER: "outbox" }), { provider: "http" })).toMatchObject({ provider: "http", source: "settings" });
  });
});

describe("redaction", () => {
  it("masks the deployment's secrets and credential-shaped values", () => {
    const text = "Notes: api_key=abc123 password: hunter22 Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.x token sk-secret-0123456789 and sk-proj-ABCDEFGHIJKLMNOPQRSTU";
    const out = redact(text, { OPENAI_API_KEY: "sk-secret-0123456789" });
    expect(out).not.toMatch(/abc123|hunter22|eyJhbGci|sk-secret|sk-proj/);
    expect(out).toContain("api_key=[redacted]");
    expect(out).toContain("Bearer [redacted]");
  });

  it("caps what it keeps", () => {
    expect(redact("x".repeat(9000)).length).toBeLessThan(8100);
  });
});

describe("Workers AI provider", () => {
  it("calls the binding with JSON mode and returns its answer and usage", async () => {
    const calls: unknown[] = [];
    const ai = { run: async (model: string, inputs: Record<string, unknown>) => (calls.push({ model, inputs }), { response: { label: "smb", confidence: 0.8, reason: "small" }, usage: { prompt_tokens: 50, completion_tokens: 9 } }) };
    const p = createWorkersAiProvider(ai, "@cf/test-model", 1000);
    const answer = await p.complete({ task: "classify", prompt: "Classify", input: "tiny shop", labels: [{ id: "smb", description: "small" }, { id: "ent", description: "big" }] });
    expect(answer).toMatchObject({ output: { label: "smb" }, tokens: { input: 50, output: 9 } });
    expect(calls[0]).toMatchObject({ model: "@cf/test-model", inputs: { response_format: { type: "json_schema", json_schema: { properties: { label: { enum: ["smb", "ent"] } } } }, temperature: 0 } });
  });

  it("times out and maps the binding's errors", async () => {
    const slow = createWorkersAiProvider({ run: () => new Promise((r) => setTimeout(() => r({ response: "late" }), 1000)) }, "@cf/m", 50);
    await expect(slow.complete({ task: "generate", prompt: "x", input: "" })).rejects.toMatchObject({ code: "ai_timeout", retryable: true });
    expect(workersAiFailure(new Error("3040: Capacity temporarily exceeded"))).toMatchObject({ code: "ai_rate_limited", retryable: true, retryAfterMs: 10_000 });
    expect(workersAiFailure(new Error("5007: No such model"))).toMatchObject({ code: "ai_rejected", retryable: false });
    expect(workersAiFailure(new Error("InferenceUpstreamError: internal"))).toMatchObject({ code: "ai_unavailable", retryable: true });
  });
});

describe("Retry-After", () => {
  it("reads seconds, HTTP dates and retry-after-ms", () => {
    const now = Date.parse("2026-04-01T09:00:00Z");
    expect(retryAfterMs(new Headers({ "retry-after": "7" }), now)).toBe(7000);
    expect(retryAfterMs(new Headers({ "retry-after": "Wed, 01 Apr 2026 09:01:00 GMT" }), now)).toBe(60_000);
    expect(retryAfterMs(new Headers({ "retry-after-ms": "1500", "retry-after": "2" }), now)).toBe(1500);
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });
});

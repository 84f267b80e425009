import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenAiProvider } from "../../durable/ai/openai";
import type { AiRequest } from "../../durable/ai/types";
import { NodeError } from "../../durable/types";
import { startFakeOpenAi, type Step } from "../fakes/openai";

const KEY = "sk-unit-test-key-0123456789abcdef";
let fake: Awaited<ReturnType<typeof startFakeOpenAi>>;
const control = () => fake.url.replace(/\/v1$/, "");
let n = 0;

beforeAll(async () => {
  fake = await startFakeOpenAi({ apiKey: KEY });
});
afterAll(() => fake.close());

/** A provider on its own model name (the fake's tenant), with scripted answers. */
async function provider(steps: Step[] = [], opts: { rejectJsonSchema?: boolean; timeoutMs?: number; apiKey?: string } = {}) {
  const model = `unit-${++n}`;
  await fetch(`${control()}/__fake/script`, { method: "POST", body: JSON.stringify({ model, steps, rejectJsonSchema: opts.rejectJsonSchema }) });
  const p = createOpenAiProvider({ baseUrl: fake.url, apiKey: opts.apiKey ?? KEY, model, timeoutMs: opts.timeoutMs ?? 5000 });
  const requests = async () => ((await (await fetch(`${control()}/__fake/requests?model=${model}`)).json()) as { items: any[] }).items;
  return { p, requests };
}

const transform: AiRequest = {
  task: "transform",
  prompt: "Extract the facts",
  input: "ARR $120k, 40 seats",
  fields: [
    { key: "arr", type: "number", description: "ARR" },
    { key: "seats", type: "number", description: "seats" },
  ],
};

async function failure(promise: Promise<unknown>): Promise<NodeError> {
  const e = await promise.then(() => null, (err) => err);
  expect(e).toBeInstanceOf(NodeError);
  return e as NodeError;
}

describe("OpenAI-compatible provider", () => {
  it("sends a well-formed request with a strict json_schema and reports tokens", async () => {
    const { p, requests } = await provider([{ content: { arr: 120000, seats: 40 }, usage: { prompt_tokens: 120, completion_tokens: 12 } }]);
    const answer = await p.complete(transform);
    expect(JSON.parse(answer.output as string)).toEqual({ arr: 120000, seats: 40 });
    expect(answer.tokens).toEqual({ input: 120, output: 12 });
    expect(answer.prompt).toContain("[system]");
    expect(answer.prompt).toContain("Input:\nARR $120k, 40 seats");
    const [req] = await requests();
    expect(req.problems).toEqual([]);
    expect(req.authorization).toBe(`Bearer ${KEY}`);
    expect(req.body.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "transform_answer", strict: true, schema: { required: ["arr", "seats"], additionalProperties: false } } });
    expect(req.body.temperature).toBe(0);
    expect(p.host).toBe(new URL(fake.url).host);
  });

  it("asks for a label enum when classifying and plain text when generating", async () => {
    const { p, requests } = await provider();
    const c = await p.complete({ task: "classify", prompt: "Classify", input: "an enterprise deal", labels: [{ id: "smb", description: "small" }, { id: "enterprise", description: "large", examples: ["SSO"] }] });
    expect(JSON.parse(c.output as string)).toMatchObject({ label: "enterprise" });
    const g = await p.complete({ task: "generate", prompt: "Write a welcome", input: "", maxWords: 50 });
    expect(typeof g.output).toBe("string");
    const [classify, generate] = await requests();
    expect(classify.body.response_format.json_schema.schema.properties.label.enum).toEqual(["smb", "enterprise"]);
    expect(classify.body.messages[0].content).toContain('enterprise: large (examples: "SSO")');
    expect(generate.body.response_format).toBeUndefined();
    expect(generate.body.max_tokens).toBe(164);
  });

  it("falls back to json_object when the endpoint refuses json_schema", async () => {
    const { p, requests } = await provider([{ content: { arr: 1, seats: 2 } }], { rejectJsonSchema: true });
    const answer = await p.complete(transform);
    expect(JSON.parse(answer.output as string)).toEqual({ arr: 1, seats: 2 });
    const sent = await requests();
    expect(sent.map((r) => [r.status, r.body.response_format?.type])).toEqual([
      [400, "json_schema"],
      [200, "json_object"],
    ]);
  });

  it("passes a malformed answer through for the node to judge", async () => {
    const { p } = await provider([{ content: "I think the ARR is about 120k" }]);
    expect((await p.complete(transform)).output).toBe("I think the ARR is about 120k");
  });

  it("429 with Retry-After is retryable after that wait", async () => {
    const { p } = await provider([{ status: 429, retryAfter: "30" }]);
    const e = await failure(p.complete(transform));
    expect(e).toMatchObject({ code: "ai_rate_limited", retryable: true, retryAfterMs: 30_000 });
    expect(e.message).toMatch(/retry after 30 s/);
  });

  it("5xx is retryable, 4xx is not, a wrong key says so", async () => {
    const five = await provider([{ status: 503, error: "overloaded" }]);
    expect(await failure(five.p.complete(transform))).toMatchObject({ code: "ai_unavailable", retryable: true, message: expect.stringContaining("overloaded") });
    const four = await provider([{ status: 404, error: "no such model" }]);
    expect(await failure(four.p.complete(transform))).toMatchObject({ code: "ai_rejected", retryable: false });
    const key = await provider([], { apiKey: "sk-wrong-key-0000000000000000" });
    const e = await failure(key.p.complete(transform));
    expect(e).toMatchObject({ code: "ai_unauthorized", retryable: false });
    expect(e.message).not.toContain("sk-wrong");
  });

  it("times out slow answers as a retryable failure", async () => {
    const { p } = await provider([{ delayMs: 2000, content: { arr: 1, seats: 1 } }], { timeoutMs: 200 });
    const started = Date.now();
    expect(await failure(p.complete(transform))).toMatchObject({ code: "ai_timeout", retryable: true, message: expect.stringContaining("0.2 s") });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("a body that is not JSON is a retryable bad response", async () => {
    const { p } = await provider([{ raw: "<html>gateway</html>" }]);
    expect(await failure(p.complete(transform))).toMatchObject({ code: "ai_bad_response", retryable: true });
  });
});

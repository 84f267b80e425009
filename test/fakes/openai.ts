/**
 * A fake OpenAI-compatible chat-completions server for the Worker tests (plain Node HTTP on
 * 127.0.0.1). It checks the request format — bearer key, JSON body, messages, response_format —
 * and answers 401/400 with OpenAI-shaped errors when something is off.
 *
 * Tenancy: state is kept per `model`, so parallel test files that each configure their own model
 * name never see each other's scripts or requests.
 *
 * Control routes (JSON):
 *   POST /__fake/script   {model, steps: Step[], rejectJsonSchema?}  queue answers for that model
 *   GET  /__fake/requests?model=                                     what that model was sent
 * Without a scripted step the answer is a plausible one built from the request (see defaultAnswer).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One scripted answer. */
export interface Step {
  /** HTTP status (default 200). */
  status?: number;
  /** Retry-After header value, e.g. "30". */
  retryAfter?: string;
  /** Wait before answering (a timeout test sets more than the client's timeout). */
  delayMs?: number;
  /** The assistant message content (an object is sent as JSON text). */
  content?: unknown;
  /** A raw response body instead of a completion (e.g. "not json"). */
  raw?: string;
  /** Error message for non-2xx statuses. */
  error?: string;
  usage?: { prompt_tokens: number; completion_tokens: number };
}

interface Recorded {
  path: string;
  authorization: string | null;
  body: any;
  problems: string[];
  status: number;
  at: number;
}

interface Tenant {
  steps: Step[];
  rejectJsonSchema: boolean;
  requests: Recorded[];
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (c) => (data += c));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}

/** Problems with a chat-completions request body, as a list of sentences. */
export function checkChatRequest(body: any): string[] {
  const problems: string[] = [];
  if (!body || typeof body !== "object") return ["body is not a JSON object"];
  if (typeof body.model !== "string" || !body.model) problems.push("model must be a non-empty string");
  if (!Array.isArray(body.messages) || body.messages.length === 0) problems.push("messages must be a non-empty array");
  else
    body.messages.forEach((m: any, i: number) => {
      if (!["system", "user", "assistant"].includes(m?.role)) problems.push(`messages.${i}.role is invalid`);
      if (typeof m?.content !== "string" || !m.content) problems.push(`messages.${i}.content must be a non-empty string`);
    });
  const rf = body.response_format;
  if (rf !== undefined) {
    if (!["json_schema", "json_object", "text"].includes(rf?.type)) problems.push("response_format.type is invalid");
    if (rf?.type === "json_schema") {
      const js = rf.json_schema;
      if (typeof js?.name !== "string" || !/^[a-zA-Z0-9_-]{1,64}$/.test(js.name)) problems.push("response_format.json_schema.name is invalid");
      const schema = js?.schema;
      if (!schema || schema.type !== "object" || typeof schema.properties !== "object") problems.push("response_format.json_schema.schema must be an object schema");
      else if (js.strict) {
        if (schema.additionalProperties !== false) problems.push("strict schemas need additionalProperties: false");
        const keys = Object.keys(schema.properties).sort();
        if (JSON.stringify([...(schema.required ?? [])].sort()) !== JSON.stringify(keys)) problems.push("strict schemas must require every property");
      }
    }
    if (rf?.type === "json_object" && !body.messages?.some((m: any) => /json/i.test(m?.content ?? ""))) problems.push("json_object mode needs the word JSON in the messages");
  }
  if (body.max_tokens !== undefined && !(Number.isInteger(body.max_tokens) && body.max_tokens > 0)) problems.push("max_tokens must be a positive integer");
  return problems;
}

const FILLER =
  "Welcome aboard! We are delighted to have your team with us and we are looking forward to a smooth start. Your customer success manager will reach out this week to schedule the kickoff call, walk through the onboarding plan, and answer any questions you have along the way. In the meantime, feel free to explore the getting-started guides, invite your colleagues, and tell us about the goals that matter most to you so we can shape the first weeks around them.";

/** A plausible answer built from the request: a valid label, typed fields, or prose. */
function defaultAnswer(body: any): unknown {
  const system = String(body.messages?.find((m: any) => m.role === "system")?.content ?? "");
  const user = String(body.messages?.find((m: any) => m.role === "user")?.content ?? "");
  const schema = body.response_format?.json_schema?.schema;
  const labelIds: string[] = schema?.properties?.label?.enum ?? [...system.matchAll(/^- ([A-Za-z0-9_-]+):/gm)].map((m) => m[1]);
  if (/classify/i.test(system) && labelIds.length) {
    const hit = labelIds.find((id) => user.toLowerCase().includes(id.toLowerCase())) ?? labelIds[0];
    return { label: hit, confidence: 0.9, reason: `The input mentions ${hit}.` };
  }
  const fields: [string, string][] = schema?.properties
    ? Object.entries(schema.properties).map(([k, v]: [string, any]) => [k, v.type])
    : [...system.matchAll(/^- ([A-Za-z][\w]*) \((string|number|boolean)\)/gm)].map((m) => [m[1], m[2]]);
  if (fields.length) return Object.fromEntries(fields.map(([k, t]) => [k, t === "number" ? 42 : t === "boolean" ? true : `fake ${k}`]));
  return FILLER;
}

/** Start the fake; `apiKey` is the only key it accepts. */
export async function startFakeOpenAi({ apiKey, port = 0 }: { apiKey: string; port?: number }) {
  const tenants = new Map<string, Tenant>();
  const tenant = (model: string) => {
    let t = tenants.get(model);
    if (!t) tenants.set(model, (t = { steps: [], rejectJsonSchema: false, requests: [] }));
    return t;
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake.local");
    const raw = await read(req).catch(() => "");
    if (url.pathname === "/__fake/script" && req.method === "POST") {
      const { model, steps = [], rejectJsonSchema } = JSON.parse(raw || "{}");
      const t = tenant(model);
      t.steps.push(...steps);
      if (rejectJsonSchema !== undefined) t.rejectJsonSchema = Boolean(rejectJsonSchema);
      return send(res, 200, { ok: true, queued: t.steps.length });
    }
    if (url.pathname === "/__fake/requests" && req.method === "GET") {
      return send(res, 200, { items: tenant(url.searchParams.get("model") ?? "").requests });
    }
    if (url.pathname !== "/v1/chat/completions" || req.method !== "POST") {
      return send(res, 404, { error: { message: `Unknown route ${req.method} ${url.pathname}`, type: "invalid_request_error" } });
    }
    let body: any = null;
    const problems: string[] = [];
    try {
      body = JSON.parse(raw);
    } catch {
      problems.push("body is not JSON");
    }
    if (!/^application\/json/i.test(req.headers["content-type"] ?? "")) problems.push("content-type must be application/json");
    problems.push(...(body ? checkChatRequest(body) : []));
    const t = tenant(typeof body?.model === "string" ? body.model : "");
    const record = (status: number) => t.requests.push({ path: url.pathname, authorization: req.headers.authorization ?? null, body, problems, status, at: Date.now() });

    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      record(401);
      return send(res, 401, { error: { message: "Incorrect API key provided.", type: "invalid_request_error", code: "invalid_api_key" } });
    }
    if (problems.length) {
      record(400);
      return send(res, 400, { error: { message: problems.join("; "), type: "invalid_request_error" } });
    }
    if (t.rejectJsonSchema && body.response_format?.type === "json_schema") {
      record(400);
      return send(res, 400, { error: { message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", type: "invalid_request_error", param: "response_format" } });
    }
    const step = t.steps.shift() ?? {};
    const status = step.status ?? 200;
    record(status);
    if (step.delayMs) await new Promise((r) => setTimeout(r, step.delayMs));
    if (step.raw !== undefined) return send(res, status, step.raw);
    if (status !== 200) {
      return send(res, status, { error: { message: step.error ?? `Fake failure ${status}`, type: status === 429 ? "rate_limit_exceeded" : "server_error" } }, step.retryAfter ? { "retry-after": step.retryAfter } : {});
    }
    const answer = step.content !== undefined ? step.content : defaultAnswer(body);
    const content = typeof answer === "string" ? answer : JSON.stringify(answer);
    const promptTokens = Math.ceil(JSON.stringify(body.messages).length / 4);
    send(res, 200, {
      id: `chatcmpl-${t.requests.length}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
      usage: step.usage ?? { prompt_tokens: promptTokens, completion_tokens: Math.ceil(content.length / 4), total_tokens: promptTokens + Math.ceil(content.length / 4) },
    });
  });
  // A client that gives up (timeout test) closes the socket mid-wait; that is expected.
  server.on("clientError", (_e, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    /** Base URL to configure as OPENAI_BASE_URL. */
    url: `http://127.0.0.1:${actual}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A fake Resend-style e-mail API for the Worker tests (plain Node HTTP on 127.0.0.1):
 * `POST /emails` with `Authorization: Bearer <key>`, an `Idempotency-Key` header and a JSON body
 * `{from, to, cc?, subject, html?, text?}`; answers `{id}`. Like Resend it honours idempotency: the
 * same key with the same body replays the first answer without a second delivery, the same key
 * with a different body is a 409.
 *
 * Tenancy: state is kept per recipient address, so parallel tests using their own addresses never
 * meet. Control routes (JSON):
 *   POST /__fake/fail        {to, status, times?, retryAfter?, afterDelivery?}  next sends fail
 *                            (afterDelivery: deliver, then answer the failure — a lost response)
 *   GET  /__fake/deliveries?to=   e-mails actually delivered to that address
 *   GET  /__fake/requests?to=     every request that named that address, with its status
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

interface Failure {
  status: number;
  times: number;
  retryAfter?: string;
  afterDelivery?: boolean;
}

interface Delivery {
  id: string;
  key: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  html: string | null;
  text: string | null;
  at: number;
}

interface Recorded {
  key: string | null;
  status: number;
  problems: string[];
  body: unknown;
  at: number;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const SENDER = /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/;

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
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

const asList = (v: unknown): string[] | null => (typeof v === "string" ? [v] : Array.isArray(v) && v.every((x) => typeof x === "string") ? v : null);

/** Problems with a send request body, as sentences. */
export function checkEmailRequest(body: any): string[] {
  const problems: string[] = [];
  if (!body || typeof body !== "object") return ["body is not a JSON object"];
  if (typeof body.from !== "string" || !SENDER.test(body.from)) problems.push("from must be an address or `Name <address>`");
  const to = asList(body.to);
  if (!to || to.length === 0 || to.length > 50 || !to.every((a) => EMAIL.test(a))) problems.push("to must be 1 to 50 valid addresses");
  if (body.cc !== undefined && !(asList(body.cc) ?? ["x"]).every((a) => EMAIL.test(a))) problems.push("cc must be valid addresses");
  if (typeof body.subject !== "string" || !body.subject.trim()) problems.push("subject is required");
  if (typeof body.html !== "string" && typeof body.text !== "string") problems.push("html or text is required");
  return problems;
}

/** Start the fake; `apiKey` is the only key it accepts. */
export async function startFakeEmailApi({ apiKey, port = 0 }: { apiKey: string; port?: number }) {
  const failures = new Map<string, Failure[]>();
  const deliveries = new Map<string, Delivery[]>();
  const requests = new Map<string, Recorded[]>();
  const byKey = new Map<string, { body: string; id: string }>();
  let seq = 0;
  const push = <T,>(map: Map<string, T[]>, k: string, v: T) => map.set(k, [...(map.get(k) ?? []), v]);

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake.local");
    const raw = await read(req).catch(() => "");
    if (url.pathname === "/__fake/fail" && req.method === "POST") {
      const { to, status, times = 1, retryAfter, afterDelivery } = JSON.parse(raw || "{}");
      push(failures, String(to).toLowerCase(), { status, times, retryAfter, afterDelivery });
      return send(res, 200, { ok: true });
    }
    if (url.pathname === "/__fake/deliveries") return send(res, 200, { items: deliveries.get((url.searchParams.get("to") ?? "").toLowerCase()) ?? [] });
    if (url.pathname === "/__fake/requests") return send(res, 200, { items: requests.get((url.searchParams.get("to") ?? "").toLowerCase()) ?? [] });
    if (url.pathname !== "/emails" || req.method !== "POST") return send(res, 404, { name: "not_found", message: `Unknown route ${req.method} ${url.pathname}` });

    let body: any = null;
    try {
      body = JSON.parse(raw);
    } catch {
      /* reported below */
    }
    const key = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : null;
    const problems = body ? checkEmailRequest(body) : ["body is not JSON"];
    if (!/^application\/json/i.test(req.headers["content-type"] ?? "")) problems.push("content-type must be application/json");
    if (!key || key.length > 256) problems.push("Idempotency-Key header is required (at most 256 characters)");
    const recipients = (asList(body?.to) ?? []).map((a) => a.toLowerCase());
    const record = (status: number) => recipients.forEach((r) => push(requests, r, { key, status, problems, body, at: Date.now() }));

    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      record(401);
      return send(res, 401, { name: "validation_error", message: "API key is invalid" });
    }
    if (problems.length) {
      record(422);
      return send(res, 422, { name: "validation_error", message: problems.join("; ") });
    }
    const queue = failures.get(recipients[0]) ?? [];
    const failure = queue[0];
    if (failure) {
      if (--failure.times <= 0) queue.shift();
      if (!failure.afterDelivery) {
        record(failure.status);
        return send(res, failure.status, { name: "application_error", message: `Fake failure ${failure.status}` }, failure.retryAfter ? { "retry-after": failure.retryAfter } : {});
      }
    }
    const seen = byKey.get(key!);
    if (seen && seen.body !== raw) {
      record(409);
      return send(res, 409, { name: "invalid_idempotent_request", message: "Same idempotency key used with a different request body." });
    }
    let id = seen?.id;
    if (!id) {
      id = `fake-msg-${++seq}`;
      byKey.set(key!, { body: raw, id });
      const d: Delivery = { id, key: key!, from: body.from, to: asList(body.to)!, cc: asList(body.cc) ?? [], subject: body.subject, html: body.html ?? null, text: body.text ?? null, at: Date.now() };
      recipients.forEach((r) => push(deliveries, r, d));
    }
    if (failure?.afterDelivery) {
      record(failure.status);
      return send(res, failure.status, { name: "application_error", message: `Fake failure ${failure.status} after delivery` });
    }
    record(200);
    send(res, 200, { id });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    /** Base URL to configure as EMAIL_API_URL. */
    url: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

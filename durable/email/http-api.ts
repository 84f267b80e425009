/**
 * Delivery through a Resend-style JSON API: `POST {EMAIL_API_URL}/emails` with a bearer key and an
 * `Idempotency-Key`, body `{from, to, cc, subject, html, text}`, answer `{id}`. The key is the
 * step's (run id + node id), so if our record of a delivery is lost the provider still recognises
 * the repeat and answers the same id instead of sending again.
 */
import { errorDetail, failureFromResponse, failureFromThrow } from "../services/http-failure";
import { NodeError } from "../types";

export interface EmailApiConfig {
  baseUrl: string;
  apiKey: string;
  from: string;
  timeoutMs: number;
}

export interface OutgoingEmail {
  to: string;
  cc?: string | null;
  subject: string;
  text: string;
  html: string;
}

const WHAT = "The e-mail provider";
const list = (addresses: string) => addresses.split(/[,;]/).map((a) => a.trim()).filter(Boolean);

/** Send one e-mail; resolves to the provider's message id. Throws NodeError (see http-failure.ts). */
export async function deliverEmail(cfg: EmailApiConfig, msg: OutgoingEmail, idempotencyKey: string): Promise<{ id: string }> {
  let res: Response;
  try {
    res = await fetch(`${cfg.baseUrl.replace(/\/+$/, "")}/emails`, {
      method: "POST",
      headers: { authorization: `Bearer ${cfg.apiKey}`, "content-type": "application/json", accept: "application/json", "idempotency-key": idempotencyKey },
      body: JSON.stringify({ from: cfg.from, to: list(msg.to), ...(msg.cc ? { cc: list(msg.cc) } : {}), subject: msg.subject, html: msg.html, text: msg.text }),
      signal: AbortSignal.timeout(cfg.timeoutMs),
    });
  } catch (error) {
    throw failureFromThrow(error, WHAT, "email", cfg.timeoutMs);
  }
  if (!res.ok) throw await failureFromResponse(res, WHAT, "email", await errorDetail(res));
  const body = (await res.json().catch(() => null)) as { id?: unknown } | null;
  if (typeof body?.id !== "string" || body.id === "") {
    // Asking again with the same idempotency key is safe: the provider answers the same message.
    throw new NodeError(`${WHAT} accepted the e-mail but answered no message id`, "email_bad_response", true);
  }
  return { id: body.id };
}

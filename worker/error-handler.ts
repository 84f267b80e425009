import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError, zodDetails } from "./errors";

function body(code: string, message: string, details: unknown[] = []) {
  return { error: { code, message, details } };
}

/**
 * The single place errors become responses (API.md shape). Client mistakes keep their 4xx;
 * anything unexpected is logged with the request id and answered as a generic 500.
 */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof AppError) {
    for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
    return c.json(body(err.code, err.message, err.details), err.status);
  }
  if (err instanceof HTTPException) {
    // Hono's validators raise 400 for bodies that are not JSON at all.
    const status = err.status;
    if (status === 400) return c.json(body("malformed_json", "The request body is not valid JSON."), 400);
    if (status === 413) return c.json(body("payload_too_large", "The request body is too large."), 413);
    return c.json(body(`http_${status}`, err.message || "Request failed."), status);
  }
  if (err && (err as { name?: string }).name === "ZodError") {
    const issues = (err as unknown as { issues: { path: PropertyKey[]; message: string }[] }).issues;
    return c.json(body("validation_failed", "The request is not valid.", zodDetails(issues)), 422);
  }
  console.error(JSON.stringify({ level: "error", requestId: c.get("requestId"), message: err?.message, stack: err?.stack }));
  return c.json(body("internal_error", "Something went wrong on our side. It has been logged."), 500);
}

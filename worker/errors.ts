/**
 * The one error type of the API. Routes throw it; `app.onError` turns it into the API.md shape
 * `{"error": {"code", "message", "details"}}`.
 */
export interface ErrorDetail {
  path: string;
  message: string;
  nodeId?: string;
}

export class AppError extends Error {
  constructor(
    public status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 426 | 429 | 500 | 502 | 503,
    public code: string,
    message: string,
    public details: ErrorDetail[] = [],
    public headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "Resource") => new AppError(404, "not_found", `${what} not found.`);
export const forbidden = (message = "You are not allowed to do this.") => new AppError(403, "forbidden", message);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const unprocessable = (message: string, details: ErrorDetail[]) =>
  new AppError(422, "validation_failed", message, details);

/** Converts zod issues into API.md `details` entries (`nodes.3.config.poolId`). */
export function zodDetails(issues: readonly { path: readonly PropertyKey[]; message: string }[]): ErrorDetail[] {
  return issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { AppError, zodDetails } from "../errors";

/**
 * Every router is an OpenAPIHono whose validation failures become the API.md 422 shape, so
 * request schemas document the API and validate it in one place.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new AppError(422, "validation_failed", "The request is not valid.", zodDetails(result.error.issues));
      }
    },
  });
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "validation_failed" }),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string(), nodeId: z.string().optional() })),
    }),
  })
  .openapi("Error");

/** A required JSON request body. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { "application/json": { schema } } } as const;
}

const errorContent = { content: { "application/json": { schema: ErrorSchema } } };
const errorResponses = {
  400: { ...errorContent, description: "Malformed JSON" },
  401: { ...errorContent, description: "Not signed in" },
  403: { ...errorContent, description: "Not allowed" },
  404: { ...errorContent, description: "Not found" },
  409: { ...errorContent, description: "Conflict" },
  422: { ...errorContent, description: "Invalid input" },
} as const;

/** A JSON response with the shared error responses alongside. */
export function jsonResponses<S extends 200 | 201, T extends z.ZodType>(status: S, schema: T, description = "OK") {
  return { ...errorResponses, [status]: { content: { "application/json": { schema } }, description } } as typeof errorResponses & {
    [K in S]: { content: { "application/json": { schema: T } }; description: string };
  };
}

export const noContent = { 204: { description: "No content" } } as const;

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const IdParam = z.object({ id: z.string().min(1).max(200) });

import { createRoute, z } from "@hono/zod-openapi";
import { createRouter, ErrorSchema } from "../lib/openapi";
import { receiveHubspot } from "./hubspot";
import { receiveNotion } from "./notion";
import { receiveSalesforce } from "./salesforce";

const Params = z.object({ connectorId: z.string().min(1).max(200) });
const json = (description: string) => ({ content: { "application/json": { schema: ErrorSchema } }, description });
const soap = (description: string) => ({ content: { "text/xml": { schema: z.string() } }, description });

/**
 * CRM webhook receivers (no session: each verifies its sender). The body is read raw inside each
 * receiver, because signatures cover the exact bytes; no validator may parse it first.
 */
export const webhookRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/hubspot/{connectorId}",
      summary: "HubSpot webhook (batch of events, X-HubSpot-Signature-v3)",
      request: { params: Params },
      responses: { 200: { description: "Received" }, 400: json("Malformed body"), 401: json("Bad or stale signature"), 404: json("Unknown connector"), 503: json("Try again later") },
    }),
    (c) => receiveHubspot(c.env, c.get("db"), c.req.valid("param").connectorId, c.req.raw),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/salesforce/{connectorId}",
      summary: "Salesforce Outbound Message (SOAP); answers the Ack",
      request: { params: Params },
      responses: { 200: soap("Ack"), 400: soap("Fault: malformed XML"), 403: soap("Fault: wrong organisation"), 404: soap("Fault: unknown connector"), 500: soap("Fault: try again later") },
    }),
    (c) => receiveSalesforce(c.env, c.get("db"), c.req.valid("param").connectorId, c.req.raw),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/notion/{connectorId}",
      summary: "Notion webhook: verification handshake, then signed events (X-Notion-Signature)",
      request: { params: Params },
      responses: { 200: { description: "Received" }, 400: json("Malformed body"), 401: json("Bad signature"), 404: json("Unknown connector"), 409: json("A verification token is already set"), 503: json("Try again later") },
    }),
    (c) => receiveNotion(c.env, c.get("db"), c.req.valid("param").connectorId, c.req.raw),
  );

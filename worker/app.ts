import { OpenAPIHono } from "@hono/zod-openapi";
import { requestId } from "hono/request-id";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "./env";
import { AppError } from "./errors";
import { handleError } from "./error-handler";
import { withDb } from "./middleware/db";
import { originCheck } from "./middleware/origin";
import { authGate } from "./middleware/auth-gate";
import { authRoutes } from "./routes/auth";
import { userRoutes } from "./routes/users";
import { poolRoutes } from "./routes/pools";
import { seedRoutes } from "./routes/seed";
import { presetRoutes, workflowRoutes } from "./routes/workflows";
import { runRoutes } from "./routes/runs";
import { templateRoutes } from "./routes/templates";
import { accountRoutes } from "./routes/accounts";
import { accountPlanRoutes } from "./routes/account-plan";
import { accountCsmRoutes } from "./routes/account-csm";
import { outboxRoutes } from "./routes/outbox";
import { nodeTypeRoutes } from "./routes/node-types";
import { connectorRoutes } from "./routes/connectors";
import { connectorActionRoutes } from "./routes/connector-actions";
import { webhookRoutes } from "./webhooks";
import { queueRoutes } from "./routes/queue";
import { directoryRoutes } from "./routes/directory";
import { formApiRoutes, formPageRoutes } from "./routes/forms";
import { settingsRoutes } from "./routes/settings";

/**
 * Builds the Worker's HTTP app: the JSON API under /api, webhooks under /webhooks and the
 * external form under /forms. Everything else is the SPA, served by Workers static assets.
 */
export function createApp() {
  const app = new OpenAPIHono<AppEnv>();
  app.use("*", requestId());
  app.use("*", withDb);
  app.use("/api/*", bodyLimit({ maxSize: 2 * 1024 * 1024, onError: () => { throw new AppError(413, "payload_too_large", "The request body is too large (2 MB max)."); } }));
  app.use("/api/*", originCheck);
  app.use("/api/*", authGate);

  app.route("/api", authRoutes);
  app.route("/api/users", userRoutes);
  app.route("/api/pools", poolRoutes);
  app.route("/api/__seed", seedRoutes);
  app.route("/api/workflows", workflowRoutes);
  app.route("/api/workflow-presets", presetRoutes);
  app.route("/api/node-types", nodeTypeRoutes);
  app.route("/api/runs", runRoutes);
  app.route("/api/templates", templateRoutes);
  app.route("/api/accounts", accountRoutes);
  app.route("/api/accounts", accountPlanRoutes);
  app.route("/api/accounts", accountCsmRoutes);
  app.route("/api/outbox", outboxRoutes);
  app.route("/api/connectors", connectorRoutes);
  app.route("/api/connectors", connectorActionRoutes);
  app.route("/webhooks", webhookRoutes);
  app.route("/api/queue", queueRoutes);
  app.route("/api/directory", directoryRoutes);
  app.route("/api/forms", formApiRoutes);
  app.route("/forms", formPageRoutes);
  app.route("/api/settings", settingsRoutes);

  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: { title: "Onboarding Workflows API", version: "1.0.0", description: "Contract: shared/API.md" },
  });

  app.notFound((c) => {
    if (c.req.path.startsWith("/api/") || c.req.path.startsWith("/webhooks/")) {
      return c.json({ error: { code: "not_found", message: "No such endpoint.", details: [] } }, 404);
    }
    return c.env.ASSETS.fetch(c.req.raw);
  });
  app.onError(handleError);
  return app;
}

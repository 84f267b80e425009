import { createApp } from "./app";
import type { AppBindings } from "./env";
import { pollConnectors } from "./crm/poll";
import { createDb } from "./db/client";
import { sweepInactiveHolders } from "./lib/hand-back";

export { RunObject } from "../durable/run";

const app = createApp();

const logged = (level: "warn" | "error", message: string, fields: Record<string, unknown>) => console[level](JSON.stringify({ level, message, ...fields }));

export default {
  fetch: app.fetch,
  /**
   * Cron: the polling fallback for connectors whose webhooks cannot be set up, and the sweep that
   * hands on open work still held by someone deactivated (lib/hand-back.ts). Each fails on its own.
   */
  async scheduled(_controller: ScheduledController, env: AppBindings, ctx: ExecutionContext) {
    ctx.waitUntil(
      pollConnectors(env).then(
        (summaries) => {
          for (const s of summaries) if (s.error) logged("warn", "connector poll failed", { connectorId: s.connectorId, error: s.error });
        },
        (e) => logged("error", "polling crashed", { error: (e as Error)?.message }),
      ),
    );
    ctx.waitUntil(
      sweepInactiveHolders(env, createDb(env.DB)).then(
        (r) => {
          if (r.failed) logged("warn", "handing on a deactivated person's items failed; the next cron retries", { failed: r.failed });
        },
        (e) => logged("error", "deactivation sweep crashed", { error: (e as Error)?.message }),
      ),
    );
  },
} satisfies ExportedHandler<AppBindings>;

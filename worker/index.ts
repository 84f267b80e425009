import { createApp } from "./app";
import type { AppBindings } from "./env";
import { pollConnectors } from "./crm/poll";

export { RunObject } from "../durable/run";

const app = createApp();

export default {
  fetch: app.fetch,
  /** Cron: the polling fallback for connectors whose webhooks cannot be set up. */
  async scheduled(_controller: ScheduledController, env: AppBindings, ctx: ExecutionContext) {
    ctx.waitUntil(
      pollConnectors(env).then(
        (summaries) => {
          for (const s of summaries) if (s.error) console.warn(JSON.stringify({ level: "warn", message: "connector poll failed", connectorId: s.connectorId, error: s.error }));
        },
        (e) => console.error(JSON.stringify({ level: "error", message: "polling crashed", error: (e as Error)?.message })),
      ),
    );
  },
} satisfies ExportedHandler<AppBindings>;

import { createApp } from "./app";
import type { AppBindings } from "./env";

export { RunObject } from "../durable/run";

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(_controller: ScheduledController, _env: AppBindings, _ctx: ExecutionContext) {
    // Polling connectors lands with the CRM issue.
  },
} satisfies ExportedHandler<AppBindings>;

import { Badge } from "../../components/badge";
import type { Connector } from "../../lib/api-types";
import type { ToastStore } from "../../state/toasts";

export const STATUS_LABELS: Record<Connector["status"], string> = { connected: "Connected", error: "Error", pending: "Not tested" };

export function ModeBadge({ mode }: { mode: Connector["mode"] }) {
  return mode === "demo" ? <Badge tone="brand">Demo</Badge> : <Badge tone="neutral">Live</Badge>;
}

/** Tells the admin how the connection test that creating or editing ran went. */
export function announceTest(toasts: ToastStore, c: Connector, verb: string) {
  if (c.status === "error") toasts.error(`${c.name} was ${verb}, but the connection test failed`, c.lastError ?? undefined);
  else toasts.success(`${c.name} was ${verb}`, c.status === "connected" ? "The connection test passed." : undefined);
}


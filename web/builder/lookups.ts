/**
 * The workspace records node configs point at — connectors, pools, users, onboarding templates —
 * loaded once when the builder opens and shared by every picker through context.
 */
import { signal, type Signal } from "@preact/signals";
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { listAll, type ApiClient } from "../lib/api";
import type { ConnectorSummary, Pool, TeamUser, TemplateSummary } from "../lib/api-types";
import { listPools } from "../lib/endpoints/pools";
import { listUsers } from "../lib/endpoints/users";

export interface Lookup<T> {
  status: "loading" | "ready" | "error";
  items: T[];
}

export interface Lookups {
  connectors: Signal<Lookup<ConnectorSummary>>;
  pools: Signal<Lookup<Pool>>;
  users: Signal<Lookup<TeamUser>>;
  templates: Signal<Lookup<TemplateSummary>>;
}

function load<T>(fetcher: () => Promise<T[]>): Signal<Lookup<T>> {
  const s = signal<Lookup<T>>({ status: "loading", items: [] });
  fetcher().then(
    (items) => (s.value = { status: "ready", items }),
    () => (s.value = { status: "error", items: [] }),
  );
  return s;
}

export function createLookups(api: ApiClient): Lookups {
  return {
    connectors: load(() => listAll<ConnectorSummary>(api, "/api/connectors")),
    pools: load(() => listPools(api)),
    users: load(() => listUsers(api).then((l) => l.filter((u) => u.active))),
    templates: load(() => listAll<TemplateSummary>(api, "/api/templates")),
  };
}

/** Fixed lookups, for read-only views and tests. */
export function staticLookups(data: Partial<{ [K in keyof Lookups]: Lookups[K]["value"]["items"] }> = {}): Lookups {
  const of = <T>(items: T[] | undefined): Signal<Lookup<T>> => signal({ status: "ready", items: items ?? [] });
  return { connectors: of(data.connectors), pools: of(data.pools), users: of(data.users), templates: of(data.templates) };
}

export const LookupsContext = createContext<Lookups | null>(null);

export function useLookups(): Lookups {
  const l = useContext(LookupsContext);
  if (!l) throw new Error("useLookups() needs a <LookupsContext.Provider> above it");
  return l;
}

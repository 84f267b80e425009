import { useEffect, useState } from "preact/hooks";
import type { ApiClient } from "../../lib/api";
import type { Person } from "../../lib/api-types";
import { listPeople } from "../../lib/endpoints/queue";

/** People change rarely; a minute-old list is fine for names and pickers. */
const MAX_AGE_MS = 60_000;
const cache = new Map<string, { at: number; list: Promise<Person[]> }>();

/** Active people (optionally one pool's), shared by every caller for a minute. */
function load(api: ApiClient, poolId?: string): Promise<Person[]> {
  const key = poolId ?? "";
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < MAX_AGE_MS) return hit.list;
  const list = listPeople(api, poolId);
  cache.set(key, { at: Date.now(), list });
  // A failed load is retried by the next caller.
  list.catch(() => cache.delete(key));
  return list;
}

/**
 * The workspace's people for names and pickers. `undefined` while loading, `null` if they cannot
 * be listed (the pickers then fall back to a text box).
 */
export function usePeople(api: ApiClient, poolId?: string): Person[] | null | undefined {
  const [people, setPeople] = useState<Person[] | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    setPeople(undefined);
    load(api, poolId).then(
      (list) => live && setPeople(list),
      () => live && setPeople(null),
    );
    return () => {
      live = false;
    };
  }, [poolId ?? ""]);
  return people;
}

/** Forget loaded people (tests, and after the team changes). */
export function clearPeopleCache() {
  cache.clear();
}

import { useEffect, useState } from "preact/hooks";
import type { Person } from "../../lib/api-types";
import { listPeople } from "../../lib/endpoints/queue";
import { useAppState } from "../../state/context";

/**
 * The workspace's active people, for admins (the directory lists only active ones, so an account's
 * CSM missing from it was deactivated: "CSM inactive"). Null until known, and for CSMs, whose
 * accounts are their own.
 */
export function useActivePeople(admin: boolean): Person[] | null {
  const { api } = useAppState();
  const [people, setPeople] = useState<Person[] | null>(null);
  useEffect(() => {
    if (admin) listPeople(api).then(setPeople, () => undefined);
  }, [admin]);
  return people;
}

/** True when the account's CSM is known not to be active (false while the people are loading). */
export const csmInactive = (people: readonly Person[] | null, csmId: string | null | undefined) => !!people && !!csmId && !people.some((p) => p.id === csmId);

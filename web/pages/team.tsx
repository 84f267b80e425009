import { useState } from "preact/hooks";
import { Button } from "../components/button";
import { Card } from "../components/card";
import { Loadable } from "../components/loadable";
import { PageHeader } from "../components/page-header";
import type { Pool, TeamUser } from "../lib/api-types";
import { listPools } from "../lib/endpoints/pools";
import { listUsers } from "../lib/endpoints/users";
import { useLoad } from "../lib/use-load";
import { useAppState } from "../state/context";
import { AddUserDialog } from "./team/add-user-dialog";
import { PoolsSection } from "./team/pools-section";
import { UsersTable } from "./team/users-table";

/** Replaces the item with the same id, or appends it. */
const upsert = <T extends { id: string }>(list: T[], item: T): T[] =>
  list.some((x) => x.id === item.id) ? list.map((x) => (x.id === item.id ? item : x)) : [...list, item];

/** `/team` (admins): users with roles and availability, and the CSM pools assignment draws from. */
export function TeamPage() {
  const { api, toasts, user: me } = useAppState();
  const users = useLoad(() => listUsers(api), []);
  const pools = useLoad(() => listPools(api), []);
  const [adding, setAdding] = useState(false);

  const upsertUser = (u: TeamUser) => {
    users.update((list) => upsert(list, u));
    // Renaming yourself, or changing your own sign-in e-mail: the sidebar's "signed in as" follows at once.
    const current = me.value;
    if (current && current.id === u.id && (current.name !== u.name || current.email !== u.email)) me.value = { ...current, name: u.name, email: u.email };
  };
  const upsertPool = (p: Pool) => pools.update((list) => upsert(list, p));
  const activeCount = users.state.data?.filter((u) => u.active).length;

  return (
    <>
      <PageHeader
        title="Team"
        description="Who can sign in, what they may do, and how new accounts are shared out among CSMs."
        actions={
          <Button variant="primary" icon="plus" onClick={() => setAdding(true)}>
            Add user
          </Button>
        }
      />
      <div class="stack stack--lg">
        <Card
          title="Users"
          description={
            activeCount === undefined
              ? "Everyone with access to this workspace."
              : `${activeCount} active ${activeCount === 1 ? "user" : "users"}. Out-of-office CSMs are skipped by automatic assignment.`
          }
          flush
        >
          <Loadable loaded={users} what="users">
            {(list) => <UsersTable users={list} currentUserId={me.value?.id ?? ""} onChanged={upsertUser} />}
          </Loadable>
        </Card>
        <PoolsSection
          pools={pools}
          users={users.state.data ?? []}
          onSaved={upsertPool}
          onDeleted={(id) => pools.update((l) => l.filter((p) => p.id !== id))}
        />
      </div>
      <AddUserDialog
        open={adding}
        onClose={() => setAdding(false)}
        onCreated={(u) => {
          upsertUser(u);
          toasts.success(`${u.name} was added`, `They can sign in as ${u.email}.`);
        }}
      />
    </>
  );
}

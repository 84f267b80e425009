import { useState } from "preact/hooks";
import { Badge } from "../../components/badge";
import { Button } from "../../components/button";
import { Card } from "../../components/card";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { EmptyState } from "../../components/empty-state";
import { Loadable } from "../../components/loadable";
import { Table, type Column } from "../../components/table";
import type { Pool, TeamUser } from "../../lib/api-types";
import { deletePool } from "../../lib/endpoints/pools";
import type { Loaded } from "../../lib/use-load";
import { useAppState } from "../../state/context";
import { isAway, localToday } from "./out-of-office";
import { PoolDialog } from "./pool-dialog";

export interface PoolsSectionProps {
  pools: Loaded<Pool[]>;
  users: readonly TeamUser[];
  onSaved: (pool: Pool) => void;
  onDeleted: (id: string) => void;
}

function capacityLabel(pool: Pool): string {
  if (pool.members.length === 0) return "—";
  if (pool.members.some((m) => m.capacity === null || m.capacity === undefined)) return "Unlimited";
  return String(pool.members.reduce((sum, m) => sum + (m.capacity ?? 0), 0));
}

/** The CSM pools: list, create/edit dialog and delete with confirmation. */
export function PoolsSection({ pools, users, onSaved, onDeleted }: PoolsSectionProps) {
  const { api, toasts } = useAppState();
  const [editing, setEditing] = useState<Pool | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<Pool | null>(null);
  const byId = new Map(users.map((u) => [u.id, u]));
  // As the users table reads it: an out-of-office whose last day has passed is back.
  const today = localToday();

  const columns: Column<Pool>[] = [
    { key: "name", header: "Pool", width: "22%", render: (p) => <span class="cell-title__main">{p.name}</span> },
    {
      key: "members",
      header: "Members",
      render: (p) =>
        p.members.length === 0 ? (
          <span class="cell-muted">No members</span>
        ) : (
          <ul class="chips" aria-label={`Members of ${p.name}`}>
            {p.members.map((m) => {
              const u = byId.get(m.userId);
              const cap = m.capacity === null || m.capacity === undefined ? "no cap" : `cap ${m.capacity}`;
              return (
                <li key={m.userId} class="chip" title={`Weight ${m.weight}, ${cap === "no cap" ? "unlimited capacity" : `capacity ${m.capacity}`}`}>
                  <span class="chip__name">{u?.name ?? m.name ?? "Unknown user"}</span>
                  <span class="chip__meta">
                    ×{m.weight} · {cap}
                  </span>
                  {(u?.active ?? m.active) === false ? (
                    <Badge tone="muted">Deactivated</Badge>
                  ) : (u ? isAway(u, today) : m.outOfOffice) ? (
                    <Badge tone="warning">Out of office</Badge>
                  ) : null}
                </li>
              );
            })}
          </ul>
        ),
    },
    { key: "capacity", header: "Total capacity", width: "130px", render: (p) => <span class="cell-muted">{capacityLabel(p)}</span> },
    {
      key: "actions",
      header: "Actions",
      hideHeader: true,
      width: "96px",
      align: "end",
      render: (p) => (
        <div class="row-actions">
          <Button size="sm" variant="ghost" icon="edit" aria-label={`Edit pool ${p.name}`} title="Edit" onClick={() => setEditing(p)} />
          <Button size="sm" variant="ghost" icon="trash" aria-label={`Delete pool ${p.name}`} title="Delete" onClick={() => setDeleting(p)} />
        </div>
      ),
    },
  ];

  return (
    <Card
      title="CSM pools"
      description="Groups of CSMs that assignment steps route accounts to."
      flush
      actions={
        <Button icon="plus" onClick={() => setEditing(null)}>
          Create pool
        </Button>
      }
    >
      <Loadable loaded={pools} what="pools">
        {(rows) => (
          <Table
            caption="CSM pools"
            columns={columns}
            rows={rows}
            rowKey={(p) => p.id}
            empty={
              <EmptyState icon="team" title="No pools yet">
                Create a pool such as “Senior CSMs” or “General pool”, then choose it in a workflow's assignment step.
              </EmptyState>
            }
          />
        )}
      </Loadable>
      <PoolDialog
        pool={editing}
        users={users}
        onClose={() => setEditing(undefined)}
        onSaved={(pool, created) => {
          onSaved(pool);
          toasts.success(created ? `Pool “${pool.name}” created` : `Pool “${pool.name}” saved`);
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete pool “${deleting?.name ?? ""}”?`}
        confirmLabel="Delete pool"
        onCancel={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await deletePool(api, deleting.id);
          onDeleted(deleting.id);
          toasts.success(`Pool “${deleting.name}” deleted`);
          setDeleting(null);
        }}
      >
        <p>A pool that an active or paused workflow assigns from, or that still has open queue items, is not deleted: you'll be told which. Drafts that use it will need another pool before they can be published. This can't be undone.</p>
      </ConfirmDialog>
    </Card>
  );
}

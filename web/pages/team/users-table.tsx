import { useEffect, useState } from "preact/hooks";
import { Badge, StatusPill } from "../../components/badge";
import { Button } from "../../components/button";
import { Checkbox, Select } from "../../components/field";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { EmptyState } from "../../components/empty-state";
import { Table, type Column } from "../../components/table";
import { type Role, type TeamUser, type UserPatch } from "../../lib/api-types";
import { updateUser } from "../../lib/endpoints/users";
import { useAppState } from "../../state/context";
import { ROLE_OPTIONS } from "./add-user-dialog";
import { EditUserDialog } from "./edit-user-dialog";
import { awayLabel, isAway, localToday } from "./out-of-office";
import { deactivateUser, getOpenWork, handedBackSentence, INACTIVE_ACCOUNTS_HREF, openWorkSentence, type OpenWork } from "./deactivation";

export interface UsersTableProps {
  users: readonly TeamUser[];
  /** The signed-in admin: their own role and active flag are locked so they cannot lock themselves out. */
  currentUserId: string;
  /** Called with the server's copy after a successful change. */
  onChanged: (user: TeamUser) => void;
}

/** Active first, then by name. */
export function sortUsers(users: readonly TeamUser[]): TeamUser[] {
  return [...users].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));
}

/**
 * The team's users with inline role, out-of-office and (de)activation, and "Edit" for the name and
 * an out-of-office's last day (`PATCH /api/users/:id`). An out-of-office whose last day has passed
 * shows as back.
 */
export function UsersTable({ users, currentUserId, onChanged }: UsersTableProps) {
  const { api, toasts } = useAppState();
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState<TeamUser | null>(null);
  const [editing, setEditing] = useState<TeamUser | null>(null);
  /** A CSM about to be made an admin, and the select to put back if that is cancelled. */
  const [promoting, setPromoting] = useState<{ user: TeamUser; select: HTMLSelectElement } | null>(null);
  const today = localToday();
  const [filter, setFilter] = useState("");
  /** What the person about to be deactivated holds; `null` while it loads, "unknown" if it could not be read. */
  const [work, setWork] = useState<OpenWork | null | "unknown">(null);

  useEffect(() => {
    if (!confirming) return;
    let current = true;
    setWork(null);
    getOpenWork(api, confirming.id).then(
      (w) => current && setWork(w),
      () => current && setWork("unknown"),
    );
    return () => {
      current = false;
    };
  }, [confirming?.id]);

  /** Sends one change; rejects on failure after a toast (or silently with `quiet`, for dialogs that show it). */
  async function change(user: TeamUser, patch: UserPatch, done: (u: TeamUser) => string, quiet = false) {
    setPending((p) => new Set(p).add(user.id));
    try {
      const updated = await updateUser(api, user.id, patch);
      onChanged(updated);
      toasts.success(done(updated));
    } catch (e) {
      if (!quiet) toasts.error(e, `Couldn't update ${user.name}`);
      throw e;
    } finally {
      setPending((p) => {
        const next = new Set(p);
        next.delete(user.id);
        return next;
      });
    }
  }

  const swallow = () => undefined; // the toast already told the user

  const q = filter.trim().toLowerCase();
  const rows = sortUsers(users).filter((u) => !q || u.name.toLowerCase().includes(q) || u.email.toLowerCase().includes(q));

  const columns: Column<TeamUser>[] = [
    {
      key: "name",
      header: "Name",
      render: (u) => (
        <>
          <div class="cell-title">
            <span class="cell-title__main">{u.name}</span>
            {u.id === currentUserId ? <Badge tone="brand">You</Badge> : null}
          </div>
          {u.outOfOfficeUntil && isAway(u, today) ? <span class="cell-sub">{awayLabel(u, today)}</span> : null}
        </>
      ),
    },
    { key: "email", header: "Email", render: (u) => <span class="cell-muted cell-truncate" title={u.email}>{u.email}</span> },
    {
      key: "role",
      header: "Role",
      width: "130px",
      render: (u) => (
        <Select
          label={`Role for ${u.name}`}
          hideLabel
          class="field--inline"
          options={ROLE_OPTIONS}
          value={u.role}
          disabled={pending.has(u.id) || u.id === currentUserId}
          title={u.id === currentUserId ? "You can't change your own role" : undefined}
          onChange={(e) => {
            const role = e.currentTarget.value as Role;
            const select = e.currentTarget;
            // Admin rights are asked for, not granted by a stray arrow key on a focused select.
            if (role === "admin") {
              setPromoting({ user: u, select });
              return;
            }
            change(u, { role }, (x) => `${x.name} is now ${x.role === "admin" ? "an admin" : "a CSM"}`).catch(() => {
              select.value = u.role; // put the control back where the server still is
            });
          }}
        />
      ),
    },
    {
      key: "status",
      header: "Status",
      width: "136px",
      render: (u) => <StatusPill status={u.active ? "active" : "deactivated"} />,
    },
    {
      key: "ooo",
      header: "Out of office",
      width: "124px",
      render: (u) => (
        <Checkbox
          switch
          label={`Out of office: ${u.name}`}
          hideLabel
          checked={isAway(u, today)}
          disabled={pending.has(u.id) || !u.active}
          onChange={(e) => {
            const input = e.currentTarget;
            const outOfOffice = input.checked;
            // Switched on here, an out-of-office has no end (a passed one is not carried over); "Edit" sets one.
            const patch: UserPatch = outOfOffice ? { outOfOffice, outOfOfficeUntil: null } : { outOfOffice };
            change(u, patch, (x) => (x.outOfOffice ? `${x.name} is out of office` : `${x.name} is back in the office`)).catch(() => {
              input.checked = isAway(u, today);
            });
          }}
        />
      ),
    },
    {
      key: "actions",
      header: "Actions",
      hideHeader: true,
      width: "236px",
      align: "end",
      render: (u) => (
        <div class="row-actions">
          <Button size="sm" variant="ghost" icon="edit" disabled={pending.has(u.id)} aria-label={`Edit ${u.name}`} onClick={() => setEditing(u)}>
            Edit
          </Button>
          {u.active ? (
            <Button
              size="sm"
              variant="ghost"
              icon="userMinus"
              disabled={pending.has(u.id) || u.id === currentUserId}
              title={u.id === currentUserId ? "You can't deactivate yourself" : undefined}
              aria-label={`Deactivate ${u.name}`}
              onClick={() => setConfirming(u)}
            >
              Deactivate
            </Button>
          ) : (
            <Button
              size="sm"
              variant="ghost"
              icon="userPlus"
              loading={pending.has(u.id)}
              aria-label={`Reactivate ${u.name}`}
              onClick={() => change(u, { active: true }, (x) => `${x.name} can sign in again`).catch(swallow)}
            >
              Reactivate
            </Button>
          )}
        </div>
      ),
    },
  ];

  return (
    <>
      {users.length > 8 ? (
        <div class="table-toolbar">
          <input
            type="search"
            class="control control--search"
            placeholder="Filter by name or email"
            aria-label="Filter users by name or email"
            value={filter}
            onInput={(e) => setFilter(e.currentTarget.value)}
          />
        </div>
      ) : null}
      <Table
        caption="Users"
        columns={columns}
        rows={rows}
        rowKey={(u) => u.id}
        rowMuted={(u) => !u.active}
        empty={
          <EmptyState icon="team" title={q ? "No users match that filter" : "No users yet"}>
            {q ? "Try part of a name or an email address." : "Add the first teammate with “Add user”."}
          </EmptyState>
        }
      />
      <EditUserDialog
        user={editing}
        onClose={() => setEditing(null)}
        onSaved={(u) => {
          onChanged(u);
          const away = awayLabel(u, localToday());
          toasts.success(`${u.name} was saved`, away ? `${away}.` : undefined);
        }}
      />
      <ConfirmDialog
        open={promoting !== null}
        title={`Make ${promoting?.user.name ?? ""} an admin?`}
        confirmLabel="Make admin"
        tone="primary"
        onCancel={() => {
          if (promoting) promoting.select.value = promoting.user.role;
          setPromoting(null);
        }}
        onConfirm={async () => {
          if (!promoting) return;
          await change(promoting.user, { role: "admin" }, (x) => `${x.name} is now an admin`, true);
          setPromoting(null);
        }}
      >
        <p>
          Admins build and publish workflows, manage connectors, templates and the team, and see every account and queue item.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming !== null}
        title={`Deactivate ${confirming?.name ?? ""}?`}
        confirmLabel="Deactivate user"
        onCancel={() => setConfirming(null)}
        onConfirm={async () => {
          if (!confirming) return;
          // Errors show inside the dialog, which stays open.
          const { user, handedBack } = await deactivateUser(api, confirming.id);
          onChanged(user);
          toasts.success(`${user.name} was deactivated`, handedBackSentence(handedBack, work && work !== "unknown" ? work.accounts : null));
          setConfirming(null);
        }}
      >
        <div class="stack">
          {/* One live region whose text changes, so a screen reader hears the counts once they arrive. */}
          <p role="status" class={work === null ? "cell-muted" : undefined}>
            {work === null ? `Checking what ${confirming?.name ?? ""} holds…` : work !== "unknown" ? <strong>{openWorkSentence(confirming?.name ?? "", work)}</strong> : null}
          </p>
          <p>
            {confirming?.name} will no longer be able to sign in or receive new accounts and queue items. Queue items assigned to
            them go back to the pool they came from, or wait unassigned for an admin to assign; items they had claimed go back to
            their pools.
          </p>
          <p>
            Their accounts keep them as CSM, marked “CSM inactive”, until you hand them over
            {work && work !== "unknown" && work.accounts ? (
              <>
                {" "}
                (<a href={INACTIVE_ACCOUNTS_HREF}>accounts with an inactive CSM</a>)
              </>
            ) : null}
            . Their history stays, and you can reactivate them at any time.
          </p>
        </div>
      </ConfirmDialog>
    </>
  );
}

/**
 * Shapes of the API bodies the SPA reads and sends, written from API.md.
 * When the Worker exports its zod schemas (habit 8), replace these with `z.infer` imports.
 */

export type Role = "admin" | "csm";

export const ROLE_LABELS: Record<Role, string> = { admin: "Admin", csm: "CSM" };

/** `GET /api/me`, and the `user` of a login answer. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** An item of `GET /api/users`. */
export interface TeamUser extends SessionUser {
  active: boolean;
  outOfOffice: boolean;
  createdAt: string;
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export type UserPatch = Partial<Pick<TeamUser, "name" | "role" | "active" | "outOfOffice">>;

export interface PoolMember {
  userId: string;
  /** Share of assignments under the weighted strategy; an integer ≥ 1. */
  weight: number;
  /** Most active accounts this member takes; `null` is unlimited, `0` takes none. */
  capacity: number | null;
  /** Read-only extras the server adds when listing (the member's user). */
  name?: string;
  email?: string;
  active?: boolean;
  outOfOffice?: boolean;
}

export interface Pool {
  id: string;
  name: string;
  members: PoolMember[];
}

export interface PoolInput {
  name: string;
  members: Array<Pick<PoolMember, "userId" | "weight" | "capacity">>;
}

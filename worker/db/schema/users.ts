import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { bool, createdAt, updatedAt } from "./common";

/** People who sign in. E-mail is stored lower-cased so uniqueness is case-insensitive. */
export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  role: text("role", { enum: ["admin", "csm"] }).notNull(),
  passwordHash: text("password_hash").notNull(),
  active: bool("active").notNull().default(true),
  outOfOffice: bool("out_of_office").notNull().default(false),
  /** The last day away (a calendar day, `YYYY-MM-DD`) when the out-of-office has an end; null when open-ended. */
  outOfOfficeUntil: text("out_of_office_until"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Sessions are keyed by the SHA-256 of the cookie token, so a leaked table grants nothing. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: text("last_seen_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    absoluteExpiresAt: text("absolute_expires_at").notNull(),
  },
  (t) => [index("idx_sessions_user_id").on(t.userId)],
);

/** Failed sign-ins per key (e-mail or client address) inside a sliding window. */
export const loginAttempts = sqliteTable("login_attempts", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStart: text("window_start").notNull(),
  lockedUntil: text("locked_until"),
});

/**
 * CSM pools; `rrPointer` is the round-robin position (live runs only move it). Names are unique
 * ignoring case and surrounding spaces, so every pool picker can tell pools apart; the index
 * decides, also between two admins saving the same name at once (SQLite's `lower` folds ASCII only).
 */
export const pools = sqliteTable(
  "pools",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    rrPointer: integer("rr_pointer").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("idx_pools_name_key").on(sql`lower(trim(${t.name}))`)],
);

export const poolMembers = sqliteTable(
  "pool_members",
  {
    poolId: text("pool_id").notNull().references(() => pools.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    weight: integer("weight").notNull().default(1),
    /** Max active accounts; null means unlimited. */
    capacity: integer("capacity"),
  },
  (t) => [primaryKey({ columns: [t.poolId, t.userId] }), index("idx_pool_members_user_id").on(t.userId)],
);

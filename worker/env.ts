import type { Database } from "./db/client";
import type { Preloaded } from "./middleware/preload";

/** Secrets are not in wrangler.toml, so `wrangler types` cannot see them; they are declared here. */
export interface Secrets {
  /** base64 of 32 random bytes: the AES-GCM key for connector credentials. */
  ENCRYPTION_KEY?: string;
  SEED_PASSWORD?: string;
  EMAIL_API_URL?: string;
  EMAIL_API_KEY?: string;
  EMAIL_FROM?: string;
  OPENAI_BASE_URL?: string;
  OPENAI_API_KEY?: string;
  OPENAI_MODEL?: string;
  WORKERS_AI_MODEL?: string;
  /** Vars (plain text, may live in wrangler.toml): provider choice when no admin choice is saved; see durable/ai/config.ts. */
  AI_PROVIDER?: string;
  AI_TIMEOUT_MS?: string;
  AI_PRICE_PER_1K_TOKENS?: string;
  EMAIL_PROVIDER?: string;
}

export type AppBindings = Env & Secrets;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: "admin" | "csm";
  /** The pools the user belongs to, read with the session (what a CSM may see depends on them). */
  poolIds: string[];
}

/** Hono's environment for every route: bindings plus per-request variables. */
export interface AppEnv {
  Bindings: AppBindings;
  Variables: {
    requestId: string;
    db: Database;
    user: SessionUser;
    sessionId: string;
    /** Rows read with the session for the route about to run (middleware/preload.ts). */
    preloaded?: Preloaded;
  };
}

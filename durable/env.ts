import type { Secrets } from "../worker/env";

/** What the run object sees of the Worker's bindings. */
export type RunEnv = Env & Secrets;

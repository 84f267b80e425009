import { DurableObject } from "cloudflare:workers";

/** One instance per run (placeholder until the engine lands in this session). */
export class RunObject extends DurableObject<Env> {}

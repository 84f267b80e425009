import type { SeedStep } from "./demo";
import { seedDemoRun } from "./demo-run";

/**
 * Seed steps contributed by each area, in order. `beforePresets` steps create what presets point
 * at (connectors); `afterPresets` steps create activity (demo runs, queue items).
 */
export const seedSteps: { beforePresets: SeedStep[]; afterPresets: SeedStep[] } = {
  beforePresets: [],
  afterPresets: [seedDemoRun],
};

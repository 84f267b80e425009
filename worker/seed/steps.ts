import type { SeedStep } from "./demo";
import { seedDemoRun, seedPausedHubspotRun } from "./demo-run";
import { activateDemoCrmWorkflows, seedDemoConnectors } from "./connectors";

/**
 * Seed steps contributed by each area, in order. `beforePresets` steps create what presets point
 * at (connectors); `afterPresets` steps create activity (demo runs, queue items).
 */
export const seedSteps: { beforePresets: SeedStep[]; afterPresets: SeedStep[] } = {
  beforePresets: [seedDemoConnectors],
  afterPresets: [activateDemoCrmWorkflows, seedDemoRun, seedPausedHubspotRun],
};

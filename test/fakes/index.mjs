// Starts the three fake CRM servers together: for the Worker tests (vitest global setup) and for
// `npm start`, whose demo connectors point at them.
import { startHubspot } from "./hubspot.mjs";
import { startNotion } from "./notion.mjs";
import { startSalesforce } from "./salesforce.mjs";

/**
 * Starts fake HubSpot, Salesforce and Notion APIs on 127.0.0.1. With `basePort` they listen on
 * basePort, basePort+1 and basePort+2 (stable addresses the demo connectors can store); without it
 * on free ports. Resolves to their base URLs and a `stop()`.
 */
export async function startFakeCrms({ basePort } = {}) {
  const port = (i) => (basePort ? basePort + i : 0);
  const servers = [];
  try {
    servers.push(await startHubspot({ port: port(0) }));
    servers.push(await startSalesforce({ port: port(1) }));
    servers.push(await startNotion({ port: port(2) }));
  } catch (e) {
    await Promise.all(servers.map((s) => s.close()));
    throw new Error(`could not start the fake CRM servers${basePort ? ` on ports ${basePort}-${basePort + 2} (set FAKE_CRM_PORT to move them)` : ""}: ${e.message}`);
  }
  const [hubspot, salesforce, notion] = servers;
  return {
    urls: { hubspot: hubspot.url, salesforce: salesforce.url, notion: notion.url },
    stop: () => Promise.all(servers.map((s) => s.close())),
  };
}

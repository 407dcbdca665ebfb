/** Shared test helpers for the itboye provider tests (not a test file itself). */
import { ItboyeClient, type ItboyeClientConfig } from '../../../../src-main/providers/itboye/client.js';
import type { ItboyeSimulator } from '../../../../src-main/providers/itboye/simulator.js';

/** A client for the simulator's account, reading every simulated username. */
export function clientFor(sim: ItboyeSimulator, overrides: Partial<ItboyeClientConfig> = {}): ItboyeClient {
  return new ItboyeClient({
    fetch: globalThis.fetch,
    baseUrl: `${sim.url}/`,
    clientId: sim.credentials.clientId,
    clientSecret: sim.credentials.clientSecret,
    loginUsername: sim.credentials.loginUsername,
    password: sim.credentials.password,
    usernames: sim.usernames,
    timeoutMs: 3000,
    ...overrides,
  });
}

/** The form fields of the simulator's n-th logged request. */
export function formOf(sim: ItboyeSimulator, index: number): URLSearchParams {
  const req = sim.requests[index];
  if (!req) throw new Error(`no request ${index}`);
  return new URLSearchParams(req.bodyText);
}

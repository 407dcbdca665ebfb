/**
 * Connectivity for faces without Electron's `net.isOnline()` (the web mode): the scheduler pauses
 * while no non-loopback interface has an address — the cable is out, Wi-Fi is off. Like Electron's
 * check it cannot tell whether the providers are reachable; a sync that starts anyway fails with a
 * network error and is retried on the next tick.
 */
import os from 'node:os';

type Interfaces = ReturnType<typeof os.networkInterfaces>;

export function hasNetworkInterface(interfaces: Interfaces = os.networkInterfaces()): boolean {
  return Object.values(interfaces).some((addresses) => (addresses ?? []).some((address) => !address.internal));
}

/**
 * Runs one provider simulator in its own process, so a benchmark measures the app, not the app and
 * the simulator sharing one event loop. Prints one JSON line with the account input, then serves
 * until stdin closes.  Usage: tsx simulator-process.ts <provider> <scale>
 */
import { fleetMember } from '../../src-main/demo/simulator-fleet.js';
import type { ProviderSlug } from '../../src-main/domain/models.js';

const [provider, scale] = process.argv.slice(2);
const member = await fleetMember(provider as ProviderSlug, { scale: Number(scale) });
process.stdout.write(`${JSON.stringify({ account: member.account })}\n`);
process.stdin.resume();
process.stdin.on('end', () => void member.simulator.close().then(() => process.exit(0)));

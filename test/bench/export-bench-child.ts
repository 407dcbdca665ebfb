/**
 * One measured export in a fresh process, so its peak memory is the export's alone (not the seeding's
 * page cache): opens the seeded ledger, exports every order through `export:start`, and prints one JSON
 * line {seconds, cpuSeconds, rows, bytes, peakRssMb, maxStallMs, p99StallMs}. `cpuSeconds` (user + system, all threads)
 * is the figure that does not depend on how busy the machine is.
 * Usage: node --import tsx export-bench-child.ts <dataDir> <csv|xlsx>
 */
import { readFileSync, rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ExportStartedView } from '../../src-main/api/channels/export.js';
import type { Result } from '../../src-main/api/result.js';
import { openTempCore } from '../support/temp-core.js';

const [dataDir, format] = process.argv.slice(2);
if (!dataDir || (format !== 'csv' && format !== 'xlsx')) throw new Error('usage: export-bench-child.ts <dataDir> <csv|xlsx>');

/**
 * Linux's VmHWM: the peak RSS of this process image. (getrusage's maxRSS is no use here: Linux carries
 * it over from the forking parent across exec, so it would report the seeding parent's peak.)
 */
function peakFromProc(): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

const core = await openTempCore({ dataDir, face: 'cli' });
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const stalls = monitorEventLoopDelay({ resolution: 5 });
try {
  stalls.enable();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const started = (await core.dispatch('export:start', { kind: 'orders', format, filters: {} })) as Result<ExportStartedView>;
  if (!started.ok) throw new Error(started.error.message);
  const job = await core.services.exports.wait(started.value.jobId);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  stalls.disable();
  if (job.status !== 'succeeded') throw new Error(`export ${job.status}: ${job.error}`);
  peak = Math.max(peak, peakFromProc() ?? 0);
  const line = { seconds: Math.round(seconds * 10) / 10, cpuSeconds: Math.round((cpu.user + cpu.system) / 1e5) / 10, rows: job.rows, bytes: job.bytes, peakRssMb: Math.round(peak / 1_048_576), maxStallMs: Math.round(stalls.max / 1e6), p99StallMs: Math.round(stalls.percentile(99) / 1e6) };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  // A reused bench ledger would otherwise gather hundreds of MB of exports per run.
  rmSync(job.file, { force: true });
} finally {
  clearInterval(sampler);
  const keepAlive = setInterval(() => undefined, 1000);
  await core.close().finally(() => clearInterval(keepAlive));
}

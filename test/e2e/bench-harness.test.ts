/**
 * The benchmark harness itself, at a tiny scale: `npm run -s bench -- --json` must print one JSON object
 * with every documented key as a number, and every part must run to its end. No figure is compared with
 * a target here (speed is the benchmark's business, not a test's); this only keeps the harness from
 * rotting between the runs that measure.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './support/paths.js';

const KEYS = [
  'sync.recordsPerSec',
  'sync.storeRatio',
  'sync.maxStallMs',
  'query.p95Ms',
  'query.searchP95Ms',
  'export.csvSeconds',
  'export.xlsxSeconds',
  'export.peakRssMb',
  'ui.filterToPaintP95Ms',
  'ui.maxConsecutiveBlankFrames',
] as const;

interface ScrollPass {
  readonly reachedEnd: boolean;
  readonly timedOut: boolean;
  readonly rowsScrolled: number;
}

describe('npm run bench (harness, 300 orders)', () => {
  it('prints one JSON object with every documented key, and the UI scroll passes stop at the end of a short list', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'bench', '--', '--json', '--scale', '300'], {
      cwd: PROJECT_ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    const result = JSON.parse(stdout) as Record<string, unknown>;
    for (const key of KEYS) expect(result[key], key).toEqual(expect.any(Number));
    expect(result['sync.recordsPerSec'] as number).toBeGreaterThan(0);
    // Every order came through the simulator, plus its settlement revisions.
    const sync = result['sync'] as { endToEnd: { records: number } };
    expect(sync.endToEnd.records).toBeGreaterThan(300);
    const scroll = (result['ui'] as { scroll: { down: ScrollPass; up: ScrollPass } }).scroll;
    for (const pass of [scroll.down, scroll.up]) {
      expect(pass).toMatchObject({ reachedEnd: true, timedOut: false });
      // 300 rows less the dozen or so a 900 px window shows at once.
      expect(pass.rowsScrolled).toBeGreaterThan(250);
    }
  }, 300_000);
});

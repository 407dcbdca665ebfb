/**
 * Safe mode: `<data dir>/last-run.json` records how far the last start got. A start that never
 * reached "ready" (crash or hang during startup) makes the next start skip the background scheduler,
 * so a sync that crashes the app at launch cannot lock the merchant out.
 */
import path from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './json-file.js';

export const RUN_MARKER_FILE = 'last-run.json';

export type RunPhase = 'starting' | 'ready' | 'stopped';

const MarkerSchema = z.object({ phase: z.enum(['starting', 'ready', 'stopped']), at: z.number() });

export interface RunStart {
  readonly safeMode: boolean;
  /** The phase the previous run ended in; null on the first run (or an unreadable marker). */
  readonly previous: RunPhase | null;
}

export class RunMarker {
  constructor(
    private readonly file: string,
    private readonly now: () => number = Date.now,
  ) {}

  static inDataDir(dataDir: string): RunMarker {
    return new RunMarker(path.join(dataDir, RUN_MARKER_FILE));
  }

  /** Reads the previous run's phase, then records this run as starting. */
  begin(forceSafeMode = false): RunStart {
    const parsed = MarkerSchema.safeParse(readJsonFile(this.file));
    const previous = parsed.success ? parsed.data.phase : null;
    this.write('starting');
    return { safeMode: forceSafeMode || previous === 'starting', previous };
  }

  markReady(): void {
    this.write('ready');
  }

  markStopped(): void {
    this.write('stopped');
  }

  private write(phase: RunPhase): void {
    writeJsonFile(this.file, { phase, at: this.now() });
  }
}

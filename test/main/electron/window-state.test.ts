import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  EMPTY_WINDOW_STATE,
  MIN_HEIGHT,
  MIN_WIDTH,
  loadWindowState,
  parseWindowState,
  recordPlacement,
  restorePlacement,
  saveWindowState,
  type DisplayLike,
} from '../../../src-main/electron/window-state.js';

const laptop: DisplayLike = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const monitor: DisplayLike = { id: 2, bounds: { x: 1920, y: 0, width: 2560, height: 1440 }, workArea: { x: 1920, y: 0, width: 2560, height: 1400 } };

describe('window state', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ml-window-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses a centred default on the primary display when nothing was saved', () => {
    const placement = restorePlacement(EMPTY_WINDOW_STATE, [laptop], laptop);
    expect(placement.restored).toBe(false);
    expect(placement.bounds).toEqual({ x: (1920 - DEFAULT_WIDTH) / 2, y: (1040 - DEFAULT_HEIGHT) / 2, width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT });
  });

  it('restores the bounds saved for the last display when it is still connected', () => {
    const state = recordPlacement(EMPTY_WINDOW_STATE, monitor, { x: 2100, y: 100, width: 1600, height: 1000 }, true);
    const placement = restorePlacement(state, [laptop, monitor], laptop);
    expect(placement).toEqual({ bounds: { x: 2100, y: 100, width: 1600, height: 1000 }, maximized: true, restored: true });
  });

  it('does not restore onto a display that no longer exists', () => {
    const state = recordPlacement(EMPTY_WINDOW_STATE, monitor, { x: 2100, y: 100, width: 1600, height: 1000 }, false);
    const placement = restorePlacement(state, [laptop], laptop);
    expect(placement.restored).toBe(false);
    expect(placement.bounds.x).toBeLessThan(1920);
    expect(placement.bounds.x + placement.bounds.width).toBeLessThanOrEqual(1920);
  });

  it('falls back to the placement remembered for another display that is still connected', () => {
    let state = recordPlacement(EMPTY_WINDOW_STATE, laptop, { x: 40, y: 30, width: 1200, height: 800 }, false);
    state = recordPlacement(state, monitor, { x: 2100, y: 100, width: 1600, height: 1000 }, false);
    expect(state.lastDisplayId).toBe('2');
    const placement = restorePlacement(state, [laptop], laptop);
    expect(placement).toEqual({ bounds: { x: 40, y: 30, width: 1200, height: 800 }, maximized: false, restored: true });
  });

  it('recognises a display whose id changed but whose bounds are the same', () => {
    const state = recordPlacement(EMPTY_WINDOW_STATE, monitor, { x: 2100, y: 100, width: 1600, height: 1000 }, false);
    const renumbered = { ...monitor, id: 99 };
    expect(restorePlacement(state, [laptop, renumbered], laptop).restored).toBe(true);
  });

  it('clamps a restored window into the work area and to the minimum size', () => {
    const state = recordPlacement(EMPTY_WINDOW_STATE, laptop, { x: 1500, y: 900, width: 300, height: 200 }, false);
    const { bounds } = restorePlacement(state, [laptop], laptop);
    expect(bounds.width).toBe(MIN_WIDTH);
    expect(bounds.height).toBe(MIN_HEIGHT);
    expect(bounds.x + bounds.width).toBeLessThanOrEqual(1920);
    expect(bounds.y + bounds.height).toBeLessThanOrEqual(1040);
  });

  it('round-trips through the JSON file and ignores a corrupt or foreign file', () => {
    const file = path.join(dir, 'window-state.json');
    const state = recordPlacement(EMPTY_WINDOW_STATE, laptop, { x: 10.4, y: 20, width: 1100, height: 700 }, false);
    saveWindowState(file, state);
    expect(loadWindowState(file)).toEqual(state);
    expect(state.displays['1']?.bounds).toEqual({ x: 10, y: 20, width: 1100, height: 700 });
    writeFileSync(file, '{ not json');
    expect(loadWindowState(file)).toEqual(EMPTY_WINDOW_STATE);
    expect(parseWindowState({ version: 2, displays: {} })).toEqual(EMPTY_WINDOW_STATE);
    expect(loadWindowState(path.join(dir, 'missing.json'))).toEqual(EMPTY_WINDOW_STATE);
  });
});

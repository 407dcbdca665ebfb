/**
 * Window placement remembered per display: `<data dir>/window-state.json` keeps one placement for
 * each display the window was last closed on. At start the placement of the last display is used if
 * that display is still connected, else the placement saved for another connected display, else a
 * default size centred on the primary display — so a window never opens on a monitor that is gone.
 */
import path from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './json-file.js';

export const WINDOW_STATE_FILE = 'window-state.json';
export const MIN_WIDTH = 1024;
export const MIN_HEIGHT = 680;
export const DEFAULT_WIDTH = 1280;
export const DEFAULT_HEIGHT = 820;

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The fields of Electron's `Display` used here. */
export interface DisplayLike {
  readonly id: number;
  readonly bounds: Rect;
  readonly workArea: Rect;
}

const RectSchema = z.object({ x: z.number().finite(), y: z.number().finite(), width: z.number().positive().finite(), height: z.number().positive().finite() });
const PlacementSchema = z.object({ bounds: RectSchema, maximized: z.boolean(), displayBounds: RectSchema });
const StateSchema = z.object({
  version: z.literal(1),
  lastDisplayId: z.string().nullable(),
  displays: z.record(z.string(), PlacementSchema),
});

export type SavedPlacement = z.infer<typeof PlacementSchema>;
export type WindowStateFile = z.infer<typeof StateSchema>;

export interface Placement {
  readonly bounds: Rect;
  readonly maximized: boolean;
  /** False when the default placement was used (nothing saved, or its display is gone). */
  readonly restored: boolean;
}

export const EMPTY_WINDOW_STATE: WindowStateFile = { version: 1, lastDisplayId: null, displays: {} };

export function parseWindowState(raw: unknown): WindowStateFile {
  const parsed = StateSchema.safeParse(raw);
  return parsed.success ? parsed.data : EMPTY_WINDOW_STATE;
}

export function loadWindowState(file: string): WindowStateFile {
  return parseWindowState(readJsonFile(file));
}

export function saveWindowState(file: string, state: WindowStateFile): void {
  writeJsonFile(file, state);
}

export function windowStatePath(dataDir: string): string {
  return path.join(dataDir, WINDOW_STATE_FILE);
}

const roundRect = (r: Rect): Rect => ({ x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) });
const sameRect = (a: Rect, b: Rect) => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

/** The connected display a saved placement belongs to: same id, or (ids can change after a reconnect) same bounds. */
function displayFor(key: string, saved: SavedPlacement, displays: readonly DisplayLike[]): DisplayLike | undefined {
  return displays.find((d) => String(d.id) === key) ?? displays.find((d) => sameRect(d.bounds, saved.displayBounds));
}

/** Fits bounds inside a work area: at least the minimum size (unless the screen is smaller), fully visible. */
export function fitInto(bounds: Rect, area: Rect): Rect {
  const width = Math.min(Math.max(bounds.width, MIN_WIDTH), area.width);
  const height = Math.min(Math.max(bounds.height, MIN_HEIGHT), area.height);
  const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}

export function defaultPlacement(primary: DisplayLike): Placement {
  const area = primary.workArea;
  const width = Math.min(DEFAULT_WIDTH, area.width);
  const height = Math.min(DEFAULT_HEIGHT, area.height);
  const bounds = { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height };
  return { bounds, maximized: false, restored: false };
}

export function restorePlacement(state: WindowStateFile, displays: readonly DisplayLike[], primary: DisplayLike): Placement {
  const keys = Object.keys(state.displays);
  const order = state.lastDisplayId !== null ? [state.lastDisplayId, ...keys.filter((k) => k !== state.lastDisplayId)] : keys;
  for (const key of order) {
    const saved = state.displays[key];
    if (!saved) continue;
    const display = displayFor(key, saved, displays);
    if (display) return { bounds: fitInto(saved.bounds, display.workArea), maximized: saved.maximized, restored: true };
  }
  return defaultPlacement(primary);
}

/** Records the window's normal (un-maximized) bounds for the display it is on. */
export function recordPlacement(state: WindowStateFile, display: DisplayLike, bounds: Rect, maximized: boolean): WindowStateFile {
  const key = String(display.id);
  const placement: SavedPlacement = { bounds: roundRect(bounds), maximized, displayBounds: roundRect(display.bounds) };
  return { version: 1, lastDisplayId: key, displays: { ...state.displays, [key]: placement } };
}

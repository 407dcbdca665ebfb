/**
 * Once per e2e run: refuse early (with the fix) when Debian's Chromium is missing, and build the
 * renderer when its sources differ from those of the last build (scripts/renderer-build.mjs).
 */
import { ensureRendererBuilt } from '../../scripts/renderer-build.mjs';
import { chromiumMissingMessage } from './support/browser.js';
import { PROJECT_ROOT } from './support/paths.js';

export default function setup(): void {
  const missing = chromiumMissingMessage();
  if (missing) throw new Error(missing);
  ensureRendererBuilt(PROJECT_ROOT);
}

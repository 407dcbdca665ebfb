/**
 * Starts the core's background sync scheduler (AppCore.scheduler). main/desktop-app skip this call
 * in safe mode, when the last start never reached "ready".
 */
import type { ShellLogger } from './shell-types.js';

export interface SchedulerLike {
  start(): void;
  stop(): void | Promise<void>;
}

export function startScheduler(core: { readonly scheduler: SchedulerLike }, logger: ShellLogger): SchedulerLike {
  core.scheduler.start();
  logger.info({}, 'background scheduler started');
  return core.scheduler;
}

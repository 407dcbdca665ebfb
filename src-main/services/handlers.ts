/** The contract's channels wired to the use-cases. One line per channel: no logic lives here. */
import type { Handlers } from '../api/dispatch.js';
import type { AccountService } from './account-service.js';
import type { AppInfoService } from './app-info-service.js';

export interface CoreServices {
  readonly accounts: AccountService;
  readonly app: AppInfoService;
}

export function createHandlers(s: CoreServices): Handlers {
  return {
    'app:info': (_args, ctx) => s.app.info(ctx.face),
    'app:status': () => s.app.status(),
    'providers:list': () => s.accounts.providers(),
    'accounts:list': () => s.accounts.list(),
    'accounts:add': (args) => s.accounts.add(args),
    'accounts:update': (args) => s.accounts.update(args),
    'accounts:remove': (args) => s.accounts.remove(args.id),
    'accounts:test': (args) => s.accounts.test(args.id),
  };
}

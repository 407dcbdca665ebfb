/**
 * The single entry every face calls: checks the channel name, validates the arguments with the
 * contract's zod schema, runs the handler, and turns every outcome into a Result. Faces add transport,
 * authentication and argument parsing only.
 */
import { z } from 'zod';
import { contract, isChannel, type Channel, type ParsedArgsOf, type ResultOf } from './contract.js';
import { AppError } from './errors.js';
import { fail, ok, type ApiError, type Result } from './result.js';

export interface CallContext {
  readonly face: 'desktop' | 'web' | 'cli';
}

export type Handlers = {
  readonly [C in Channel]: (args: ParsedArgsOf<C>, ctx: CallContext) => Promise<ResultOf<C>> | ResultOf<C>;
};

export interface DispatchOptions {
  /** Maps errors from lower layers (provider, vault) to API errors; null = not recognised. */
  readonly mapError?: (error: unknown) => ApiError | null;
  /** Receives errors that become `internal`, for the log. */
  readonly onInternalError?: (channel: string, error: unknown) => void;
}

/** A zod failure as the contract's `validation` error (first issues only, bounded). */
export function validationError(error: z.ZodError): ApiError {
  const issues = error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = issues[0];
  return {
    code: 'validation',
    message: `参数无效 invalid arguments${first ? `: ${first.path || '(root)'} ${first.message}` : ''}`,
    details: { issues },
  };
}

export function createDispatcher(handlers: Handlers, options: DispatchOptions = {}) {
  return async function dispatch(channel: unknown, rawArgs: unknown, ctx: CallContext): Promise<Result<unknown>> {
    if (!isChannel(channel)) {
      return fail('unknown_channel', `未知的操作 unknown channel: ${String(channel).slice(0, 80)}`);
    }
    const parsed = contract[channel].args.safeParse(rawArgs === undefined ? {} : rawArgs);
    if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
    try {
      const handler = handlers[channel] as (args: unknown, ctx: CallContext) => unknown;
      return ok(await handler(parsed.data, ctx));
    } catch (error) {
      if (error instanceof AppError) return fail(error.code, error.message, error.details);
      if (error instanceof z.ZodError) return { ok: false, error: validationError(error) };
      const mapped = options.mapError?.(error);
      if (mapped) return { ok: false, error: mapped };
      options.onInternalError?.(channel, error);
      return fail('internal', '内部错误，详情已写入日志 internal error (see the log file)');
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;

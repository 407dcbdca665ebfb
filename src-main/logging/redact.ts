/**
 * Two layers keep secrets out of the logs:
 *  (a) pino `redact` censors secret-named fields at depth 0..3 with '[REDACTED]';
 *  (b) a scrubber (hooks.logMethod, child/setBindings wrappers, a last pass in hooks.streamWrite) masks
 *      key/value patterns and every literal in the SecretRegistry with '••••' in the message, every string
 *      value at any depth, child bindings and serialized Errors (message, stack, raw, cause).
 */
import { formatWithOptions, type InspectOptions } from 'node:util';
import type { Bindings, ChildLoggerOptions, LogFn, Logger, LoggerOptions } from 'pino';
import { REDACTED, scrubString, scrubValue, serializeError } from './scrub.js';
import { secretRedactPaths } from './secret-keys.js';
import type { SecretRegistry } from './secret-registry.js';

export { REDACTED, scrubString, scrubValue, serializeError, type SerializedError } from './scrub.js';
export { isSecretKey, secretRedactPaths, SECRET_KEY_NAMES } from './secret-keys.js';
export { defaultSecretRegistry, MIN_SECRET_LENGTH, SECRET_MASK, SecretRegistry } from './secret-registry.js';

type RedactingOptions = Required<Pick<LoggerOptions, 'redact' | 'hooks' | 'formatters' | 'serializers'>>;

/** pino options implementing both redaction layers for `registry`. Spread them into `pino({...})`. */
export function redactingLoggerOptions(registry: SecretRegistry): RedactingOptions {
  return {
    redact: { paths: secretRedactPaths(), censor: REDACTED },
    hooks: {
      logMethod(inputArgs, method) {
        method.apply(this, scrubLogArguments(inputArgs, registry));
      },
      // Last line of defence: a registered literal that still reached the output line (e.g. through a pino
      // feature that bypasses the hooks) is masked here.
      streamWrite: (line) => registry.scrub(line),
    },
    formatters: {
      bindings: (bindings) => toRecord(scrubValue(bindings, registry)),
    },
    serializers: {
      // Errors were already serialized and scrubbed in logMethod; pino's default would rename their type.
      err: (value: unknown) => (value instanceof Error ? serializeError(value, registry) : value),
    },
  };
}

/**
 * pino only runs `formatters.bindings` for the root logger's base bindings, so child loggers' bindings (and
 * `setBindings`, `msgPrefix`) are scrubbed by wrapping those methods; children inherit the wrappers through
 * their prototype chain.
 */
export function scrubChildBindings(logger: Logger, registry: SecretRegistry): void {
  const { child, setBindings } = logger;
  const scrubOptions = (options: ChildLoggerOptions | undefined): ChildLoggerOptions | undefined =>
    options?.msgPrefix === undefined ? options : { ...options, msgPrefix: scrubString(options.msgPrefix, registry) };
  Object.assign(logger, {
    child(this: Logger, bindings: Bindings, options?: ChildLoggerOptions) {
      return Reflect.apply(child, this, [toRecord(scrubValue(bindings, registry)), scrubOptions(options)]) as Logger;
    },
    setBindings(this: Logger, bindings: Bindings) {
      Reflect.apply(setBindings, this, [toRecord(scrubValue(bindings, registry))]);
    },
  });
}

/**
 * Rewrites a pino call's arguments to `[mergeObject?, message?]` with everything scrubbed. The message is
 * interpolated here (util.formatWithOptions) so a secret passed as a `%s` argument next to `token=` is still caught.
 */
export function scrubLogArguments(args: Parameters<LogFn>, registry: SecretRegistry): Parameters<LogFn> {
  const [first, ...rest] = args as unknown[];
  let mergeObject: Record<string, unknown> | undefined;
  let messageArgs: unknown[];
  if (first instanceof Error) {
    mergeObject = { err: first };
    messageArgs = rest.length > 0 ? rest : [first.message];
  } else if (typeof first === 'object' && first !== null) {
    mergeObject = first as Record<string, unknown>;
    messageArgs = rest;
  } else {
    messageArgs = args as unknown[];
  }
  const message = scrubMessage(messageArgs, registry);
  if (mergeObject === undefined) return [message] as Parameters<LogFn>;
  const safeObject = toRecord(scrubValue(mergeObject, registry));
  return (message === undefined ? [safeObject] : [safeObject, message]) as Parameters<LogFn>;
}

// One line per record: objects interpolated with %o / %O are printed compactly.
const FORMAT_OPTIONS: InspectOptions = { breakLength: Infinity, compact: true, depth: 6 };

function scrubMessage(messageArgs: unknown[], registry: SecretRegistry): unknown {
  if (messageArgs.length === 0) return undefined;
  const [template, ...params] = messageArgs;
  if (params.length > 0) {
    const safeParams = params.map((param) => scrubValue(param, registry));
    const head = typeof template === 'string' ? template : scrubValue(template, registry);
    const text = formatWithOptions(FORMAT_OPTIONS, head, ...safeParams);
    return scrubString(text, registry);
  }
  return typeof template === 'string' ? scrubString(template, registry) : scrubValue(template, registry);
}

function toRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
}

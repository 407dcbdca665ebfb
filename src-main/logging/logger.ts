/**
 * Structured JSON logs in the data folder: pino → rotating-file-stream (10 MB per file and daily, 5 rotated
 * files kept), with every secret redacted before a byte is written (see redact.ts).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pino, type Bindings, type ChildLoggerOptions, type Level, type Logger } from 'pino';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';
import { redactingLoggerOptions, scrubChildBindings } from './redact.js';
import { defaultSecretRegistry, type SecretRegistry } from './secret-registry.js';

export interface LogRotationOptions {
  /** Rotate when the file reaches this size; rotating-file-stream syntax ('10M', '500K', '2K'). Default '10M'. */
  size?: string;
  /** Also rotate on this interval ('1d' = every midnight). Default '1d'. */
  interval?: string;
  /** Rotated files kept. Default 5. */
  maxFiles?: number;
}

export interface CreateLoggerOptions {
  /** Folder for the log files (created if missing), normally `<data folder>/logs`. */
  dir: string;
  level?: Level | 'silent';
  fileName?: string;
  /** Copy every (already redacted) line to stderr too, e.g. for the CLI's --verbose. */
  alsoStderr?: boolean;
  rotation?: LogRotationOptions;
  /** Literal secrets to mask; defaults to the process-wide registry the vault feeds. */
  registry?: SecretRegistry;
}

/** A pino logger whose `flush` resolves once every line so far is in the file, and which can be closed. */
export interface AppLogger extends Omit<Logger, 'flush' | 'child'> {
  /** Resolves when every line logged so far has been written to the file. */
  flush(): Promise<void>;
  /** Flushes, then closes the file; later log calls are dropped. */
  close(): Promise<void>;
  child(bindings: Bindings, options?: ChildLoggerOptions): Logger;
}

export const DEFAULT_LOG_FILE = 'merchant-ledger.log';

export function createLogger(options: CreateLoggerOptions): AppLogger {
  const fileName = options.fileName ?? DEFAULT_LOG_FILE;
  mkdirSync(options.dir, { recursive: true });
  const rotation = options.rotation ?? {};
  const file = createStream(rotatedName(options.dir, fileName), {
    size: rotation.size ?? '10M',
    interval: rotation.interval ?? '1d',
    maxFiles: rotation.maxFiles ?? 5,
  });
  const sink = createFileSink(file, options.alsoStderr === true ? process.stderr : undefined);
  const registry = options.registry ?? defaultSecretRegistry;
  const logger = pino(
    { level: options.level ?? 'info', timestamp: pino.stdTimeFunctions.isoTime, ...redactingLoggerOptions(registry) },
    sink,
  );
  scrubChildBindings(logger, registry);
  return Object.assign(logger, { flush: sink.flush, close: sink.close }) as unknown as AppLogger;
}

/** A silent logger for tests and code paths that do not care. */
export function nullLogger(): AppLogger {
  const logger = pino({ level: 'silent' });
  const done = (): Promise<void> => Promise.resolve();
  return Object.assign(logger, { flush: done, close: done }) as unknown as AppLogger;
}

/** `merchant-ledger.log` → rotated as `merchant-ledger-20240102-030405-1.log` (UTC time of rotation). */
function rotatedName(dir: string, fileName: string): (time: number | Date | null, index?: number) => string {
  const ext = path.extname(fileName);
  const base = fileName.slice(0, fileName.length - ext.length);
  return (time, index) => {
    if (time === null) return path.join(dir, fileName);
    const stamp = new Date(time).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    return path.join(dir, `${base}-${stamp}-${index ?? 1}${ext}`);
  };
}

interface FileSink {
  write(line: string): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** pino writes each line synchronously into this sink; it counts lines still in flight so `flush` can wait. */
function createFileSink(file: RotatingFileStream, tee: NodeJS.WritableStream | undefined): FileSink {
  let pending = 0;
  let closed = false;
  let waiters: (() => void)[] = [];
  let closing: Promise<void> | undefined;
  const settle = (): void => {
    if (pending > 0) return;
    const ready = waiters;
    waiters = [];
    ready.forEach((resolve) => resolve());
  };
  file.on('error', (error: Error) => {
    closed = true;
    pending = 0;
    process.stderr.write(`[merchant-ledger] 日志文件写入失败 (log file error): ${error.message}\n`);
    settle();
  });
  const flush = (): Promise<void> =>
    new Promise((resolve) => {
      waiters.push(resolve);
      settle();
    });
  return {
    write(line) {
      tee?.write(line);
      if (closed) return;
      pending += 1;
      file.write(line, () => {
        pending = Math.max(0, pending - 1);
        settle();
      });
    },
    flush,
    close() {
      closing ??= flush().then(async () => {
        if (closed) return;
        closed = true;
        await new Promise<void>((resolve) => file.end(() => resolve()));
      });
      return closing;
    },
  };
}

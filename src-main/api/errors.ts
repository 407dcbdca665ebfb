/**
 * Errors services throw on purpose, each with the API code it maps to. Anything else that escapes a
 * handler is an internal error: logged in full, answered with a generic message.
 */
import type { ApiErrorCode } from './result.js';

export class AppError extends Error {
  override readonly name: string = 'AppError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export class NotFoundError extends AppError {
  override readonly name = 'NotFoundError';
  constructor(message: string) {
    super('not_found', message);
  }
}

export class ConflictError extends AppError {
  override readonly name = 'ConflictError';
  constructor(message: string) {
    super('conflict', message);
  }
}

export class ValidationError extends AppError {
  override readonly name = 'ValidationError';
  constructor(message: string, details?: Record<string, unknown>) {
    super('validation', message, details);
  }
}

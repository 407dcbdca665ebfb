/**
 * Building blocks of the contract: the channel helper and argument schemas shared by several domains.
 * Arguments are strict objects with bounded sizes, because the renderer is untrusted.
 */
import { z } from 'zod';
import { PROVIDER_SLUGS } from '../domain/models.js';

export interface ChannelSpec<A extends z.ZodType, R> {
  readonly args: A;
  /** Phantom: carries the result type only. */
  readonly result?: R;
}

/** `channel<Result>()(argsSchema)`: the result type is given, the args type is inferred from the schema. */
export function channel<R>() {
  return <A extends z.ZodType>(args: A): ChannelSpec<A, R> => ({ args });
}

export const Empty = z.strictObject({});
export const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const ShortText = z.string().trim().min(1).max(64);
export const SearchText = z.string().trim().max(200);
export const Provider = z.enum(PROVIDER_SLUGS);
/** Epoch milliseconds, bounded to years a ledger can hold. */
export const EpochMs = z.number().int().min(0).max(32_503_680_000_000);
export const PageLimit = z.number().int().min(1).max(500);
/** "yyyy-MM-dd" business day in Asia/Shanghai. */
export const BusinessDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 yyyy-MM-dd');

export interface LocalizedText {
  readonly 'zh-CN': string;
  readonly en: string;
}

/**
 * A fetch for the sync suites that records what each request asked for (in the provider's own terms,
 * read by `describe`) and lets a test act just before a given request goes out — to mutate the
 * simulator, inject a fault or cancel the run there.
 */
import type { FetchLike } from '../../src-main/providers/http.js';

export class RecordingFetch<T> {
  readonly sent: T[] = [];
  /** Called before each request goes out (after it is recorded), with its 1-based position. */
  beforeSend: ((entry: T, index: number) => void) | null = null;

  constructor(
    private readonly describe: (url: URL, body: string) => T,
    /** Sends the request; the default passes it to the real fetch unchanged. */
    private readonly send: (entry: T, input: string | URL, init?: RequestInit) => Promise<Response> = (_entry, input, init) => globalThis.fetch(input, init),
  ) {}

  readonly fetch: FetchLike = async (input, init) => {
    const entry = this.describe(new URL(String(input)), typeof init?.body === 'string' ? init.body : '');
    this.sent.push(entry);
    this.beforeSend?.(entry, this.sent.length);
    return this.send(entry, input, init);
  };

  mark(): number {
    return this.sent.length;
  }

  /** The requests recorded after `mark`, those `keep` accepts. */
  since(mark: number, keep: (entry: T) => boolean = () => true): T[] {
    return this.sent.slice(mark).filter(keep);
  }
}

/**
 * Walks Duomai one-day windows page by page: each page is fetched through `ctx.call`, deduplicated,
 * and committed together with the cursor that points at the next page, so a crash at any instant
 * resumes exactly where it stopped. Windows are inclusive at both ends and share their boundary
 * second, so a record stamped on it is read twice; `WindowDedupe` drops such exact repeats.
 */
import type { RecordBatch } from '../../domain/models.js';
import type { DuomaiPage } from '../../providers/duomai/index.js';
import type { DuomaiWindow } from '../../providers/duomai/windows.js';
import { ProviderError } from '../../providers/provider-error.js';
import type { StrategyContext } from '../strategy.js';

/** The next page to read: a window and a page number in it. */
export interface WalkPosition {
  readonly stime: number;
  readonly etime: number;
  readonly page: number;
}

/** Windows (and pages) done / total over the whole run, for the engine's ETA. */
export interface RunTally {
  done: number;
  total: number;
}

/**
 * Remembers, per natural key, the content of the records read in the current and the previous
 * window. A record read again with identical content (the shared boundary second, or a gateway that
 * repeats a row across pages) is dropped; a record whose content changed is kept.
 */
export class WindowDedupe {
  private previous = new Map<string, string>();
  private current = new Map<string, string>();

  nextWindow(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  /** 'new' the first time, 'repeat-window' when already read in this window, 'repeat-boundary' when read in the previous one. */
  check(key: string, content: string): 'new' | 'repeat-window' | 'repeat-boundary' {
    if (this.current.get(key) === content) return 'repeat-window';
    const boundary = this.previous.get(key) === content;
    this.current.set(key, content);
    return boundary ? 'repeat-boundary' : 'new';
  }
}

export interface PageOutcome {
  readonly batch: RecordBatch;
  /** Rows already read earlier in the same window with the same content. */
  readonly repeatsInWindow: number;
}

export interface WindowWalk<Row> {
  readonly stream: string;
  /** zh-CN first, e.g. '订单 orders'. */
  readonly phase: string;
  label(window: DuomaiWindow): string;
  readonly windows: readonly DuomaiWindow[];
  /** Page to start the first window at (a resumed pass); 1 otherwise. */
  readonly firstPage: number;
  fetch(window: DuomaiWindow, page: number): Promise<DuomaiPage<Row>>;
  /** Maps and deduplicates one page of rows. */
  toBatch(rows: readonly Row[], dedupe: WindowDedupe, window: DuomaiWindow, page: number): PageOutcome;
  /** The cursor value to commit with a page: `next` is where to go on, null once the walk is done. */
  cursorFor(next: WalkPosition | null): unknown;
}

/** Guards against a gateway that ignores `page` and serves the same full page forever. */
function noProgress(stream: string, window: DuomaiWindow, page: number): ProviderError {
  return new ProviderError({
    kind: 'bad_response',
    provider: 'duomai',
    message: `多麦分页没有进展：第 ${page} 页与之前的页内容相同 (${stream} window ${window.stime}..${window.etime}: page ${page} repeats earlier rows; paging made no progress)`,
  });
}

function positionAfter(walk: WindowWalk<unknown>, index: number, page: number, hasMore: boolean): WalkPosition | null {
  const window = walk.windows[index]!;
  if (hasMore) return { stime: window.stime, etime: window.etime, page: page + 1 };
  const next = walk.windows[index + 1];
  return next ? { stime: next.stime, etime: next.etime, page: 1 } : null;
}

/** Lets a request that was just started reach the socket before synchronous work (a page commit) runs. */
const sendNow = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A page to read: window index and page number. */
interface PageAt {
  readonly index: number;
  readonly page: number;
}

/** Pages handed to the writer and not yet committed, at most: enough for it to commit several at once. */
const COMMITS_AHEAD = 8;

/**
 * Reads every page of every window in order, committing each page with its cursor. The next page is
 * requested before the current one is mapped, so the gateway prepares it meanwhile: one request ahead
 * at most. Commits are not awaited one by one: up to COMMITS_AHEAD pages wait for the writer, which
 * commits them strictly in order (several in one transaction when they queue up), so reading goes on
 * while a page is written. Before the walk returns or throws, every page handed over is committed (or
 * has failed); when a page fails, the request ahead is left to finish and ignored.
 */
export async function walkWindows<Row>(ctx: StrategyContext<unknown>, walk: WindowWalk<Row>, tally: RunTally): Promise<void> {
  if (walk.windows.length === 0) return;
  const commits: Promise<unknown>[] = [];
  try {
    await readAndCommit(ctx, walk, tally, commits);
  } finally {
    // Nothing handed over may still be writing when the walk ends, whichever way it ends.
    await Promise.allSettled(commits);
  }
  await Promise.all(commits);
}

async function readAndCommit<Row>(ctx: StrategyContext<unknown>, walk: WindowWalk<Row>, tally: RunTally, commits: Promise<unknown>[]): Promise<void> {
  const dedupe = new WindowDedupe();
  const request = ({ index, page }: PageAt): Promise<DuomaiPage<Row>> => {
    ctx.signal.throwIfAborted();
    const window = walk.windows[index]!;
    ctx.progress({ phase: walk.phase, window: walk.label(window), page, done: tally.done, total: tally.total });
    const pending = walk.fetch(window, page);
    pending.catch(() => undefined);
    return pending;
  };
  let at: PageAt = { index: 0, page: walk.firstPage };
  let inFlight = request(at);
  for (;;) {
    const window = walk.windows[at.index]!;
    if (at.page === (at.index === 0 ? walk.firstPage : 1)) dedupe.nextWindow();
    const result = await inFlight;
    // The page was parsed in the task that resolved it: mapping it waits for a task of its own.
    await sendNow();
    const nextAt: PageAt | null = result.hasMore ? { index: at.index, page: at.page + 1 } : at.index + 1 < walk.windows.length ? { index: at.index + 1, page: 1 } : null;
    if (nextAt) {
      inFlight = request(nextAt);
      await sendNow();
    }
    const outcome = walk.toBatch(result.rows, dedupe, window, at.page);
    if (result.hasMore && outcome.repeatsInWindow === result.rows.length) throw noProgress(walk.stream, window, at.page);
    const committing = ctx.commit(outcome.batch, { stream: walk.stream, value: walk.cursorFor(positionAfter(walk as WindowWalk<unknown>, at.index, at.page, result.hasMore)) });
    committing.catch(() => undefined);
    commits.push(committing);
    // The oldest commit is awaited once enough are queued: a failed commit stops the walk here (the
    // writer refuses the run's later pages, so no cursor can pass a page that was not stored).
    if (commits.length > COMMITS_AHEAD) await commits.shift();
    if (!result.hasMore) tally.done += 1;
    if (!nextAt) return;
    at = nextAt;
  }
}

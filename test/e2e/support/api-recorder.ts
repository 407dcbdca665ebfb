/**
 * Keeps the body of every `/api/…` response the page receives, so a test can assert that no secret
 * ever crossed the contract. The SSE stream is recorded as its URL only (its body never ends).
 */
import type { Page, Response } from 'playwright-core';

export interface RecordedResponse {
  readonly url: string;
  readonly status: number;
  readonly body: string;
}

export interface ApiRecorder {
  /** Waits for every pending body, then returns all responses seen so far. */
  settled(): Promise<RecordedResponse[]>;
}

export function recordApiResponses(page: Page): ApiRecorder {
  const pending: Promise<RecordedResponse>[] = [];
  page.on('response', (response: Response) => {
    const url = new URL(response.url());
    const pathname = decodeURIComponent(url.pathname);
    if (!pathname.startsWith('/api/')) return;
    if (pathname === '/api/events') {
      pending.push(Promise.resolve({ url: pathname, status: response.status(), body: '' }));
      return;
    }
    pending.push(
      response
        .text()
        .catch(() => '')
        .then((body) => ({ url: pathname, status: response.status(), body })),
    );
  });
  return { settled: () => Promise.all(pending) };
}

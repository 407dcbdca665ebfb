/** Listens to the web mode's event stream from Node (bearer token) and keeps the raw frames. */
import http from 'node:http';
import type { RunningWebApp } from './web-app.js';

export interface SseCollector {
  text(): string;
  stop(): void;
}

export function collectSse(app: RunningWebApp): SseCollector {
  const url = new URL(app.launchUrl);
  const token = url.searchParams.get('token') ?? '';
  let received = '';
  const req = http.get(`${url.origin}/api/events`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (received += chunk));
    res.on('error', () => undefined);
  });
  req.on('error', () => undefined);
  return {
    text: () => received,
    stop: () => req.destroy(),
  };
}

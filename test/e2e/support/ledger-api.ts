/**
 * Calls the running web mode's contract from Node with the launch token (bearer), to set up a ledger
 * quickly (add simulator accounts, sync them) before the browser looks at it. Same contract the UI uses.
 */
import type { ArgsOf, Channel, ResultOf, SyncRunView } from '../../../src-main/api/contract.js';
import type { FleetAccount } from '../../../src-main/demo/simulator-fleet.js';
import type { RunningWebApp } from './web-app.js';

export async function callApi<C extends Channel>(app: RunningWebApp, channel: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
  const token = new URL(app.launchUrl).searchParams.get('token') ?? '';
  const response = await fetch(`${app.origin}/api/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(args),
  });
  const body = (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  if (!body.ok) throw new Error(`${channel} failed: ${body.error?.code} ${body.error?.message}`);
  return body.value as ResultOf<C>;
}

/** Adds the account, syncs it and waits until the run is no longer running; returns the run. */
export async function addAndSync(app: RunningWebApp, account: FleetAccount, timeoutMs = 90_000): Promise<SyncRunView> {
  const view = await callApi(app, 'accounts:add', { ...account });
  const started = await callApi(app, 'sync:run', { accountId: view.id });
  const runId = started.started[0]?.runId;
  if (runId === undefined) throw new Error(`sync of ${account.name} did not start: ${JSON.stringify(started.skipped)}`);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const runs = await callApi(app, 'sync:runs', { accountId: view.id, limit: 5 });
    const run = runs.find((r) => r.id === runId);
    if (run && run.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`sync of ${account.name} still running after ${timeoutMs} ms`);
}

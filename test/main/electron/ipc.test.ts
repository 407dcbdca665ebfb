import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT, IPC_INVOKE } from '../../../src-main/api/bridge.js';
import { CHANNELS } from '../../../src-main/api/contract.js';
import { createDispatcher, type Handlers } from '../../../src-main/api/dispatch.js';
import { forwardCoreEvents, isTrustedSender, registerIpc, REFUSED_SENDER_MESSAGE } from '../../../src-main/electron/ipc.js';
import { isAppUrl } from '../../../src-main/electron/protocol.js';
import { FakeWebContents, recordingLogger } from './fakes.js';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

function setup() {
  const handlers = Object.fromEntries(CHANNELS.map((c) => [c, vi.fn(async () => ({ called: c }))])) as unknown as Handlers & Record<string, ReturnType<typeof vi.fn>>;
  const dispatcher = createDispatcher(handlers);
  const dispatch = vi.fn((channel: unknown, args: unknown) => dispatcher(channel, args, { face: 'desktop' }));
  const ours = new FakeWebContents();
  let registered: Handler | null = null;
  const ipcMain = { handle: vi.fn((channel: string, h: Handler) => (registered = channel === IPC_INVOKE ? h : null)), removeHandler: vi.fn() };
  const logger = recordingLogger();
  const stop = registerIpc({ ipcMain, dispatch, logger, isTrustedUrl: isAppUrl, isOurContents: (c) => c === ours.electron });
  const call = (event: Partial<IpcMainInvokeEvent>, channel: unknown, args: unknown) => (registered as Handler)(event as IpcMainInvokeEvent, channel, args);
  return { handlers, dispatch, ours, call, logger, stop, ipcMain };
}

const mainFrame = (url = 'app://ledger/index.html') => ({ url, origin: new URL(url).origin, parent: null }) as unknown as IpcMainInvokeEvent['senderFrame'];

describe('IPC', () => {
  it('passes a call from our main frame to dispatch and returns its Result', async () => {
    const { call, ours, dispatch } = setup();
    const result = await call({ sender: ours.electron, senderFrame: mainFrame() }, 'app:info', {});
    expect(result).toEqual({ ok: true, value: { called: 'app:info' } });
    expect(dispatch).toHaveBeenCalledWith('app:info', {});
  });

  it('returns invalid arguments as a validation Result from dispatch', async () => {
    const { call, ours, dispatch, handlers } = setup();
    const result = (await call({ sender: ours.electron, senderFrame: mainFrame() }, 'accounts:remove', { id: 'x; DROP TABLE' })) as {
      ok: boolean;
      error: { code: string; details: { issues: { path: string }[] } };
    };
    expect(dispatch).toHaveBeenCalledWith('accounts:remove', { id: 'x; DROP TABLE' });
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('validation');
    expect(result.error.details.issues[0]?.path).toBe('id');
    expect(handlers['accounts:remove']).not.toHaveBeenCalled();

    const unknown = (await call({ sender: ours.electron, senderFrame: mainFrame() }, 'fs:readFile', { path: '/etc/passwd' })) as { error: { code: string } };
    expect(unknown.error.code).toBe('unknown_channel');
  });

  it.each([
    ['a foreign origin', () => mainFrame('https://evil.example/')],
    ['a file:// page', () => mainFrame('file:///tmp/x.html')],
    ['another app:// host', () => mainFrame('app://evil/index.html')],
    ['a sub-frame of our page', () => ({ url: 'app://ledger/index.html', origin: 'app://ledger', parent: {} }) as unknown as IpcMainInvokeEvent['senderFrame']],
    ['a destroyed or navigated frame', () => null],
  ])('refuses %s without calling dispatch', async (_label, frame) => {
    const { call, ours, dispatch, logger } = setup();
    const result = await call({ sender: ours.electron, senderFrame: frame() }, 'app:info', {});
    expect(result).toEqual({ ok: false, error: { code: 'unauthorized', message: REFUSED_SENDER_MESSAGE } });
    expect(dispatch).not.toHaveBeenCalled();
    expect(logger.lines.some((l) => l.level === 'warn')).toBe(true);
  });

  it('refuses our URL loaded in a web contents that is not one of our windows', async () => {
    const { call, dispatch } = setup();
    const stranger = new FakeWebContents();
    const result = (await call({ sender: stranger.electron, senderFrame: mainFrame() }, 'app:info', {})) as { error: { code: string } };
    expect(result.error.code).toBe('unauthorized');
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('turns a dispatch that throws into an internal Result', async () => {
    const { call, ours, dispatch } = setup();
    dispatch.mockRejectedValueOnce(new Error('db gone'));
    const result = (await call({ sender: ours.electron, senderFrame: mainFrame() }, 'app:info', {})) as { error: { code: string; message: string } };
    expect(result.error.code).toBe('internal');
    expect(result.error.message).not.toContain('db gone');
  });

  it('unregisters its handler', () => {
    const { stop, ipcMain } = setup();
    stop();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith(IPC_INVOKE);
  });

  it('isTrustedSender needs all three: main frame, our origin, our window', () => {
    const ours = new FakeWebContents();
    const policy = { isTrustedUrl: isAppUrl, isOurContents: (c: unknown) => c === ours };
    expect(isTrustedSender({ sender: ours.electron, senderFrame: mainFrame() }, policy)).toBe(true);
    expect(isTrustedSender({ sender: new FakeWebContents().electron, senderFrame: mainFrame() }, policy)).toBe(false);
  });
});

describe('event forwarding', () => {
  it('pushes core events to our live windows showing our pages only', () => {
    const listeners = new Set<(name: string, payload: unknown) => void>();
    const events = { subscribe: (l: (name: string, payload: unknown) => void) => (listeners.add(l), () => listeners.delete(l)) };
    const a = new FakeWebContents();
    const navigatedAway = new FakeWebContents();
    navigatedAway.url = 'https://evil.example/';
    const destroyed = new FakeWebContents();
    destroyed.destroyed = true;
    const stop = forwardCoreEvents(events, () => [a.electron, navigatedAway.electron, destroyed.electron], isAppUrl);
    for (const l of listeners) l('accounts:changed', { accountId: 5 });
    expect(a.sent).toEqual([[IPC_EVENT, 'accounts:changed', { accountId: 5 }]]);
    expect(navigatedAway.sent).toEqual([]);
    expect(destroyed.sent).toEqual([]);
    stop();
    expect(listeners.size).toBe(0);
  });
});

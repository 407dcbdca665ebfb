/**
 * Asks for the passphrase on the terminal without echoing it. Reads from /dev/tty when stdin carries
 * data (`--secrets-stdin`), so a piped secret and a typed passphrase never mix.
 */
import { openSync, closeSync, createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

function terminalStreams(): { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; close: () => void } | null {
  if (process.stdin.isTTY && process.stderr.isTTY) return { input: process.stdin, output: process.stderr, close: () => undefined };
  if (process.platform === 'win32') return null;
  try {
    const fd = openSync('/dev/tty', 'r+');
    const input = createReadStream('', { fd, autoClose: false });
    const output = createWriteStream('', { fd, autoClose: false });
    return { input, output, close: () => { input.destroy(); closeSync(fd); } };
  } catch {
    return null;
  }
}

/** A hidden-input prompt for `question`, or undefined when there is no terminal to ask on (CI, pipes). */
export function terminalPrompt(question: string): (() => Promise<string>) | undefined {
  const probe = terminalStreams();
  if (!probe) return undefined;
  probe.close();
  return () => promptHidden(question);
}

async function promptHidden(question: string): Promise<string> {
  const streams = terminalStreams();
  if (!streams) throw new Error('no terminal to prompt on');
  let muted = false;
  const masked = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!muted) streams.output.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: streams.input, output: masked, terminal: true });
  try {
    return await new Promise<string>((resolve) => {
      rl.question(question, (answer) => resolve(answer));
      muted = true;
    });
  } finally {
    rl.close();
    streams.output.write('\n');
    streams.close();
  }
}

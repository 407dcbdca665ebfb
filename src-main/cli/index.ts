#!/usr/bin/env node
/** `npm run -s cli -- <command>`: the terminal face over the same contract as the app. */
import { runCli } from './program.js';
import { decodeText } from './text-file.js';

/** Standard input as text, decoded as files are (a piped GBK CSV reads right, a BOM is dropped). */
async function readAllStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return decodeText(Buffer.concat(chunks));
}

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin: readAllStdin,
  env: process.env,
});
process.exitCode = code;

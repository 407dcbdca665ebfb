#!/usr/bin/env node
/** `npm run -s cli -- <command>`: the terminal face over the same contract as the app. */
import { runCli } from './program.js';

async function readAllStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin: readAllStdin,
  env: process.env,
});
process.exitCode = code;

/**
 * Runs the UI benchmark (`ui-bench.ts`) in a child process and returns its figures. Its page-side
 * probes are DOM code, type-checked with the browser tests rather than with the Node-only benchmarks,
 * so the bench entry reaches it through a process instead of an import.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export function runUiBenchProcess(scale: number, dataDir?: string): Promise<Record<string, unknown>> {
  const args = ['--import', 'tsx', path.join(root, 'test/bench/ui-bench.ts'), String(scale), ...(dataDir ? [dataDir] : [])];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`the UI benchmark exited with ${code}`));
      else resolve(JSON.parse(out) as Record<string, unknown>);
    });
  });
}

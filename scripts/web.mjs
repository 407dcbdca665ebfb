// `npm run web`: builds the renderer when its sources are newer than the last build, then starts the
// loopback web mode with the same arguments (e.g. `npm run web -- --data-dir DIR --port 5180`).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuilt } from './renderer-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureRendererBuilt(root);
// `--import tsx` keeps the server in this child, so signals reach it directly.
const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src-main', 'web', 'main.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));

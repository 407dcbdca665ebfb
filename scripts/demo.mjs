// `npm run demo`: builds the renderer when needed, then starts src-main/demo/main.ts (simulators + web mode).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuilt } from './renderer-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureRendererBuilt(root);
const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src-main', 'demo', 'main.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));

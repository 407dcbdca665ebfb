/** The layering of ARCHITECTURE.md §2 is enforced by lint: each forbidden import is an error. */
import { ESLint } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function importErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    ['src-main/domain/x.ts', "import { openDatabase } from '../db/connection.js';\nexport const x = openDatabase;\n"],
    ['src-main/db/x.ts', "import { providerRegistry } from '../providers/registry.js';\nexport const x = providerRegistry;\n"],
    ['src-main/providers/duomai/x.ts', "import { kuaimaiProvider } from '../kuaimai/index.js';\nexport const x = kuaimaiProvider;\n"],
    ['src-main/providers/duomai/x.ts', "import { AccountService } from '../../services/account-service.js';\nexport const x = AccountService;\n"],
    ['src-main/services/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['src-main/services/x.ts', "import { startWebServer } from '../web/server.js';\nexport const x = startWebServer;\n"],
    ['src-main/sync/x.ts', "import { AccountService } from '../services/account-service.js';\nexport const x = AccountService;\n"],
    ['src-main/web/x.ts', "import { createWindow } from '../electron/window.js';\nexport const x = createWindow;\n"],
    ['src-renderer/src/x.ts', "import { contract } from '../../src-main/api/contract.js';\nexport const x = contract;\n"],
  ])('%s may not: %s', async (file, code) => {
    expect(await importErrors(file, code)).not.toHaveLength(0);
  });

  it.each([
    ['src-main/providers/duomai/x.ts', "import { parseMoney } from '../../domain/money.js';\nexport const x = parseMoney;\n"],
    ['src-main/electron/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['src-renderer/src/x.ts', "import type { Channel } from '../../src-main/api/contract.js';\nexport type X = Channel;\n"],
    ['src-main/services/x.ts', "import { openDatabase } from '../db/connection.js';\nexport const x = openDatabase;\n"],
  ])('%s may: %s', async (file, code) => {
    expect(await importErrors(file, code)).toEqual([]);
  });
});

describe('the core is Electron-free', () => {
  it('no file outside src-main/electron and src-main/preload imports electron', () => {
    const offenders = readdirSync(path.join(root, 'src-main'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.startsWith(`electron${path.sep}`) && !f.startsWith(`preload${path.sep}`))
      .filter((f) => /from 'electron'|require\('electron'\)|import\('electron'\)/.test(readFileSync(path.join(root, 'src-main', f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

/** `accounts add|list|remove|test`: the account use-cases from a terminal. */
import type { Command } from 'commander';
import type { AccountView, ConnectionTestView } from '../api/contract.js';
import { PROVIDER_SLUGS } from '../domain/models.js';
import { CliError, type CliContext } from './context.js';
import { formatTable } from './table.js';

function collectPairs(value: string, previous: Record<string, string>): Record<string, string> {
  const index = value.indexOf('=');
  if (index <= 0) throw new CliError(`--set 需要 key=value 形式 (expected key=value): ${value}`);
  return { ...previous, [value.slice(0, index)]: value.slice(index + 1) };
}

async function readSecrets(ctx: CliContext): Promise<Record<string, string>> {
  const text = (await ctx.io.readStdin()).trim();
  if (text === '') throw new CliError('--secrets-stdin 需要从标准输入读取一个 JSON 对象 (expected a JSON object on stdin)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError('标准输入不是有效的 JSON (stdin is not valid JSON)');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new CliError('密钥必须是 JSON 对象 (secrets must be a JSON object)');
  const entries = Object.entries(parsed as Record<string, unknown>);
  const bad = entries.filter(([, v]) => typeof v !== 'string').map(([k]) => k);
  if (bad.length > 0) throw new CliError(`密钥值必须是字符串 (secret values must be strings): ${bad.join(', ')}`);
  return Object.fromEntries(entries) as Record<string, string>;
}

/** Accepts an account name or numeric id, as people type either. */
export async function resolveAccountId(ctx: CliContext, nameOrId: string): Promise<number> {
  const accounts = await ctx.call<AccountView[]>('accounts:list', {});
  const match = accounts.find((a) => a.name === nameOrId) ?? (/^\d+$/.test(nameOrId) ? accounts.find((a) => a.id === Number(nameOrId)) : undefined);
  if (!match) throw new CliError(`找不到账户 account not found: ${nameOrId}`);
  return match.id;
}

function describe(a: AccountView): string[] {
  const secrets = Object.entries(a.secrets)
    .map(([k, s]) => `${k}=${s.configured ? s.hint : '(未设置)'}`)
    .join(' ');
  return [String(a.id), a.name, a.provider, a.baseUrl, a.health.state, secrets];
}

export function registerAccountCommands(program: Command, ctx: () => CliContext): void {
  const accounts = program.command('accounts').description('管理供应商账户 manage provider accounts');

  accounts
    .command('add')
    .description('添加账户 add an account')
    .requiredOption('--provider <slug>', `供应商 provider: ${PROVIDER_SLUGS.join('|')}`)
    .requiredOption('--name <name>', '账户名称 account name')
    .option('--base-url <url>', '接口地址 base URL')
    .option('--set <key=value>', '设置项，可重复 setting (repeatable)', collectPairs, {})
    .option('--secrets-stdin', '从标准输入读取密钥 JSON read secrets as JSON from stdin')
    .action(async (opts: { provider: string; name: string; baseUrl?: string; set: Record<string, string>; secretsStdin?: boolean }) => {
      const c = ctx();
      const secrets = opts.secretsStdin ? await readSecrets(c) : {};
      const view = await c.call<AccountView>('accounts:add', {
        provider: opts.provider,
        name: opts.name,
        ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
        settings: opts.set,
        secrets,
      });
      c.print(`已添加账户 added account #${view.id} ${view.name} (${view.provider})`, view);
    });

  accounts
    .command('list')
    .description('列出账户 list accounts')
    .action(async () => {
      const c = ctx();
      const list = await c.call<AccountView[]>('accounts:list', {});
      c.print(list.length === 0 ? '还没有账户 no accounts yet' : formatTable(['ID', '名称 name', '供应商', '地址 URL', '状态', '密钥'], list.map(describe)), list);
    });

  accounts
    .command('remove <account>')
    .description('删除账户及其数据 remove an account and its synced data')
    .action(async (account: string) => {
      const c = ctx();
      const id = await resolveAccountId(c, account);
      const result = await c.call<{ removed: true }>('accounts:remove', { id });
      c.print(`已删除账户 removed account ${account}`, { id, ...result });
    });

  accounts
    .command('test <account>')
    .description('测试连接 test the connection with one signed call')
    .action(async (account: string) => {
      const c = ctx();
      const id = await resolveAccountId(c, account);
      const result = await c.call<ConnectionTestView>('accounts:test', { id });
      c.print(result.ok ? `连接成功 OK: ${result.message}` : `连接失败 FAILED (${result.errorKind}): ${result.message}`, result);
      if (!result.ok) throw new CliError(`连接失败 connection test failed: ${result.message}`, 2);
    });
}

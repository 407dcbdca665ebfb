/**
 * The account form's state and the pure rules around it: initial values per provider, the payloads
 * for `accounts:add` / `accounts:update`, and mapping server validation issues onto fields.
 * Secret values live only in this state while the dialog is open; they are never prefilled.
 */
import type { AccountView, ProviderFieldInfo, ProviderInfo } from '../../../../src-main/api/contract.js';
import type { ApiClientError } from '../../api/client.js';
import type { AccountChanges, NewAccount } from '../../stores/accounts.js';

export type FormMode = 'add' | 'edit';

/** What the form emits once valid: the exact arguments for the store. */
export type AccountFormSubmit = { readonly mode: 'add'; readonly args: NewAccount } | { readonly mode: 'edit'; readonly args: AccountChanges };

export interface AccountFormState {
  provider: ProviderInfo['slug'] | '';
  name: string;
  baseUrl: string;
  settings: Record<string, string>;
  /** Typed secret values; '' = not typed (add: missing, edit: keep the stored one). */
  secrets: Record<string, string>;
  enabled: boolean;
  /** Edit only: minutes between automatic syncs (null while the input is cleared). */
  syncIntervalMinutes: number | null;
  /** Edit only: first-sync lookback; null = the core's default. */
  lookbackDays: number | null;
}

export const NAME_MAX = 64;
export const INTERVAL_MIN = 1;
export const INTERVAL_MAX = 1440;
export const LOOKBACK_MIN = 1;
export const LOOKBACK_MAX = 3650;
/** The core's default interval for new accounts (shown until an account says otherwise). */
export const DEFAULT_INTERVAL_MINUTES = 30;
export const VALUE_MAX = 4096;

export function settingFields(provider: ProviderInfo | undefined): ProviderFieldInfo[] {
  return provider ? provider.fields.filter((f) => !f.secret) : [];
}

export function secretFields(provider: ProviderInfo | undefined): ProviderFieldInfo[] {
  return provider ? provider.fields.filter((f) => f.secret) : [];
}

/** Form prop of a provider field: `settings.<key>` or `secrets.<key>`. */
export function fieldProp(field: ProviderFieldInfo): string {
  return `${field.secret ? 'secrets' : 'settings'}.${field.key}`;
}

export function emptyState(): AccountFormState {
  return { provider: '', name: '', baseUrl: '', settings: {}, secrets: {}, enabled: true, syncIntervalMinutes: DEFAULT_INTERVAL_MINUTES, lookbackDays: null };
}

/** Switches the add form to another provider: its defaults, no secrets; the name is kept. */
export function applyProvider(state: AccountFormState, provider: ProviderInfo): void {
  state.provider = provider.slug;
  state.baseUrl = provider.defaultBaseUrl ?? '';
  state.settings = Object.fromEntries(settingFields(provider).map((f) => [f.key, f.defaultValue ?? '']));
  state.secrets = Object.fromEntries(secretFields(provider).map((f) => [f.key, '']));
}

/** The edit form for an account: its current values; secret inputs start empty. */
export function stateFromAccount(account: AccountView, provider: ProviderInfo | undefined): AccountFormState {
  const settings: Record<string, string> = { ...account.settings };
  for (const f of settingFields(provider)) settings[f.key] = account.settings[f.key] ?? f.defaultValue ?? '';
  return {
    provider: account.provider,
    name: account.name,
    baseUrl: account.baseUrl,
    settings,
    secrets: Object.fromEntries(secretFields(provider).map((f) => [f.key, ''])),
    enabled: account.enabled,
    syncIntervalMinutes: account.syncIntervalMinutes,
    lookbackDays: account.lookbackDays,
  };
}

function nonEmpty(values: Record<string, string>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = (values[key] ?? '').trim();
    if (value !== '') out[key] = value;
  }
  return out;
}

export function toAddArgs(state: AccountFormState, provider: ProviderInfo): NewAccount {
  const baseUrl = state.baseUrl.trim();
  return {
    provider: provider.slug,
    name: state.name.trim(),
    ...(baseUrl ? { baseUrl } : {}),
    settings: nonEmpty(state.settings, settingFields(provider).map((f) => f.key)),
    secrets: nonEmpty(state.secrets, secretFields(provider).map((f) => f.key)),
  };
}

/**
 * Only what the user can change. Settings are sent whole (a cleared field clears the setting);
 * secrets only when a new value was typed — blank means keep, so '' (which would clear) is never sent.
 */
export function toUpdateArgs(state: AccountFormState, account: AccountView, provider: ProviderInfo | undefined): AccountChanges {
  const changes: AccountChanges = { id: account.id };
  const name = state.name.trim();
  if (name !== account.name) changes.name = name;
  const baseUrl = state.baseUrl.trim();
  if (baseUrl !== account.baseUrl && baseUrl !== '') changes.baseUrl = baseUrl;
  const fields = settingFields(provider);
  if (fields.some((f) => (state.settings[f.key] ?? '').trim() !== (account.settings[f.key] ?? ''))) {
    changes.settings = Object.fromEntries(fields.map((f) => [f.key, (state.settings[f.key] ?? '').trim()]));
  }
  const secrets = nonEmpty(state.secrets, secretFields(provider).map((f) => f.key));
  if (Object.keys(secrets).length > 0) changes.secrets = secrets;
  if (state.enabled !== account.enabled) changes.enabled = state.enabled;
  if (state.syncIntervalMinutes !== null && state.syncIntervalMinutes !== account.syncIntervalMinutes) {
    changes.syncIntervalMinutes = state.syncIntervalMinutes;
  }
  if (state.lookbackDays !== account.lookbackDays) changes.lookbackDays = state.lookbackDays;
  return changes;
}

/** Whether a field must be filled: secrets only when adding or when none is stored yet. */
export function fieldRequired(field: ProviderFieldInfo, mode: FormMode, account: AccountView | null): boolean {
  if (!field.required) return false;
  if (!field.secret || mode === 'add') return true;
  return !account?.secrets[field.key]?.configured;
}

export interface FormMessages {
  required(label: string): string;
  urlInvalid(): string;
  tooLong(label: string, max: number): string;
  intervalInvalid(): string;
  lookbackInvalid(): string;
}

function inRange(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/** The schedule fields exist only in the edit form. */
function validateSchedule(state: AccountFormState, msg: FormMessages, errors: Record<string, string>): void {
  if (state.syncIntervalMinutes === null || !inRange(state.syncIntervalMinutes, INTERVAL_MIN, INTERVAL_MAX)) {
    errors['syncIntervalMinutes'] = msg.intervalInvalid();
  }
  if (state.lookbackDays !== null && !inRange(state.lookbackDays, LOOKBACK_MIN, LOOKBACK_MAX)) errors['lookbackDays'] = msg.lookbackInvalid();
}

const URL_PATTERN = /^https?:\/\/[^\s/?#]+/i;

/**
 * Client-side checks, message per form prop. Done here rather than with el-form rules so the rules
 * are plain, testable code (and need no async-validator).
 */
export function validateForm(
  state: AccountFormState,
  provider: ProviderInfo | undefined,
  mode: FormMode,
  account: AccountView | null,
  labels: { provider: string; name: string; baseUrl: string; field(f: ProviderFieldInfo): string },
  msg: FormMessages,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!provider) {
    errors['provider'] = msg.required(labels.provider);
    return errors;
  }
  const name = state.name.trim();
  if (name === '') errors['name'] = msg.required(labels.name);
  else if (name.length > NAME_MAX) errors['name'] = msg.tooLong(labels.name, NAME_MAX);
  const baseUrl = state.baseUrl.trim();
  if (baseUrl === '') {
    if (provider.defaultBaseUrl === null) errors['baseUrl'] = msg.required(labels.baseUrl);
  } else if (!URL_PATTERN.test(baseUrl)) errors['baseUrl'] = msg.urlInvalid();
  for (const field of provider.fields) {
    const value = ((field.secret ? state.secrets : state.settings)[field.key] ?? '').trim();
    const prop = fieldProp(field);
    if (value === '') {
      if (fieldRequired(field, mode, account)) errors[prop] = msg.required(labels.field(field));
    } else if (value.length > VALUE_MAX) errors[prop] = msg.tooLong(labels.field(field), VALUE_MAX);
    else if (field.kind === 'url' && !URL_PATTERN.test(value)) errors[prop] = msg.urlInvalid();
  }
  if (mode === 'edit') validateSchedule(state, msg, errors);
  return errors;
}

export interface ServerProblems {
  /** Message per form prop (`name`, `baseUrl`, `settings.userId`, `secrets.apikey`). */
  readonly fields: Record<string, string>;
  /** Everything that could not be placed next to a field. */
  readonly general: string[];
}

/**
 * Places a server error's issues next to the fields they name. The contract reports
 * `{path:'settings.userId', message}`; provider schemas report `"userId: message"` strings.
 */
export function serverProblems(error: ApiClientError | null, provider: ProviderInfo | undefined): ServerProblems {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  if (!error) return { fields, general };
  const byKey = new Map((provider?.fields ?? []).map((f) => [f.key, f] as const));
  const known = new Set(['name', 'baseUrl', 'provider', 'enabled', 'syncIntervalMinutes', 'lookbackDays', ...(provider?.fields ?? []).map(fieldProp)]);
  for (const issue of error.issues) {
    let prop = issue.path;
    let message = issue.message;
    if (!prop) {
      const match = /^([A-Za-z][A-Za-z0-9_]*): (.+)$/.exec(issue.message);
      const field = match ? byKey.get(match[1] ?? '') : undefined;
      if (field && match) {
        prop = fieldProp(field);
        message = match[2] ?? message;
      }
    } else if (!known.has(prop)) {
      const field = byKey.get(prop);
      if (field) prop = fieldProp(field);
    }
    if (prop && known.has(prop) && !fields[prop]) fields[prop] = message;
    else general.push(prop ? `${prop}: ${message}` : message);
  }
  return { fields, general };
}

import { describe, expect, it } from 'vitest';
import { ApiClientError } from '../../../../src-renderer/src/api/client.js';
import {
  applyProvider,
  emptyState,
  serverProblems,
  stateFromAccount,
  toAddArgs,
  toUpdateArgs,
  validateForm,
  type FormMessages,
} from '../../../../src-renderer/src/components/accounts/account-form-model.js';
import { duomaiInfo, itboyeInfo, kasushouInfo, accountView } from '../../support/fixtures.js';

const labels = { provider: 'provider', name: 'name', baseUrl: 'baseUrl', field: (f: { key: string }) => f.key };
const msg: FormMessages = {
  required: (l) => `required:${l}`,
  urlInvalid: () => 'url',
  tooLong: (l, m) => `long:${l}:${m}`,
  intervalInvalid: () => 'interval',
  lookbackInvalid: () => 'lookback',
};

describe('account form model', () => {
  it('applyProvider sets defaults and empties secrets, keeping the name', () => {
    const state = emptyState();
    state.name = '主店';
    state.secrets = { apikey: 'typed' };
    applyProvider(state, duomaiInfo);
    expect(state).toMatchObject({
      provider: 'duomai',
      name: '主店',
      baseUrl: 'https://open.duomai.com/apis',
      settings: { appKey: 'ak-default' },
      secrets: { appSecret: '' },
    });
  });

  it('stateFromAccount never carries a secret value', () => {
    const state = stateFromAccount(accountView(), kasushouInfo);
    expect(state.secrets).toEqual({ apikey: '' });
    expect(state.settings).toEqual({ userId: '10086', mode: 'buyer' });
  });

  it('toAddArgs trims, drops empty values and omits an empty base URL', () => {
    const state = emptyState();
    applyProvider(state, itboyeInfo);
    Object.assign(state, { name: ' x ', settings: { clientId: ' c ', usernames: '' }, secrets: { clientSecret: 's', password: ' ' } });
    expect(toAddArgs(state, itboyeInfo)).toEqual({ provider: 'itboye', name: 'x', settings: { clientId: 'c' }, secrets: { clientSecret: 's' } });
  });

  it('toUpdateArgs sends nothing but the id when nothing changed', () => {
    const account = accountView();
    expect(toUpdateArgs(stateFromAccount(account, kasushouInfo), account, kasushouInfo)).toEqual({ id: 7 });
  });

  it('toUpdateArgs sends the settings whole when one changed, and the enabled flag', () => {
    const account = accountView();
    const state = stateFromAccount(account, kasushouInfo);
    state.settings['mode'] = 'admin';
    state.enabled = false;
    expect(toUpdateArgs(state, account, kasushouInfo)).toEqual({ id: 7, settings: { userId: '10086', mode: 'admin' }, enabled: false });
  });

  it('toUpdateArgs sends the schedule only when it changed; a cleared lookback becomes null', () => {
    const account = accountView({ syncIntervalMinutes: 30, lookbackDays: 120 });
    const state = stateFromAccount(account, kasushouInfo);
    expect(state).toMatchObject({ syncIntervalMinutes: 30, lookbackDays: 120 });
    state.syncIntervalMinutes = 60;
    state.lookbackDays = null;
    expect(toUpdateArgs(state, account, kasushouInfo)).toEqual({ id: 7, syncIntervalMinutes: 60, lookbackDays: null });
    state.syncIntervalMinutes = null;
    state.lookbackDays = 120;
    expect(toUpdateArgs(state, account, kasushouInfo)).toEqual({ id: 7 });
  });

  it('validateForm checks the schedule in edit mode only', () => {
    const account = accountView();
    const state = stateFromAccount(account, kasushouInfo);
    Object.assign(state, { syncIntervalMinutes: 0, lookbackDays: 4000 });
    expect(validateForm(state, kasushouInfo, 'edit', account, labels, msg)).toEqual({ syncIntervalMinutes: 'interval', lookbackDays: 'lookback' });
    Object.assign(state, { syncIntervalMinutes: null, lookbackDays: 1.5 });
    expect(validateForm(state, kasushouInfo, 'edit', account, labels, msg)).toEqual({ syncIntervalMinutes: 'interval', lookbackDays: 'lookback' });
    Object.assign(state, { syncIntervalMinutes: 1440, lookbackDays: null });
    expect(validateForm(state, kasushouInfo, 'edit', account, labels, msg)).toEqual({});
    const add = emptyState();
    applyProvider(add, duomaiInfo);
    Object.assign(add, { name: 'd', secrets: { appSecret: 's' }, syncIntervalMinutes: 0 });
    expect(validateForm(add, duomaiInfo, 'add', null, labels, msg)).toEqual({});
  });

  it('validateForm names missing required fields, bad URLs and over-long values', () => {
    const state = emptyState();
    applyProvider(state, kasushouInfo);
    expect(validateForm(state, kasushouInfo, 'add', null, labels, msg)).toEqual({
      name: 'required:name',
      baseUrl: 'required:baseUrl',
      'settings.userId': 'required:userId',
      'secrets.apikey': 'required:apikey',
    });
    Object.assign(state, { name: 'n'.repeat(65), baseUrl: 'shop.example.com', settings: { userId: '1', mode: 'buyer' }, secrets: { apikey: 'k'.repeat(5000) } });
    expect(validateForm(state, kasushouInfo, 'add', null, labels, msg)).toEqual({
      name: 'long:name:64',
      baseUrl: 'url',
      'secrets.apikey': 'long:apikey:4096',
    });
  });

  it('validateForm lets a provider with a default base URL leave it blank', () => {
    const state = emptyState();
    applyProvider(state, duomaiInfo);
    Object.assign(state, { name: 'd', baseUrl: '', secrets: { appSecret: 's' } });
    expect(validateForm(state, duomaiInfo, 'add', null, labels, msg)).toEqual({});
  });

  it('validateForm in edit mode treats a stored secret as present', () => {
    const account = accountView();
    const state = stateFromAccount(account, kasushouInfo);
    expect(validateForm(state, kasushouInfo, 'edit', account, labels, msg)).toEqual({});
  });

  it('serverProblems places contract paths, bare field keys and "key: message" strings', () => {
    const error = new ApiClientError('validation', 'bad', {
      issues: [
        { path: 'name', message: 'taken' },
        { path: 'userId', message: 'wrong' },
        'apikey: too short',
        { path: 'settings.unknown', message: 'odd' },
        'something else',
      ],
    });
    expect(serverProblems(error, kasushouInfo)).toEqual({
      fields: { name: 'taken', 'settings.userId': 'wrong', 'secrets.apikey': 'too short' },
      general: ['settings.unknown: odd', 'something else'],
    });
    expect(serverProblems(null, kasushouInfo)).toEqual({ fields: {}, general: [] });
  });
});

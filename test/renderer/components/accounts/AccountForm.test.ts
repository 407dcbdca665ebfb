import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { ElSelect } from 'element-plus';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountView, ProviderInfo } from '../../../../src-main/api/contract.js';
import { ApiClientError } from '../../../../src-renderer/src/api/client.js';
import AccountForm from '../../../../src-renderer/src/components/accounts/AccountForm.vue';
import type { AccountFormSubmit } from '../../../../src-renderer/src/components/accounts/account-form-model.js';
import { PROVIDERS, accountView } from '../../support/fixtures.js';
import { appPlugins } from '../../support/mount.js';

type FormVm = { submit(): Promise<boolean> };

const mounted: VueWrapper[] = [];
afterEach(() => {
  while (mounted.length) mounted.pop()?.unmount();
});

function mountForm(props: { mode: 'add' | 'edit'; providers?: ProviderInfo[]; account?: AccountView | null; serverError?: ApiClientError | null }) {
  const wrapper = mount(AccountForm, {
    props: { providers: PROVIDERS, ...props },
    global: { plugins: appPlugins().plugins },
    attachTo: document.body,
  });
  mounted.push(wrapper);
  return wrapper;
}

function input(wrapper: VueWrapper, field: string) {
  return wrapper.find(`input[data-field="${field}"]`);
}

async function switchProvider(wrapper: VueWrapper, slug: string): Promise<void> {
  const select = wrapper.findComponent(ElSelect);
  select.vm.$emit('update:modelValue', slug);
  select.vm.$emit('change', slug);
  await flushPromises();
}

async function submit(wrapper: VueWrapper): Promise<boolean> {
  const result = await (wrapper.vm as unknown as FormVm).submit();
  await flushPromises();
  return result;
}

function errors(wrapper: VueWrapper): string[] {
  return wrapper.findAll('.el-form-item__error').map((e) => e.text());
}

/** el-form-item shows its error after a short debounce, so poll for it. */
async function expectErrors(wrapper: VueWrapper, expected: string[]): Promise<void> {
  await vi.waitFor(() => expect(errors(wrapper)).toEqual(expect.arrayContaining(expected)));
}

describe('AccountForm (add)', () => {
  it('shows the first provider’s fields; secret fields are empty password inputs', () => {
    const wrapper = mountForm({ mode: 'add' });
    const apikey = input(wrapper, 'apikey');
    expect(apikey.exists()).toBe(true);
    expect(apikey.attributes('type')).toBe('password');
    expect(apikey.attributes('autocomplete')).toBe('new-password');
    expect((apikey.element as HTMLInputElement).value).toBe('');
    expect(input(wrapper, 'userId').attributes('type')).toBe('text');
    expect(wrapper.text()).toContain('用户编号 (UserId)');
    expect(wrapper.find('[data-test=base-url-help]').text()).toContain('请填写站点地址');
  });

  it('prefills defaults: base URL from defaultBaseUrl and text/select fields from defaultValue', async () => {
    const wrapper = mountForm({ mode: 'add' });
    expect((input(wrapper, 'baseUrl').element as HTMLInputElement).value).toBe('');
    await switchProvider(wrapper, 'duomai');
    expect((input(wrapper, 'baseUrl').element as HTMLInputElement).value).toBe('https://open.duomai.com/apis');
    expect((input(wrapper, 'appKey').element as HTMLInputElement).value).toBe('ak-default');
    expect((input(wrapper, 'appSecret').element as HTMLInputElement).value).toBe('');
  });

  it('changes the fields when another provider is chosen, and drops typed secrets', async () => {
    const wrapper = mountForm({ mode: 'add' });
    await input(wrapper, 'apikey').setValue('typed-secret-value');
    await switchProvider(wrapper, 'itboye');
    expect(input(wrapper, 'apikey').exists()).toBe(false);
    expect(input(wrapper, 'userId').exists()).toBe(false);
    expect(input(wrapper, 'clientId').exists()).toBe(true);
    expect(input(wrapper, 'clientSecret').attributes('type')).toBe('password');
    expect(input(wrapper, 'password').attributes('type')).toBe('password');
    expect(wrapper.text()).toContain('用逗号分隔');
    await switchProvider(wrapper, 'kasushou');
    expect((input(wrapper, 'apikey').element as HTMLInputElement).value).toBe('');
  });

  it('refuses to submit with required fields empty and names them', async () => {
    const wrapper = mountForm({ mode: 'add' });
    expect(await submit(wrapper)).toBe(false);
    expect(wrapper.emitted('submit')).toBeUndefined();
    await expectErrors(wrapper, ['请填写账户名称', '请填写接口地址', '请填写用户编号 (UserId)', '请填写API 密钥 (apikey)']);
  });

  it('rejects a base URL that is not http(s)', async () => {
    const wrapper = mountForm({ mode: 'add' });
    await input(wrapper, 'name').setValue('主店');
    await input(wrapper, 'baseUrl').setValue('ftp://shop.example.com');
    await input(wrapper, 'userId').setValue('10086');
    await input(wrapper, 'apikey').setValue('sk-1234567890');
    expect(await submit(wrapper)).toBe(false);
    await expectErrors(wrapper, ['请输入以 http:// 或 https:// 开头的完整网址']);
  });

  it('emits the exact accounts:add arguments once valid', async () => {
    const wrapper = mountForm({ mode: 'add' });
    await input(wrapper, 'name').setValue(' 主店 ');
    await input(wrapper, 'baseUrl').setValue('https://shop.example.com');
    await input(wrapper, 'userId').setValue('10086');
    await input(wrapper, 'apikey').setValue('sk-1234567890');
    expect(await submit(wrapper)).toBe(true);
    const [payload] = wrapper.emitted('submit')?.[0] as [AccountFormSubmit];
    expect(payload).toEqual({
      mode: 'add',
      args: {
        provider: 'kasushou',
        name: '主店',
        baseUrl: 'https://shop.example.com',
        settings: { userId: '10086', mode: 'buyer' },
        secrets: { apikey: 'sk-1234567890' },
      },
    });
  });

  it('submits on Enter (native form submit)', async () => {
    const wrapper = mountForm({ mode: 'add' });
    await input(wrapper, 'name').setValue('主店');
    await input(wrapper, 'baseUrl').setValue('https://shop.example.com');
    await input(wrapper, 'userId').setValue('10086');
    await input(wrapper, 'apikey').setValue('sk-1234567890');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.emitted('submit')).toHaveLength(1);
  });

  it('shows server validation issues next to the fields they name, the rest above the form', async () => {
    const serverError = new ApiClientError('validation', '参数无效 invalid arguments', {
      issues: [{ path: 'settings.userId', message: '格式不对' }, 'apikey: 太短', { path: '', message: '其他问题' }],
    });
    const wrapper = mountForm({ mode: 'add', serverError });
    await flushPromises();
    expect(wrapper.find('[data-test=server-error]').text()).toContain('参数无效 invalid arguments');
    expect(wrapper.find('[data-test=server-error]').text()).toContain('其他问题');
    await expectErrors(wrapper, ['格式不对', '太短']);
  });
});

describe('AccountForm (edit)', () => {
  it('prefills settings but never secrets, and says blank keeps the stored one', () => {
    const wrapper = mountForm({ mode: 'edit', account: accountView() });
    expect((input(wrapper, 'name').element as HTMLInputElement).value).toBe('主店');
    expect((input(wrapper, 'userId').element as HTMLInputElement).value).toBe('10086');
    const apikey = input(wrapper, 'apikey');
    expect(apikey.attributes('type')).toBe('password');
    expect((apikey.element as HTMLInputElement).value).toBe('');
    expect(apikey.attributes('placeholder')).toContain('已配置 ••••abcd');
    expect(wrapper.findComponent(ElSelect).exists()).toBe(true); // mode select, not provider select
    expect(wrapper.find('[data-test=provider-select]').exists()).toBe(false);
  });

  it('sends only the changes; a blank secret is kept (not sent)', async () => {
    const wrapper = mountForm({ mode: 'edit', account: accountView() });
    await input(wrapper, 'name').setValue('新名字');
    expect(await submit(wrapper)).toBe(true);
    const [payload] = wrapper.emitted('submit')?.[0] as [AccountFormSubmit];
    expect(payload).toEqual({ mode: 'edit', args: { id: 7, name: '新名字' } });
  });

  it('sends a typed secret as a replacement', async () => {
    const wrapper = mountForm({ mode: 'edit', account: accountView() });
    await input(wrapper, 'apikey').setValue('sk-new-0000009999');
    expect(await submit(wrapper)).toBe(true);
    const [payload] = wrapper.emitted('submit')?.[0] as [AccountFormSubmit];
    expect(payload).toEqual({ mode: 'edit', args: { id: 7, secrets: { apikey: 'sk-new-0000009999' } } });
  });

  it('requires a secret in edit mode only when none is stored', async () => {
    const wrapper = mountForm({ mode: 'edit', account: accountView({ secrets: { apikey: { configured: false, hint: null } } }) });
    expect(await submit(wrapper)).toBe(false);
    await expectErrors(wrapper, ['请填写API 密钥 (apikey)']);
  });
});

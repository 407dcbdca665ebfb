/**
 * Mounts a component attached to the document (focus, keyboard shortcuts and teleported drawers need a
 * real body) with the app's plugins, and registers the cleanup: after each test every mounted wrapper
 * is unmounted, then `cleanup` runs, then the body is emptied.
 */
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach } from 'vitest';
import type { Component } from 'vue';
import type { AppLocale } from '../../../src-renderer/src/i18n/index.js';
import { appPlugins } from './mount.js';

export type AttachedMount = (locale?: AppLocale) => Promise<VueWrapper>;

export function attachedMount(component: Component, cleanup: () => void = () => undefined): AttachedMount {
  const mounted: VueWrapper[] = [];
  afterEach(() => {
    while (mounted.length) mounted.pop()?.unmount();
    cleanup();
    document.body.innerHTML = '';
  });
  return async (locale = 'zh-CN') => {
    const wrapper = mount(component, { global: { plugins: appPlugins({ locale }).plugins }, attachTo: document.body });
    mounted.push(wrapper);
    await flushPromises();
    return wrapper;
  };
}

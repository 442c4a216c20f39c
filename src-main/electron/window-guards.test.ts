import { expect, it } from 'vitest';
import { guardWindow, type GuardedContentsLike } from './window-guards.ts';

/** A hand-written `webContents`: fires an event at the guard and says whether it was prevented. */
function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
  let openHandler: (() => { action: string }) | undefined;
  const contents: GuardedContentsLike = {
    on(event: string, listener: (event: { preventDefault(): void }, url: string) => void) {
      listeners.set(event, listener as (event: { preventDefault(): void }, url?: string) => void);
      return contents;
    },
    setWindowOpenHandler(handler) {
      openHandler = handler;
    },
  };
  const prevented = (name: string, url?: string): boolean => {
    let result = false;
    listeners.get(name)?.({ preventDefault: () => (result = true) }, url);
    return result;
  };
  return { contents, prevented, openHandler: () => openHandler?.() };
}

it('lets the window navigate only within the app, and denies new windows and webviews', () => {
  const { contents, prevented, openHandler } = fakeContents();
  guardWindow(contents, (url) => url === 'file:///app/index.html');
  expect(prevented('will-navigate', 'https://example.com/')).toBe(true);
  expect(prevented('will-navigate', 'file:///etc/passwd')).toBe(true);
  expect(prevented('will-navigate', 'file:///app/index.html')).toBe(false);
  expect(prevented('will-attach-webview')).toBe(true);
  expect(openHandler()).toEqual({ action: 'deny' });
});

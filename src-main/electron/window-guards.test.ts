import { expect, it } from 'vitest';
import { denyAllPermissions, guardWindow, type GuardedContentsLike, type GuardedSessionLike } from './window-guards.ts';

/** A hand-written `webContents`: fires an event at the guard and says whether it was prevented. */
function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
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
  return { contents, prevented, open: (url: string) => openHandler?.({ url }) };
}

it('lets the window navigate only within the app, and denies new windows and webviews', () => {
  const { contents, prevented, open } = fakeContents();
  const opened: string[] = [];
  guardWindow(
    contents,
    (url) => url === 'file:///app/index.html',
    (url) => opened.push(url),
  );
  expect(prevented('will-navigate', 'https://example.com/')).toBe(true);
  expect(prevented('will-navigate', 'file:///etc/passwd')).toBe(true);
  expect(prevented('will-navigate', 'file:///app/index.html')).toBe(false);
  expect(prevented('will-attach-webview')).toBe(true);
  expect(open('file:///app/index.html')).toEqual({ action: 'deny' });
  expect(opened).toEqual([]);
});

it('sends http(s) links a person opens to the system browser, and nothing else anywhere', () => {
  const { contents, open } = fakeContents();
  const opened: string[] = [];
  guardWindow(
    contents,
    () => false,
    (url) => opened.push(url),
  );
  for (const url of ['https://docs.example.org/operon', 'http://127.0.0.1:8080/']) expect(open(url)).toEqual({ action: 'deny' });
  for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'https://', 'smb://host/share', 'not a url', 'data:text/html,x'])
    expect(open(url)).toEqual({ action: 'deny' });
  expect(opened).toEqual(['https://docs.example.org/operon', 'http://127.0.0.1:8080/']);
});

it('refuses every permission request and check', () => {
  let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
  let check: ((contents: unknown, permission: string) => boolean) | undefined;
  const session: GuardedSessionLike = {
    setPermissionRequestHandler: (handler) => (request = handler),
    setPermissionCheckHandler: (handler) => (check = handler),
  };
  denyAllPermissions(session);
  for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
    const answers: boolean[] = [];
    request?.({}, permission, (granted) => answers.push(granted));
    expect(answers, permission).toEqual([false]);
    expect(check?.({}, permission), permission).toBe(false);
  }
});

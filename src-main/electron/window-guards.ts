/** The part of a window's `webContents` the guards use. */
export interface GuardedContentsLike {
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** The part of a `Session` the permission guard uses. */
export interface GuardedSessionLike {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
}

/**
 * Keeps a window on the app: it never navigates to a page that is not the app's own renderer (such a page would be
 * refused by the IPC router anyway, but should not be shown with the app's preload), never opens a window of its
 * own, and never embeds a `<webview>`. A link a person opens (`target=_blank`, or a window the page asks for) to an
 * http(s) address goes to the system browser through `openExternal`; any other scheme goes nowhere.
 */
export function guardWindow(contents: GuardedContentsLike, isAppUrl: (url: string) => boolean, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const link = webLink(url);
    if (link !== undefined) openExternal(link);
    return { action: 'deny' };
  });
}

/** Refuses every permission a page may ask for (camera, microphone, notifications, geolocation…): the editor needs none. */
export function denyAllPermissions(session: GuardedSessionLike): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** An http(s) URL with a host, parsed and normalised (not a prefix test), or undefined for anything else. */
function webLink(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== '' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

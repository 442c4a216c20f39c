/** The part of a window's `webContents` the guards use. */
export interface GuardedContentsLike {
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
}

/**
 * Keeps a window on the app: it never navigates to a page that is not the app's own renderer (such a page would be
 * refused by the IPC router anyway, but should not be shown with the app's preload), never opens a window of its
 * own, and never embeds a `<webview>`.
 */
export function guardWindow(contents: GuardedContentsLike, isAppUrl: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

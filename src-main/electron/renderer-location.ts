import { pathToFileURL } from 'node:url';

/** Where the window loads the editor from, and which URLs are the app's own renderer. */
export interface RendererLocation {
  /** What to load: the dev server's URL (`electron-vite dev`) or the built `index.html`. */
  load: { url: string } | { file: string };
  /**
   * Whether `url` is the app's own renderer: the built `index.html` as a file URL (any query or hash), or a page of
   * the dev server's origin. Everything else (another file, another origin, `about:blank`, a data URL) is not.
   */
  isAppUrl: (url: string) => boolean;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The renderer's location. `devUrl` (electron-vite sets `ELECTRON_RENDERER_URL` in dev) is used only when the app
 * is not packaged and it is an http(s) URL on this machine; otherwise the built `indexFile` is loaded, so an
 * environment variable cannot point a shipped app at a page of someone else's.
 */
export function rendererLocation(options: { devUrl: string | undefined; isPackaged: boolean; indexFile: string }): RendererLocation {
  const dev = options.isPackaged ? undefined : loopbackUrl(options.devUrl);
  if (dev !== undefined) return { load: { url: dev.href }, isAppUrl: (url) => parse(url)?.origin === dev.origin };
  const index = pathToFileURL(options.indexFile);
  return {
    load: { file: options.indexFile },
    isAppUrl: (url) => {
      const parsed = parse(url);
      return parsed?.protocol === 'file:' && parsed.host === index.host && parsed.pathname === index.pathname;
    },
  };
}

function loopbackUrl(url: string | undefined): URL | undefined {
  const parsed = url === undefined || url === '' ? undefined : parse(url);
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return undefined;
  return LOOPBACK_HOSTS.has(parsed.hostname) ? parsed : undefined;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

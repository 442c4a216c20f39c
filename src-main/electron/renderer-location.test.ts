import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rendererLocation } from './renderer-location.ts';

const indexFile = path.resolve('/opt/Operon/resources/app/out/renderer/index.html');
const indexUrl = pathToFileURL(indexFile).href;

describe('rendererLocation: what the window loads, and which senders are the app', () => {
  it('a build loads index.html, and only that file is the app', () => {
    const location = rendererLocation({ devUrl: undefined, isPackaged: true, indexFile });
    expect(location.load).toEqual({ file: indexFile });
    expect(location.isAppUrl(indexUrl)).toBe(true);
    expect(location.isAppUrl(`${indexUrl}?token=x#/workflows`)).toBe(true);
    for (const url of [
      pathToFileURL(path.resolve('/opt/Operon/resources/app/out/renderer/other.html')).href,
      pathToFileURL(path.resolve('/home/me/Downloads/index.html')).href,
      'file://evil-host/opt/Operon/resources/app/out/renderer/index.html',
      'http://127.0.0.1:5173/',
      'about:blank',
      'data:text/html,<script>operon.request("workflows.delete")</script>',
      'not a url',
      '',
    ])
      expect(location.isAppUrl(url), url).toBe(false);
  });

  it('dev (not packaged) loads the loopback dev server, and only its origin is the app', () => {
    const location = rendererLocation({ devUrl: 'http://localhost:5173/', isPackaged: false, indexFile });
    expect(location.load).toEqual({ url: 'http://localhost:5173/' });
    expect(location.isAppUrl('http://localhost:5173/index.html?x=1')).toBe(true);
    for (const url of ['http://localhost:5174/', 'http://127.0.0.1:5173/', 'https://localhost:5173/', indexUrl])
      expect(location.isAppUrl(url), url).toBe(false);
  });

  it('ignores a dev URL in a packaged app, or one that is not http(s) on this machine', () => {
    for (const [devUrl, isPackaged] of [
      ['http://localhost:5173/', true],
      ['https://example.com/', false],
      ['file:///tmp/index.html', false],
      ['http://[::1]x/', false],
      ['', false],
    ] as const) {
      expect(rendererLocation({ devUrl, isPackaged, indexFile }).load, devUrl).toEqual({ file: indexFile });
    }
    expect(rendererLocation({ devUrl: 'http://[::1]:5173/', isPackaged: false, indexFile }).load).toEqual({ url: 'http://[::1]:5173/' });
  });
});

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createHttpService } from './http.ts';

describe('createHttpService', () => {
  it('fetches over loopback HTTP', async () => {
    const server = createServer((request, response) => response.end(`you asked ${request.method} ${request.url}`));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await createHttpService().fetch(`http://127.0.0.1:${port}/hello`, { signal: new AbortController().signal });
      expect(await response.text()).toBe('you asked GET /hello');
    } finally {
      server.close();
    }
  });

  it('refuses other protocols and bad URLs with OPR-108', async () => {
    const http = createHttpService();
    const signal = new AbortController().signal;
    await expect(http.fetch('file:///etc/passwd', { signal })).rejects.toMatchObject({ code: 'OPR-108' });
    await expect(http.fetch('data:text/plain,hi', { signal })).rejects.toMatchObject({ code: 'OPR-108' });
    await expect(http.fetch('not a url', { signal })).rejects.toMatchObject({ code: 'OPR-108' });
  });
});

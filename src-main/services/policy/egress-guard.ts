import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import type { Agent } from 'undici';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { hostListedExactly, hostMatches } from '../../../src-shared/policy/host-pattern.ts';
import type { TenantPolicy } from '../../../src-shared/policy/policy-schema.ts';
import { privateRange } from './private-address.ts';

/** The HTTP part of a workspace policy, checked on every request and every connection. */
export interface EgressGuard {
  /** Refuses (OPR-264) a URL whose host the policy does not allow, or that is a private address literally. */
  checkUrl(url: URL): void;
  /**
   * Connects only to addresses the policy allows, checked after the name is resolved (so DNS rebinding cannot pass).
   * Made on the first request: undici is loaded only by a run that sends one under a policy (`operon run` stays light).
   */
  dispatcher(): Promise<Agent>;
  /** Closes the dispatcher, if one was made. */
  close(): Promise<void>;
}

export function createEgressGuard(http: TenantPolicy['http']): EgressGuard {
  const privateAllowed = (host: string): boolean =>
    http.allowPrivateNetworks || (http.allowedHosts !== undefined && hostListedExactly(host, http.allowedHosts));
  const refusePrivate = (host: string, address: string, range: string): OperonError =>
    new OperonError(
      'OPR-264',
      `HTTP request to ${host} refused: ${host === address ? `it is` : `it resolves to ${address},`} ${range}, which the workspace policy refuses (http.allowPrivateNetworks is false and ${host} is not listed in http.allowedHosts)`,
      { details: { host, address, field: 'http.allowPrivateNetworks' } },
    );

  let agent: Promise<Agent> | undefined;
  const lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error !== null) return callback(error, '', 0);
      if (!privateAllowed(hostname)) {
        for (const { address } of addresses) {
          const range = privateRange(address);
          if (range !== undefined) return callback(refusePrivate(hostname, address, range), '', 0);
        }
      }
      if (options.all === true) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (first === undefined) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };

  return {
    checkUrl(url) {
      const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
      if (http.allowedHosts !== undefined && !http.allowedHosts.some((pattern) => hostMatches(host, pattern))) {
        throw new OperonError(
          'OPR-264',
          `HTTP request to ${host} refused: the workspace policy allows only ${http.allowedHosts.join(', ')} (http.allowedHosts)`,
          { details: { host, field: 'http.allowedHosts' } },
        );
      }
      if (isIP(host) !== 0 && !privateAllowed(host)) {
        const range = privateRange(host);
        if (range !== undefined) throw refusePrivate(host, host, range);
      }
    },
    dispatcher: () => (agent ??= import('undici').then(({ Agent }) => new Agent({ connect: { lookup } }))),
    close: async () => {
      await (await agent)?.close();
    },
  };
}

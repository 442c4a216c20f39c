/**
 * Whether `host` (a URL's hostname, lower case; IPv6 without brackets) matches a policy pattern: the same name, or
 * `*.example.com` for any name under example.com (not example.com itself).
 */
export function hostMatches(host: string, pattern: string): boolean {
  const name = stripBrackets(host.toLowerCase()).replace(/\.$/, '');
  const wanted = stripBrackets(pattern.toLowerCase()).replace(/\.$/, '');
  if (wanted.startsWith('*.')) return name.endsWith(wanted.slice(1)) && name.length > wanted.length - 1;
  return name === wanted;
}

/** Whether the pattern names exactly this host (no wildcard): such a host may reach private addresses. */
export function hostListedExactly(host: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => !pattern.startsWith('*.') && hostMatches(host, pattern));
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

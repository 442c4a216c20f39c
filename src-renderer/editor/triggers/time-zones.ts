/**
 * The time zones to pick from: the viewer's own first, then UTC, then every other IANA zone the browser knows,
 * alphabetically. `supported` is `Intl.supportedValuesOf('timeZone')` (which leaves UTC out in some engines).
 */
export function timeZoneChoices(own: string, supported: readonly string[]): string[] {
  const first = own === 'UTC' ? ['UTC'] : [own, 'UTC'];
  const rest = [...new Set(supported)].filter((zone) => !first.includes(zone)).sort((a, b) => a.localeCompare(b));
  return [...first, ...rest];
}

/** The zones whose name holds every word of the query ("new york", "berlin", "america/"), in the given order. */
export function matchingZones(zones: readonly string[], query: string): string[] {
  const words = query.toLowerCase().replace(/[_/]/g, ' ').split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...zones];
  return zones.filter((zone) => {
    const name = zone.toLowerCase().replace(/[_/]/g, ' ');
    return words.every((word) => name.includes(word));
  });
}

/** The zone's offset from UTC now, "UTC+01:00", for the list (undefined for a name Intl does not know). */
export function zoneOffset(zone: string, at: number): string | undefined {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
    return part === 'GMT' ? 'UTC+00:00' : part?.replace('GMT', 'UTC');
  } catch {
    return undefined;
  }
}

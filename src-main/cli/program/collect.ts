/** Commander's parser for a repeatable option: each occurrence is added to the list. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

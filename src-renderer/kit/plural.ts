/** "1 node", "2 nodes", "1,024 nodes": a count with its noun, in the right number. `many` for irregular plurals. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

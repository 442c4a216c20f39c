import type { GraphSlice, SelectionSlice } from './editor-state.ts';

/** A state to go back to: the graph, what was selected, and its revision (for dirty tracking). */
export interface Snapshot {
  graph: GraphSlice;
  selection: SelectionSlice;
  revision: number;
}

/** Undo and redo stacks of snapshots. Snapshots share structure with the live graph, so they are cheap. */
export class History {
  private readonly past: Snapshot[] = [];
  private future: Snapshot[] = [];
  private readonly limit: number;

  constructor(limit = 200) {
    this.limit = limit;
  }

  /** Records the state before an edit; a new edit drops the redo stack. */
  push(before: Snapshot): void {
    this.past.push(before);
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
  }

  /** The state to restore, given the current one (which goes on the redo stack). */
  undo(current: Snapshot): Snapshot | undefined {
    const previous = this.past.pop();
    if (previous !== undefined) this.future.push(current);
    return previous;
  }

  redo(current: Snapshot): Snapshot | undefined {
    const next = this.future.pop();
    if (next !== undefined) this.past.push(current);
    return next;
  }

  clear(): void {
    this.past.length = 0;
    this.future = [];
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }
}

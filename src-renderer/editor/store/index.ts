export type * from './editor-state.ts';
export * from './selectors.ts';

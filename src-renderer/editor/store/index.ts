export { createEditorStore, type EditorStore, type EditorStoreOptions } from './create-editor-store.ts';
export type * from './editor-state.ts';
export * from './selectors.ts';

export { createEditorStore, type EditorStore, type EditorStoreOptions } from './create-editor-store.ts';

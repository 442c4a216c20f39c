import { createContext, useContext } from 'react';
import type { WireEnd } from '../../editor/wire-choices.ts';

/** Opens the node picker for a wire leaving a port ("+" on an output), the picker anchored at a point of the window. */
export type OpenPickerForPort = (wire: WireEnd, anchor: { x: number; y: number }) => void;

export const OpenPickerContext = createContext<OpenPickerForPort | null>(null);

export function useOpenPickerForPort(): OpenPickerForPort | null {
  return useContext(OpenPickerContext);
}

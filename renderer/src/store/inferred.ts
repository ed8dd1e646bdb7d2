import { create } from 'zustand';

/**
 * The result types the designer filled in itself, by `nodeId:field` (see monaco/result-types.ts): while a
 * field still holds what was inferred it follows its lambda, and the inspector says it was inferred. Kept per
 * page; a loaded document starts with none, its types being the user's.
 */
export const useInferredTypes = create<{ types: ReadonlyMap<string, string> }>(() => ({ types: new Map() }));

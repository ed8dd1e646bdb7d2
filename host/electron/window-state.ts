import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../src/atomic-write.js';

const stateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400),
  height: z.number().int().min(300),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof stateSchema>;

const DEFAULT: WindowState = { width: 1400, height: 900, maximized: false };

/** The last window bounds, or a default when there are none or they cannot be read. */
export function loadWindowState(file: string): WindowState {
  try {
    return stateSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return DEFAULT;
  }
}

export function saveWindowState(file: string, state: WindowState): Promise<string | null> {
  return writeFileAtomic(file, JSON.stringify(state));
}

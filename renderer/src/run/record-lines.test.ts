import { describe, expect, it } from 'vitest';
import { parseRecordLines } from './record-lines.js';

describe('producer panel lines', () => {
  it('reads plain text, JSON values and full records, skipping blank lines', () => {
    expect(
      parseRecordLines('the quick fox\n\n42\n{"key":"k","value":{"n":1},"timestamp":5}\n{"n":2}\n"quoted"'),
    ).toEqual([
      { value: 'the quick fox' },
      { value: 42 },
      { key: 'k', value: { n: 1 }, timestamp: 5 },
      { value: { n: 2 } },
      { value: 'quoted' },
    ]);
  });
});

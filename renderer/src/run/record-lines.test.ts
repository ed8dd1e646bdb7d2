import { describe, expect, it } from 'vitest';
import { parseRecordLines } from './record-lines.js';

const json = { keySerde: 'string', valueSerde: 'json' };
const text = { keySerde: 'string', valueSerde: 'string' };

describe('producer panel lines', () => {
  it('reads plain text, JSON values and full records, skipping blank lines', () => {
    expect(
      parseRecordLines('the quick fox\n\n42\n{"key":"k","value":{"n":1},"timestamp":5}\n{"n":2}\n"quoted"'),
    ).toEqual({
      ok: true,
      records: [
        { value: 'the quick fox' },
        { value: 42 },
        { key: 'k', value: { n: 1 }, timestamp: 5 },
        { value: { n: 2 } },
        { value: 'quoted' },
      ],
    });
  });

  it('refuses a malformed line of a JSON topic, naming its line (blank lines counted)', () => {
    const r = parseRecordLines(
      '{"key":"u1","value":{"page":"/a"}}\n\n{"key":"u2","value":{"page":"/b"}',
      json,
    );
    expect(r).toMatchObject({ ok: false, line: 3 });
    expect(!r.ok && r.message).toMatch(/^line 3: not valid JSON .*values are JSON/);
  });

  it('takes text as is on a string topic, and refuses a record whose value does not fit the serde', () => {
    expect(parseRecordLines('hello there\n42', text)).toEqual({
      ok: true,
      records: [{ value: 'hello there' }, { value: '42' }],
    });
    expect(parseRecordLines('{"value":{"a":1}}', text)).toMatchObject({
      ok: false,
      line: 1,
      message: 'line 1: the value must be a string for this topic (string serde)',
    });
    expect(parseRecordLines('{"key":7,"value":"x"}', text)).toMatchObject({ ok: false, line: 1 });
    expect(parseRecordLines('1.5', { keySerde: 'string', valueSerde: 'long' })).toMatchObject({
      ok: false,
      message: 'line 1: the value must be a whole number for this topic (long serde)',
    });
    expect(parseRecordLines('abc', { keySerde: 'string', valueSerde: 'double' })).toMatchObject({
      ok: false,
    });
  });

  it('refuses a timestamp that is not whole milliseconds', () => {
    expect(parseRecordLines('{"value":{},"timestamp":"noon"}', json)).toMatchObject({ ok: false, line: 1 });
  });
});

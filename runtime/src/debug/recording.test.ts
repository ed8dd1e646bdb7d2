import { describe, expect, it } from 'vitest';
import {
  parseRecording,
  Recorder,
  recordBytes,
  RecordingFormatError,
  serializeRecording,
  type RecordedRecord,
} from './recording.js';

const enc = new TextEncoder();

function input(i: number, valueBytes = 4): Omit<RecordedRecord, 'seq'> {
  return {
    direction: 'in',
    topic: 't',
    partition: 0,
    offset: i,
    timestamp: 1000 + i,
    key: enc.encode(`k${i}`),
    value: new Uint8Array(valueBytes).fill(65),
    headers: [],
  };
}

describe('Recorder bounds', () => {
  it('keeps at most maxRecords, dropping the oldest and counting them', () => {
    const r = new Recorder({ maxRecords: 3 });
    for (let i = 0; i < 5; i++) r.add(input(i));
    expect(r.size).toBe(3);
    expect(r.dropped).toBe(2);
    expect(r.records().map((x) => x.seq)).toEqual([2, 3, 4]);
    expect(r.records().map((x) => x.offset)).toEqual([2, 3, 4]);
  });

  it('keeps at most maxBytes, dropping the oldest until a new record fits', () => {
    const one = recordBytes(input(0, 100));
    const r = new Recorder({ maxBytes: one * 2 + one / 2 });
    r.add(input(0, 100));
    r.add(input(1, 100));
    expect(r.dropped).toBe(0);
    r.add(input(2, 100));
    expect(r.records().map((x) => x.seq)).toEqual([1, 2]);
    expect(r.dropped).toBe(1);
    expect(r.byteSize).toBe(one * 2);
    // A bigger record pushes out as many as it needs.
    r.add(input(3, one * 2 - 64));
    expect(r.records().map((x) => x.seq)).toEqual([3]);
    expect(r.dropped).toBe(3);
  });

  it('drops a single record larger than maxBytes and keeps the rest', () => {
    const r = new Recorder({ maxBytes: 200 });
    r.add(input(0, 10));
    r.add(input(1, 500));
    expect(r.records().map((x) => x.seq)).toEqual([0]);
    expect(r.dropped).toBe(1);
  });

  it('defaults to 100k records and 64 MiB; stays exact over many drops (compaction)', () => {
    const r = new Recorder();
    expect(r.limits).toEqual({ maxRecords: 100_000, maxBytes: 64 * 1024 * 1024 });
    const small = new Recorder({ maxRecords: 1000 });
    for (let i = 0; i < 10_500; i++) small.add(input(i, 1));
    expect(small.size).toBe(1000);
    expect(small.dropped).toBe(9_500);
    const seqs = small.records().map((x) => x.seq);
    expect(seqs[0]).toBe(9_500);
    expect(seqs.at(-1)).toBe(10_499);
    expect(small.byteSize).toBe(small.records().reduce((n, x) => n + recordBytes(x), 0));
  });

  it('refuses limits below one', () => {
    expect(() => new Recorder({ maxRecords: 0 })).toThrow(/at least 1 record/);
  });
});

describe('recording files', () => {
  it('round-trips bytes, headers and the drop count, one record per line', () => {
    const r = new Recorder();
    r.add({ ...input(0), headers: [['h', enc.encode('v')]] });
    r.add({ ...input(1), direction: 'out', key: null, value: new Uint8Array([0, 0, 0, 0, 0, 0, 0, 7]) });
    const text = serializeRecording({
      document: 'stock-stats',
      applicationId: 'app',
      startedAt: 5,
      dropped: r.dropped,
      records: r.records(),
    });
    expect(text.split('\n').filter((l) => l.startsWith('{"seq"'))).toHaveLength(2);
    // Text values are readable in the file; binary ones are not spelled out.
    expect(text).toContain('"text":{"key":"k0","value":"AAAA"}');
    expect(text).not.toContain('"text":{"value"');
    const back = parseRecording(text);
    expect(back.document).toBe('stock-stats');
    expect(back.records).toEqual(r.records());
  });

  it('reports what is wrong with a bad file', () => {
    expect(() => parseRecording('nope')).toThrow(RecordingFormatError);
    expect(() => parseRecording('{"format":"x"}')).toThrow(/"format" must be "topograph-recording"/);
    const good = serializeRecording({
      document: 'd',
      applicationId: 'a',
      startedAt: 0,
      dropped: 0,
      records: [{ ...input(0), seq: 0 }],
    });
    expect(() => parseRecording(good.replace('"dir":"in"', '"dir":"up"'))).toThrow(/records\[0\]\.dir/);
    expect(() => parseRecording(good.replace('"version":1', '"version":9'))).toThrow(/version 9/);
  });
});

import { describe, expect, it } from 'vitest';
import { emptyDocument, type TopologyDocument } from '@topograph/document';
import { recordTemplate } from './record-template.js';
import { parseRecordLines } from './record-lines.js';

const doc = (over: Partial<TopologyDocument>): TopologyDocument => ({ ...emptyDocument('t'), ...over });
const source = (topic: string, config: Record<string, unknown>) => ({
  id: topic,
  kind: 'source.stream',
  position: { x: 0, y: 0 },
  config: { topic, keySerde: 'string', valueSerde: 'json', ...config },
});

describe('producer record templates', () => {
  it("builds one record from the value type's declaration, leaving optional fields out", () => {
    const d = doc({
      types: [
        {
          name: 'Click',
          declaration:
            "{ user: string; page: string; at: number; tags: string[]; kind: 'a' | 'b'; geo: Geo; ref?: string }",
        },
        { name: 'Geo', declaration: '{ lat: number; lon: number }' },
      ],
      nodes: [source('clicks', { valueType: 'Click' })],
    });
    const t = recordTemplate(d, 'clicks');
    expect(JSON.parse(t)).toEqual({
      key: 'key-1',
      value: { user: '', page: '', at: 0, tags: [], kind: 'a', geo: { lat: 0, lon: 0 } },
    });
    // What is prefilled is what the producer accepts for that topic.
    expect(parseRecordLines(t, { keySerde: 'string', valueSerde: 'json' }).ok).toBe(true);
  });

  it("uses the type's first sample, or the document's test data for the topic", () => {
    const d = doc({
      types: [{ name: 'User', samples: [{ name: 'Ada', premium: true }] }],
      nodes: [source('users', { valueType: 'User' })],
    });
    expect(JSON.parse(recordTemplate(d, 'users'))).toEqual({
      key: 'key-1',
      value: { name: 'Ada', premium: true },
    });
    const withData = {
      ...d,
      settings: {
        testData: {
          users: [
            { key: 'u1', value: { name: 'Lin' } },
            { key: 'u2', value: null, timestamp: 5 },
          ],
        },
      },
    };
    expect(recordTemplate(withData, 'users')).toBe(
      '{"key":"u1","value":{"name":"Lin"}}\n{"key":"u2","value":null,"timestamp":5}',
    );
  });

  it("prefills a text stream's samples as the plain lines a user types, a table's as records", () => {
    const testData = {
      text: [
        { key: 'l1', value: 'the quick brown fox', timestamp: 0 },
        { key: 'l2', value: 'the lazy dog', timestamp: 1000 },
      ],
    };
    const d = doc({ nodes: [source('text', { valueSerde: 'string' })], settings: { testData } });
    const t = recordTemplate(d, 'text');
    expect(t).toBe('the quick brown fox\nthe lazy dog');
    const read = parseRecordLines(t, { keySerde: 'string', valueSerde: 'string' });
    expect(read.ok && read.records.map((r) => r.value)).toEqual(['the quick brown fox', 'the lazy dog']);
    // Text that would read as JSON, or a table's rows (whose keys matter), stay whole records.
    const json = { text: [{ key: 'l1', value: '42' }] };
    expect(recordTemplate({ ...d, settings: { testData: json } }, 'text')).toBe('{"key":"l1","value":"42"}');
    const table = { ...d, nodes: [{ ...source('text', { valueSerde: 'string' }), kind: 'source.table' }] };
    expect(recordTemplate(table, 'text').split('\n')[0]).toBe(
      '{"key":"l1","value":"the quick brown fox","timestamp":0}',
    );
  });

  it('leaves the box empty for a string topic', () => {
    const d = doc({ nodes: [source('text', { valueSerde: 'string' })] });
    expect(recordTemplate(d, 'text')).toBe('');
  });
});

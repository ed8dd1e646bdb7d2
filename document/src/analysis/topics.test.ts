import { describe, expect, it } from 'vitest';
import { doc, stringSource } from '../testing/documents.js';
import { topics } from './topics.js';

describe('topics', () => {
  it('lists every source kind and the sink, in document order, with the serdes each writes in', () => {
    const d = doc(
      [
        {
          id: 'orders',
          kind: 'source.stream',
          config: { topic: 'orders', keySerde: 'string', valueSerde: 'long' },
        },
        {
          id: 'prices',
          kind: 'source.table',
          config: { topic: 'prices', keySerde: 'string', valueSerde: 'json', valueType: 'Price' },
        },
        { ...stringSource('fx', 'fx', 'source.globalTable'), label: 'FX rates' },
        { id: 'keep', kind: 'filter', config: { predicate: '() => true' } },
        // No serdes of its own: it writes with the flow's (long values, read by the source).
        { id: 'out', kind: 'sink.topic', config: { topic: 'totals' } },
        { id: 'routed', kind: 'sink.topic', config: { topic: 'fallback', topicExtractor: '() => "x"' } },
      ],
      [
        ['orders', 'keep'],
        ['keep', 'out'],
        ['keep', 'routed'],
      ],
    );
    const io = topics(d);
    expect(io.sources.map((s) => [s.nodeId, s.name, s.topic, s.keySerde, s.valueSerde, s.valueType])).toEqual(
      [
        ['orders', 'orders', 'orders', 'string', 'long', undefined],
        ['prices', 'prices', 'prices', 'string', 'json', 'Price'],
        ['fx', 'FX rates', 'fx', 'string', 'string', undefined],
      ],
    );
    expect(io.sinks.map((s) => [s.nodeId, s.topic, s.keySerde, s.valueSerde, s.perRecord])).toEqual([
      ['out', 'totals', 'string', 'long', false],
      ['routed', 'fallback', 'string', 'long', true],
    ]);
  });

  it('leaves out nodes whose topic is not set', () => {
    const d = doc(
      [{ id: 'in', kind: 'source.stream', config: { keySerde: 'string', valueSerde: 'string' } }],
      [],
    );
    expect(topics(d)).toEqual({ sources: [], sinks: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { configFields } from '../catalog/catalog.js';
import { doc, jsonSource, stringSource } from '../testing/documents.js';
import { lambdaTypesOf } from '../analysis/lambda-types.js';
import { renameNode } from './edit.js';

const twoNodes = () =>
  doc(
    [stringSource('stream'), { id: 'topic', kind: 'sink.topic', config: { topic: 'out' } }],
    [['stream', 'topic']],
  );

describe('renameNode', () => {
  it('renames the node and every edge end', () => {
    const r = renameNode(twoNodes(), 'topic', 'to-enriched');
    if ('error' in r) throw new Error(r.error);
    expect(r.document.nodes.map((n) => n.id)).toEqual(['stream', 'to-enriched']);
    expect(r.document.edges).toEqual([{ id: 'e1', source: 'stream', target: 'to-enriched' }]);
  });

  it('refuses an invalid or taken id, saying why', () => {
    expect(renameNode(twoNodes(), 'topic', 'stream')).toEqual({ error: 'another node is "stream" already' });
    expect(renameNode(twoNodes(), 'topic', '2 words')).toMatchObject({ error: /not a valid id/ });
  });
});

describe('catalog help and fields', () => {
  it('offers a store name on tables only, not on streams', () => {
    expect(configFields('source.stream').map((f) => f.name)).not.toContain('storeName');
    expect(configFields('source.table').map((f) => f.name)).toContain('storeName');
  });

  it('says a join’s missing side is null', () => {
    const joiner = configFields('join.streamStream').find((f) => f.name === 'joiner');
    expect(joiner?.help).toMatch(/null/);
    expect(joiner?.help).not.toMatch(/undefined/);
  });
});

describe('lambdaTypesOf', () => {
  const join = (joinType: string) =>
    doc(
      [
        jsonSource('clicks', 'c', 'Click'),
        jsonSource('users', 'u', 'User', 'source.table'),
        { id: 'j', kind: 'join.streamTable', config: { joinType, joiner: '(a, b) => a', valueType: 'Out' } },
      ],
      [
        ['clicks', 'j'],
        ['users', 'j', undefined, 'right'],
      ],
    );

  it('types a joiner by position from both input flows, with null for the unmatched side', () => {
    expect(lambdaTypesOf(join('inner'), 'j')['joiner']).toEqual({
      params: [
        { name: 'leftValue', type: 'Click' },
        { name: 'rightValue', type: 'User' },
        { name: 'key', type: 'string' },
      ],
      result: 'Out',
    });
    expect(lambdaTypesOf(join('left'), 'j')['joiner']?.params[1]?.type).toBe('User | null');
  });
});

import type { DocumentNode, DocumentEdge, TopologyDocument } from '@topograph/document';

/**
 * A realistic document of about `size` nodes: parallel pipelines of source → filter → mapValues → selectKey →
 * groupByKey → windowed count → toStream → map → sink, each node with a small lambda.
 */
export function benchDocument(size: number, salt = 0): TopologyDocument {
  const nodes: DocumentNode[] = [];
  const edges: DocumentEdge[] = [];
  const add = (id: string, kind: string, config: Record<string, unknown>, after?: string): void => {
    nodes.push({
      id,
      kind,
      position: { x: (nodes.length % 10) * 220, y: Math.floor(nodes.length / 10) * 140 },
      config,
    });
    if (after) edges.push({ id: `e${edges.length + 1}`, source: after, target: id });
  };
  for (let p = 0; nodes.length < size; p++) {
    const s = `p${p}`;
    add(`${s}-orders`, 'source.stream', {
      topic: `orders-${p}`,
      keySerde: 'string',
      valueSerde: 'json',
      valueType: 'Order',
    });
    add(
      `${s}-valid`,
      'filter',
      { predicate: `(key, order) => order.amount > ${salt} && order.customer.length > ${p}` },
      `${s}-orders`,
    );
    add(
      `${s}-net`,
      'mapValues',
      { mapper: '(order) => ({ ...order, amount: order.amount * 0.8 })', valueType: 'Order' },
      `${s}-valid`,
    );
    add(
      `${s}-by-customer`,
      'selectKey',
      { mapper: '(_key, order) => order.customer', keyType: 'string' },
      `${s}-net`,
    );
    add(`${s}-grouped`, 'groupByKey', {}, `${s}-by-customer`);
    add(`${s}-hourly`, 'window.tumbling', { sizeMs: 3_600_000, graceMs: 60_000 }, `${s}-grouped`);
    add(`${s}-count`, 'count', {}, `${s}-hourly`);
    add(`${s}-changes`, 'toStream', {}, `${s}-count`);
    add(
      `${s}-flat`,
      'map',
      {
        mapper: '(w, n) => ({ key: `${w.key}@${w.window.start}`, value: n })',
        keyType: 'string',
        valueType: 'number',
      },
      `${s}-changes`,
    );
    add(
      `${s}-out`,
      'sink.topic',
      { topic: `order-counts-${p}`, keySerde: 'string', valueSerde: 'long' },
      `${s}-flat`,
    );
  }
  return {
    version: 2,
    name: `bench-${size}`,
    types: [{ name: 'Order', declaration: '{ id: string; customer: string; amount: number }' }],
    nodes: nodes.slice(0, size),
    edges: edges.filter((e) => nodes.slice(0, size).some((n) => n.id === e.target)),
    settings: {},
  };
}

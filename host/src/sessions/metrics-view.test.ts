import { readFileSync } from 'node:fs';
import type { MetricsSnapshot, ProcessorNodeMetrics } from '@topograph/runtime';
import { loadDocument } from '@topograph/document';
import { describe, expect, it } from 'vitest';
import { instrumentTaps } from './instrument.js';
import { MetricsView } from './metrics-view.js';

const doc = loadDocument(
  readFileSync(new URL('../../../examples/word-count.topology.json', import.meta.url), 'utf8'),
).document!;

const node = (name: string, counts: Partial<ProcessorNodeMetrics>): ProcessorNodeMetrics => ({
  name,
  recordsIn: 0,
  recordsOut: 0,
  errors: 0,
  lateDrops: 0,
  ratePerSec: 0,
  outRatePerSec: 0,
  latencyP50Ms: null,
  latencyP99Ms: null,
  ...counts,
});

const snapshot = (nodes: ProcessorNodeMetrics[]): MetricsSnapshot => ({
  applicationId: 'word-count',
  timestamp: 1_000,
  intervalMs: 500,
  state: 'RUNNING',
  nodes,
  stores: [],
  sources: [],
});

describe('the canvas metrics of a snapshot', () => {
  it("shows each node's and edge's out-rate as the runtime measured it, from the first snapshot on", () => {
    const tapOfE1 = [...instrumentTaps(doc).tapEdges].find(([, edge]) => edge === 'e1')![0];
    // Only e1 is tapped in this run.
    const view = new MetricsView('s1', doc, new Map([[tapOfE1, 'e1']]));
    const event = view.update(
      snapshot([
        node('text', { recordsIn: 4, recordsOut: 4, ratePerSec: 8, outRatePerSec: 8 }),
        node(tapOfE1, { recordsIn: 4, recordsOut: 4, ratePerSec: 8, outRatePerSec: 8 }),
        node('split-words', { recordsIn: 4, recordsOut: 10, ratePerSec: 8, outRatePerSec: 20 }),
      ]),
    );
    expect(event.nodes.find((n) => n.nodeId === 'split-words')).toMatchObject({
      recordsIn: 4,
      recordsOut: 10,
      inPerSec: 8,
      outPerSec: 20,
    });
    const perSec = new Map(event.edges.map((e) => [e.edgeId, e.perSec]));
    // e1 shows its tap's rate; e2, untapped, its source node's out-rate.
    expect(perSec.get('e1')).toBe(8);
    expect(perSec.get('e2')).toBe(20);
  });
});

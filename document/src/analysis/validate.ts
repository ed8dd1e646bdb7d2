import { COPARTITIONED_JOINS } from '../catalog/kinds/joins.js';
import { analyze, type Analysis } from './analyze.js';
import type { TopologyDocument } from '../schema/document.js';
import type { FlowInfo } from '../schema/flow.js';
import type { Problem } from '../schema/problem.js';
import { checkDocumentShape } from '../io/serialize.js';
import { inferTypeDeclaration } from '../schema/infer-types.js';
import { configFields, type ConfigField } from '../catalog/catalog.js';
import { topics, type Topics } from './topics.js';
import { sourceHandleOf } from '../kind/ports.js';

export interface Validation {
  problems: Problem[];
  /** Present when the document had the right shape to analyze. */
  analysis?: Analysis;
}

/** Every problem of a document, each pinned to its node (and config field). Never throws. */
export function validateDocument(doc: TopologyDocument): Validation {
  const shape = checkDocumentShape(doc);
  if (shape.length > 0) return { problems: shape };
  const analysis = analyze(doc);
  const io = topics(doc, analysis);
  const problems = [
    ...analysis.problems,
    ...typeProblems(doc),
    ...sourceTopicProblems(io),
    ...nameProblems(doc, analysis),
    ...sampleTopicProblems(doc, io),
    ...joinProblems(analysis),
    ...repartitionNotes(analysis),
    ...todoProblems(doc),
  ];
  return { problems, analysis };
}

/** Repartition markers for the canvas: node id → the topic Kafka Streams will create. */
export function repartitionMarkers(doc: TopologyDocument): Array<{ nodeId: string; topic: string }> {
  const v = validateDocument(doc);
  return v.problems
    .filter((p) => p.code === 'repartition' && p.nodeId !== undefined)
    .map((p) => ({ nodeId: p.nodeId as string, topic: p.message.replace(/^will repartition through /, '') }));
}

/**
 * A lambda that says TODO (the placeholders of a describe() import, or the user's own) is listed as a warning
 * until it is written, like an editor's task list.
 */
function todoProblems(doc: TopologyDocument): Problem[] {
  const problems: Problem[] = [];
  const visit = (nodeId: string, fields: ConfigField[], config: Record<string, unknown>, path: string) => {
    for (const f of fields) {
      const v = config[f.name];
      if (f.editor === 'code' && typeof v === 'string') {
        const lines = v.split('\n');
        lines.forEach((line, i) => {
          const m = /\bTODO\b(?:\([^)]*\))?:?\s*(.*?)\s*(?:\*\/.*)?$/.exec(line);
          if (m)
            problems.push({
              severity: 'warning',
              code: 'code.todo',
              message: `TODO: ${m[1] || 'unfinished code'}`,
              nodeId,
              field: path + f.name,
              line: i + 1,
              column: (m.index ?? 0) + 1,
            });
        });
      } else if (f.itemFields && Array.isArray(v))
        v.forEach((item: unknown, i) => {
          if (typeof item === 'object' && item !== null)
            visit(nodeId, f.itemFields ?? [], item as Record<string, unknown>, `${path}${f.name}.${i}.`);
        });
    }
  };
  for (const n of doc.nodes) visit(n.id, configFields(n.kind), n.config, '');
  return problems;
}

function typeProblems(doc: TopologyDocument): Problem[] {
  const problems: Problem[] = [];
  const names = new Set<string>();
  for (const t of doc.types) {
    if (names.has(t.name))
      problems.push({
        severity: 'error',
        code: 'type.duplicate',
        message: `type "${t.name}" is declared twice`,
      });
    names.add(t.name);
    if (t.declaration === undefined && t.samples !== undefined) {
      const inferred = inferTypeDeclaration(t.samples);
      if ('error' in inferred)
        problems.push({
          severity: 'error',
          code: 'type.samples',
          message: `type "${t.name}": ${inferred.error}`,
        });
    }
  }
  return problems;
}

/** Kafka Streams refuses two sources on one topic ("Topic has already been registered by another source"). */
function sourceTopicProblems(io: Topics): Problem[] {
  const byTopic = new Map<string, string>();
  const problems: Problem[] = [];
  for (const { nodeId, topic } of io.sources) {
    const first = byTopic.get(topic);
    if (first !== undefined)
      problems.push({
        severity: 'error',
        code: 'source.duplicateTopic',
        message: `topic "${topic}" is already read by "${first}"; a topic can have only one source`,
        nodeId,
        field: 'topic',
      });
    else byTopic.set(topic, nodeId);
  }
  return problems;
}

/**
 * Processor and store names must be unique in a topology: a split names its branches `<id>-<branch>`, which
 * must not be another node's id, and two aggregations cannot share a store.
 */
function nameProblems(doc: TopologyDocument, a: Analysis): Problem[] {
  const problems: Problem[] = [];
  const ids = new Set(doc.nodes.map((n) => n.id));
  const stores = new Map<string, string>();
  for (const n of doc.nodes) {
    const r = a.nodes.get(n.id);
    if (r?.node === n && r.spec?.extraNames && r.config)
      for (const { name, what, field } of r.spec.extraNames(n.id, r.config))
        if (ids.has(name))
          problems.push({
            severity: 'error',
            code: 'name.collision',
            message: `${what} is named "${name}" in the topology, which is already a node id`,
            nodeId: n.id,
            field,
          });
    const store = n.config['storeName'];
    if (typeof store === 'string') {
      const first = stores.get(store);
      if (first !== undefined)
        problems.push({
          severity: 'error',
          code: 'name.store',
          message: `store "${store}" is already used by "${first}"`,
          nodeId: n.id,
          field: 'storeName',
        });
      else stores.set(store, n.id);
    }
  }
  return problems;
}

/** Sample records for a topic no source reads, or expectations for one no sink writes, are likely typos. */
function sampleTopicProblems(doc: TopologyDocument, io: Topics): Problem[] {
  const read = new Set(io.sources.map((s) => s.topic));
  const written = new Set(io.sinks.map((s) => s.topic));
  const stray = (records: object | undefined, known: Set<string>, says: (t: string) => string): Problem[] =>
    Object.keys(records ?? {})
      .filter((t) => !known.has(t))
      .map((t) => ({ severity: 'warning', code: 'samples.topic', message: says(t) }));
  return [
    ...stray(doc.settings.testData, read, (t) => `sample records for "${t}", which no source reads`),
    ...stray(doc.settings.expected, written, (t) => `expected records for "${t}", which no sink writes`),
  ];
}

/** Joins need co-partitioned inputs: same key type and the same number of partitions. */
function joinProblems(a: Analysis): Problem[] {
  const problems: Problem[] = [];
  for (const r of a.nodes.values()) {
    if (!COPARTITIONED_JOINS.includes(r.node.kind)) continue;
    const left = flowInto(a, r.node.id, 'in');
    const right = flowInto(a, r.node.id, 'right');
    if (!left || !right) continue;
    if (left.keyType !== right.keyType)
      problems.push({
        severity: 'error',
        code: 'join.keyType',
        message: `join inputs must share a key type: left is ${left.keyType}, right is ${right.keyType}`,
        nodeId: r.node.id,
      });
    if (left.partitions !== null && right.partitions !== null && left.partitions !== right.partitions)
      problems.push({
        severity: 'error',
        code: 'join.copartition',
        message:
          `join inputs are not co-partitioned: ${left.partitionedLike.join(', ')} has ${left.partitions} partitions, ` +
          `${right.partitionedLike.join(', ')} has ${right.partitions}; repartition one side to match`,
        nodeId: r.node.id,
      });
  }
  return problems;
}

function repartitionNotes(a: Analysis): Problem[] {
  const notes: Problem[] = [];
  for (const r of a.nodes.values()) {
    if (!r.spec?.repartitions || !r.config) continue;
    const inputs: Record<string, FlowInfo> = {};
    for (const port of r.spec.inputs) {
      const info = flowInto(a, r.node.id, port.id);
      if (info) inputs[port.id] = info;
    }
    for (const topic of r.spec.repartitions({ node: r.node, config: r.config, inputs }))
      notes.push({
        severity: 'note',
        code: 'repartition',
        message: `will repartition through ${a.applicationId}-${topic}`,
        nodeId: r.node.id,
      });
  }
  return notes;
}

/** The flow arriving at a node's input port, when known. */
export function flowInto(a: Analysis, nodeId: string, port: string): FlowInfo | undefined {
  const edge = a.nodes.get(nodeId)?.inputs.get(port);
  if (!edge) return undefined;
  const src = a.nodes.get(edge.source);
  if (!src?.spec || !src.config) return undefined;
  return a.flows.get(edge.source)?.[sourceHandleOf(edge, src.spec, src.config)];
}

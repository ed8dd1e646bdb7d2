import { configFields, NODE_ID_PATTERN, type TopologyDocument } from './model.js';
import type { Change, Fix } from './changes.js';
import {
  changelogTopic,
  internalTopic,
  type Footprint,
  type InternalTopic,
  type StoreFootprint,
} from './footprint.js';

/**
 * Every change between what the running version keeps (`baseline`) and what the new version will use
 * (`current`), classified. `document` is the current version's document, when it is one: it is what fixes
 * edit, so a fix is offered only where the document can carry it.
 */
export function compareFootprints(
  baseline: Footprint,
  current: Footprint,
  document?: TopologyDocument,
): Change[] {
  const changes: Change[] = [];
  const oldApp = baseline.applicationId ?? current.applicationId;
  const newApp = current.applicationId ?? baseline.applicationId;
  if (baseline.applicationId !== null && current.applicationId !== null && oldApp !== newApp)
    changes.push({
      class: 'state-lost',
      subject: 'application-id',
      summary: `application id "${oldApp}" is now "${newApp}"`,
      consequence:
        'The new version is a new consumer group with new internal topics: it starts with every store empty ' +
        '(counts restart from zero) and reads its inputs from auto.offset.reset, not from where the old one stopped.',
      ...(document
        ? { fix: { kind: 'pin-application-id', applicationId: oldApp as string } satisfies Fix }
        : {}),
      abandons: [
        ...baseline.stores.filter((s) => !s.global).map((s) => changelogTopic(oldApp, s.name)),
        ...baseline.repartitionTopics.map((t) => internalTopic(oldApp, t.name)),
      ],
    });

  changes.push(...compareStores(baseline, current, document, oldApp));
  changes.push(...compareRepartitions(baseline, current, document, oldApp));
  changes.push(...compareTopics(baseline, current));
  changes.push(...comparePartitions(baseline, current));
  changes.push(...compareSubTopologies(baseline, current));
  return changes;
}

/**
 * Pairs what disappeared with what appeared in the same place: the same owning node, else the same
 * processor, else the same position among the unmatched ones of its sub-topology. A pair is a rename.
 */
function pairUp<T extends { nodeId?: string }>(
  gone: T[],
  added: T[],
  sameProcessor: (a: T, b: T) => boolean,
  slot: (t: T) => string,
): Array<[T, T]> {
  const pairs: Array<[T, T]> = [];
  const left = [...added];
  const take = (b: T, match: (a: T) => boolean): boolean => {
    const i = left.findIndex(match);
    if (i < 0) return false;
    pairs.push([b, left[i] as T]);
    left.splice(i, 1);
    return true;
  };
  const rest = gone.filter(
    (b) =>
      !(b.nodeId !== undefined && take(b, (a) => a.nodeId === b.nodeId)) &&
      !take(b, (a) => sameProcessor(a, b)),
  );
  for (const b of rest) take(b, (a) => slot(a) === slot(b));
  return pairs;
}

function compareStores(
  baseline: Footprint,
  current: Footprint,
  document: TopologyDocument | undefined,
  appId: string | null,
): Change[] {
  const changes: Change[] = [];
  const now = new Map(current.stores.map((s) => [s.name, s]));
  const before = new Set(baseline.stores.map((s) => s.name));
  const gone = baseline.stores.filter((s) => !now.has(s.name));
  const added = current.stores.filter((s) => !before.has(s.name));
  const slot = (s: StoreFootprint) => `${s.subTopology}:${s.global}`;
  const slotOf = (s: StoreFootprint, all: StoreFootprint[]) => {
    const same = all.filter((x) => slot(x) === slot(s));
    return `${slot(s)}#${same.indexOf(s)}`;
  };
  const pairs = pairUp(
    gone,
    added,
    (a, b) => a.processors.some((p) => b.processors.includes(p)),
    (s) => slotOf(s, gone.includes(s) ? gone : added),
  );
  const paired = new Set(pairs.flatMap(([b, c]) => [b, c]));

  for (const [b, c] of pairs) {
    const fix = storeFix(c, b.name, document);
    changes.push({
      class: b.global ? 'compatible' : 'state-lost',
      subject: 'store',
      summary: `store "${b.name}" is now "${c.name}"${b.generated ? ' (Kafka generated the old name)' : ''}`,
      consequence: b.global
        ? `The new version rebuilds "${c.name}" from its topic: nothing is lost, but it must read the whole topic first.`
        : `The new version starts "${c.name}" empty and restores nothing from "${changelogTopic(appId, b.name)}": ` +
          'aggregates restart from zero and joins miss every record seen before the upgrade.',
      ...(c.nodeId !== undefined ? { nodeId: c.nodeId } : {}),
      ...(fix ? { fix } : {}),
      ...(b.global ? {} : { abandons: [changelogTopic(appId, b.name)] }),
    });
    changes.push(...compareStoreLayout(b, c));
  }
  for (const b of gone.filter((s) => !paired.has(s)))
    changes.push({
      class: b.global ? 'compatible' : 'state-lost',
      subject: 'store',
      summary: `store "${b.name}" is dropped`,
      consequence: b.global
        ? 'The global store is no longer built; nothing else is affected.'
        : `Its state is gone from the new version; "${changelogTopic(appId, b.name)}" stays on the cluster unused.`,
      ...(b.global ? {} : { abandons: [changelogTopic(appId, b.name)] }),
    });
  for (const c of added.filter((s) => !paired.has(s)))
    changes.push({
      class: 'compatible',
      subject: 'store',
      summary: `store "${c.name}" is new`,
      consequence: 'It starts empty, as a new store should.',
      ...(c.nodeId !== undefined ? { nodeId: c.nodeId } : {}),
    });
  for (const b of baseline.stores) {
    const c = now.get(b.name);
    if (c) changes.push(...compareStoreLayout(b, c));
  }
  return changes;
}

/**
 * Where the store's name is the node's store name, pin the old one; where the node's id names it
 * (`<id>-store` of a suppression), keep the old id.
 */
function storeFix(
  store: StoreFootprint,
  name: string,
  document: TopologyDocument | undefined,
): Fix | undefined {
  const node = document?.nodes.find((n) => n.id === store.nodeId);
  if (!node) return undefined;
  const pinned = node.config['storeName'];
  if (
    configFields(node.kind).some((f) => f.name === 'storeName') &&
    (pinned === undefined || pinned === store.name)
  )
    return { kind: 'pin-store-name', nodeId: node.id, storeName: name };
  if (!store.name.startsWith(node.id)) return undefined;
  const suffix = store.name.slice(node.id.length);
  const id = name.endsWith(suffix) ? name.slice(0, name.length - suffix.length) : '';
  if (!NODE_ID_PATTERN.test(id) || document?.nodes.some((n) => n.id === id)) return undefined;
  return { kind: 'keep-node-id', nodeId: node.id, id };
}

const differs = <T>(a: T | undefined, b: T | undefined): boolean =>
  a !== undefined && b !== undefined && a !== b;

/** Changes to what the bytes in a kept store mean: serdes, types, kind and window layout. */
function compareStoreLayout(b: StoreFootprint, c: StoreFootprint): Change[] {
  const out: Change[] = [];
  const at = c.nodeId !== undefined ? { nodeId: c.nodeId } : {};
  const layout = (what: string, from: unknown, to: unknown, consequence: string): void => {
    out.push({
      class: 'incompatible',
      subject: 'store',
      summary: `store "${c.name}": ${what} ${String(from)} is now ${String(to)}`,
      consequence,
      ...at,
    });
  };
  const crash =
    'The new version restores the old bytes and reads them with the new layout: a rolling upgrade crashes on ' +
    'deserialization or, worse, misreads the old values.';
  if (differs(b.kind, c.kind)) layout('kind', b.kind, c.kind, crash);
  if (differs(b.keySerde, c.keySerde)) layout('key serde', b.keySerde, c.keySerde, crash);
  if (differs(b.valueSerde, c.valueSerde)) layout('value serde', b.valueSerde, c.valueSerde, crash);
  if (differs(b.keyType, c.keyType)) layout('key type', b.keyType, c.keyType, crash);
  if (differs(b.valueType, c.valueType)) layout('value type', b.valueType, c.valueType, crash);
  const windows =
    'Window keys hold their start time, and the new size puts records into windows the old ones overlap: ' +
    'old windows are read as if they had the new size, so results are wrong until the old ones expire.';
  if (differs(b.windowSizeMs, c.windowSizeMs))
    layout('window size (ms)', b.windowSizeMs, c.windowSizeMs, windows);
  if (differs(b.windowAdvanceMs, c.windowAdvanceMs))
    layout('window advance/gap (ms)', b.windowAdvanceMs, c.windowAdvanceMs, windows);
  const keeps = (what: string, from: unknown, to: unknown, consequence: string): void => {
    out.push({
      class: 'compatible',
      subject: 'store',
      summary: `store "${c.name}": ${what} ${String(from)} is now ${String(to)}`,
      consequence,
      ...at,
    });
  };
  if (differs(b.graceMs ?? 0, c.graceMs ?? 0) && (b.graceMs !== undefined || c.graceMs !== undefined))
    keeps(
      'grace (ms)',
      b.graceMs ?? 0,
      c.graceMs ?? 0,
      'The store keeps its layout; only late records are accepted or dropped differently from now on.',
    );
  else if (differs(b.retentionMs, c.retentionMs))
    keeps(
      'retention (ms)',
      b.retentionMs,
      c.retentionMs,
      'The store keeps its layout; old windows are kept longer or dropped sooner.',
    );
  if (differs(b.historyRetentionMs, c.historyRetentionMs))
    keeps(
      'history retention (ms)',
      b.historyRetentionMs,
      c.historyRetentionMs,
      'The versioned store keeps its layout; it keeps more or less history from now on.',
    );
  return out;
}

function compareRepartitions(
  baseline: Footprint,
  current: Footprint,
  document: TopologyDocument | undefined,
  appId: string | null,
): Change[] {
  const changes: Change[] = [];
  const now = new Map(current.repartitionTopics.map((t) => [t.name, t]));
  const before = new Set(baseline.repartitionTopics.map((t) => t.name));
  const gone = baseline.repartitionTopics.filter((t) => !now.has(t.name));
  const added = current.repartitionTopics.filter((t) => !before.has(t.name));
  const pairs = pairUp(
    gone,
    added,
    (a, b) => a.writer === b.writer,
    (t) => String((gone.includes(t) ? gone : added).indexOf(t)),
  );
  const paired = new Set(pairs.flatMap(([b, c]) => [b, c]));
  const stranded = (t: InternalTopic) =>
    `Records the old version wrote to "${internalTopic(appId, t.name)}" and had not yet processed are never read: ` +
    'their updates are missing from the results.';
  for (const [b, c] of pairs) {
    const fix = keepIdFix(c, b.name, document);
    changes.push({
      class: 'stranded',
      subject: 'repartition',
      summary: `repartition topic "${b.name}" is now "${c.name}"`,
      consequence: stranded(b),
      ...(c.nodeId !== undefined ? { nodeId: c.nodeId } : {}),
      ...(fix ? { fix } : {}),
      abandons: [internalTopic(appId, b.name)],
    });
  }
  for (const b of gone.filter((t) => !paired.has(t)))
    changes.push({
      class: 'stranded',
      subject: 'repartition',
      summary: `repartition topic "${b.name}" is dropped`,
      consequence: stranded(b),
      abandons: [internalTopic(appId, b.name)],
    });
  for (const c of added.filter((t) => !paired.has(t)))
    changes.push({
      class: 'compatible',
      subject: 'repartition',
      summary: `repartition topic "${c.name}" is new`,
      consequence: 'Kafka Streams creates it on start.',
      ...(c.nodeId !== undefined ? { nodeId: c.nodeId } : {}),
    });
  for (const b of baseline.repartitionTopics) {
    const c = now.get(b.name);
    if (c && differs(b.partitions, c.partitions))
      changes.push({
        class: 'incompatible',
        subject: 'partitions',
        summary: `repartition topic "${b.name}": ${b.partitions} partitions are now ${c.partitions}`,
        consequence:
          'Keys hash to other partitions than the ones their state was built in: the new tasks miss the old ' +
          'state of each key, and the existing topic has the old count, so Kafka Streams refuses to start.',
        ...(c.nodeId !== undefined ? { nodeId: c.nodeId } : {}),
      });
  }
  return changes;
}

/** The repartition topic is `<node id>-repartition`: the node can keep the old id where that is one. */
function keepIdFix(
  topic: InternalTopic,
  oldName: string,
  document: TopologyDocument | undefined,
): Fix | undefined {
  const id = oldName.replace(/-repartition$/, '');
  if (!document || topic.nodeId === undefined || id === oldName || !NODE_ID_PATTERN.test(id))
    return undefined;
  if (topic.name !== `${topic.nodeId}-repartition`) return undefined;
  if (document.nodes.some((n) => n.id === id)) return undefined;
  return { kind: 'keep-node-id', nodeId: topic.nodeId, id };
}

function compareTopics(baseline: Footprint, current: Footprint): Change[] {
  const { sourceTopics: readBefore, sinkTopics: writtenBefore } = baseline;
  const { sourceTopics: read, sinkTopics: written } = current;
  // [topics, the other version's, what they are, what the change is, what it means]: added topics and dropped
  // ones are all compatible, each with its own consequence.
  const rows: ReadonlyArray<[string[], string[], Change['subject'], (topic: string) => string, string]> = [
    [
      readBefore,
      read,
      'source-topic',
      (t) => `input topic "${t}" is no longer read`,
      'Its committed offsets stay with the group; records arriving there are ignored.',
    ],
    [
      read,
      readBefore,
      'source-topic',
      (t) => `input topic "${t}" is new`,
      'The group has no offsets for it: it is read from auto.offset.reset.',
    ],
    [
      writtenBefore,
      written,
      'sink-topic',
      (t) => `output topic "${t}" is no longer written`,
      'Its consumers stop receiving records.',
    ],
    [
      written,
      writtenBefore,
      'sink-topic',
      (t) => `output topic "${t}" is new`,
      'It must exist (or be auto-created) before the new version writes to it.',
    ],
  ];
  return rows.flatMap(([topics, other, subject, summary, consequence]) =>
    topics
      .filter((t) => !other.includes(t))
      .map((t): Change => ({ class: 'compatible', subject, summary: summary(t), consequence })),
  );
}

function comparePartitions(baseline: Footprint, current: Footprint): Change[] {
  const changes: Change[] = [];
  const stateful = new Set(
    current.subTopologies.filter((s) => s.stores.length > 0).flatMap((s) => s.sourceTopics),
  );
  for (const [topic, before] of Object.entries(baseline.partitions)) {
    const after = current.partitions[topic];
    if (after === undefined || after === before || !current.sourceTopics.includes(topic)) continue;
    const group = current.coPartitioned.find((g) => g.includes(topic));
    const mismatched = group?.filter((t) => t !== topic && current.partitions[t] !== after) ?? [];
    changes.push({
      // A stateless sub-topology keeps nothing per key: only the order of one key's records is at risk.
      class: stateful.has(topic) || group ? 'incompatible' : 'compatible',
      subject: 'partitions',
      summary: `input topic "${topic}": ${before} partitions are now ${after}`,
      consequence: [
        group
          ? `It is co-partitioned with ${group
              .filter((t) => t !== topic)
              .map((t) => `"${t}"`)
              .join(', ')} for a join` +
            (mismatched.length > 0
              ? `, which ${mismatched.length === 1 ? 'keeps' : 'keep'} another count: Kafka Streams refuses to start.`
              : ': every topic of the group changes together, but the keys move between tasks.')
          : '',
        stateful.has(topic) || group
          ? 'Keys hash to other partitions than the ones their state was built in: each task now holds another ' +
            'set of keys, so counts and joins see the old state of the wrong keys.'
          : 'Records of one key are split between old and new partitions: order per key is lost during the change.',
      ]
        .filter((s) => s !== '')
        .join(' '),
    });
  }
  return changes;
}

/** Which sub-topology each topic is read by: task ids are `<sub-topology>_<partition>`. */
function compareSubTopologies(baseline: Footprint, current: Footprint): Change[] {
  const changes: Change[] = [];
  const where = (fp: Footprint) =>
    new Map(
      fp.subTopologies.filter((s) => !s.global).flatMap((s) => s.sourceTopics.map((t) => [t, s] as const)),
    );
  const before = where(baseline);
  const after = where(current);
  for (const [topic, b] of before) {
    const c = after.get(topic);
    if (!c || c.id === b.id || b.stores.length === 0) continue;
    changes.push({
      class: 'compatible',
      subject: 'sub-topology',
      summary: `the tasks reading "${topic}" move from sub-topology ${b.id} to ${c.id}`,
      consequence:
        `Task ids change (${b.id}_N → ${c.id}_N): local state directories of the old tasks are not reused, so ` +
        'their stores are restored from the changelogs on first start (slower start, nothing lost).',
    });
  }
  return changes;
}

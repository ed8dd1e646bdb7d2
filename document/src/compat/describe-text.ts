import { parseDescribeWithPlacement } from '../import/describe.js';
import { GENERATED_STORE, type Footprint, type StoreFootprint, type SubTopology } from './footprint.js';

/** Internal topics Kafka Streams creates and both writes and reads: repartitions and FK-join subscriptions. */
const INTERNAL = /-(repartition|subscription-registration-topic|subscription-response-topic)$/;

const unique = (xs: Iterable<string>): string[] => [...new Set(xs)];

/**
 * The footprint a describe() text shows: topics, stores, internal topics and sub-topologies by name. It knows
 * no serdes, types or windows (describe() prints none), and the application id only when given.
 */
export function footprintFromDescribe(text: string, applicationId: string | null = null): Footprint {
  const nodes = parseDescribeWithPlacement(text);
  const written = new Set(nodes.filter((n) => n.role === 'Sink').flatMap((n) => n.topics));
  const read = new Set(nodes.filter((n) => n.role === 'Source').flatMap((n) => n.topics));
  const internal = (t: string): boolean => INTERNAL.test(t) && written.has(t) && read.has(t);

  const stores = new Map<string, StoreFootprint>();
  for (const n of nodes)
    for (const s of n.stores) {
      const known = stores.get(s);
      if (known) {
        known.processors.push(n.name);
        continue;
      }
      stores.set(s, {
        name: s,
        processors: [n.name],
        generated: GENERATED_STORE.test(s),
        global: n.global,
        subTopology: n.subTopology,
      });
    }

  const subs = new Map<number, SubTopology>();
  for (const n of nodes) {
    const sub = subs.get(n.subTopology) ?? {
      id: n.subTopology,
      global: n.global,
      sourceTopics: [],
      stores: [],
    };
    subs.set(n.subTopology, sub);
    if (n.role === 'Source') sub.sourceTopics = unique([...sub.sourceTopics, ...n.topics]);
    sub.stores = unique([...sub.stores, ...n.stores]);
  }

  // describe() does not say which operators join; the generated names do (KSTREAM-JOINTHIS-, KTABLE-JOINTHIS-).
  const coPartitioned = [...subs.values()]
    .filter((s) => !s.global && s.sourceTopics.length > 1)
    .filter((s) => nodes.some((n) => n.subTopology === s.id && /JOIN/.test(n.name)))
    .map((s) => [...s.sourceTopics].sort());

  return {
    applicationId,
    origin: 'describe',
    sourceTopics: unique([...read].filter((t) => !internal(t))).sort(),
    sinkTopics: unique([...written].filter((t) => !internal(t))).sort(),
    stores: [...stores.values()],
    repartitionTopics: nodes
      .filter((n) => n.role === 'Sink')
      .flatMap((n) => n.topics.filter(internal).map((t) => ({ name: t, writer: n.name }))),
    subTopologies: [...subs.values()].sort((a, b) => a.id - b.id),
    partitions: {},
    coPartitioned,
  };
}

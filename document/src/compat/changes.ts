/** How a change between two versions affects a running application. */
export type ChangeClass = 'compatible' | 'state-lost' | 'stranded' | 'incompatible';

export const CHANGE_CLASSES: readonly ChangeClass[] = [
  'compatible',
  'state-lost',
  'stranded',
  'incompatible',
];

export const CLASS_LABELS: Record<ChangeClass, string> = {
  compatible: 'compatible',
  'state-lost': 'state lost',
  stranded: 'in-flight records stranded',
  incompatible: 'incompatible',
};

export type ChangeSubject =
  'application-id' | 'store' | 'repartition' | 'source-topic' | 'sink-topic' | 'partitions' | 'sub-topology';

/** A document edit that keeps the baseline's name, where a rename is the only cause of a change. */
export type Fix =
  | { kind: 'pin-store-name'; nodeId: string; storeName: string }
  /** The node's id names its processor and its repartition topic (`<id>-repartition`): keep the old one. */
  | { kind: 'keep-node-id'; nodeId: string; id: string }
  | { kind: 'pin-application-id'; applicationId: string };

export interface Change {
  class: ChangeClass;
  subject: ChangeSubject;
  /** What changed, in one line: `store "counts-store" is now "tally-store"`. */
  summary: string;
  /** What the user will see in production after deploying it. */
  consequence: string;
  /** The node of the current version the change is about, for the designer's badge. */
  nodeId?: string;
  fix?: Fix;
  /** Topics the old version used that the new one will not (for the upgrade plan). */
  abandons?: string[];
}

export const fixLabel = (fix: Fix): string =>
  fix.kind === 'pin-store-name'
    ? `set the store name of "${fix.nodeId}" to "${fix.storeName}"`
    : fix.kind === 'keep-node-id'
      ? `rename "${fix.nodeId}" back to "${fix.id}"`
      : `set the application id back to "${fix.applicationId}"`;

const RANK: Record<ChangeClass, number> = { compatible: 0, stranded: 1, 'state-lost': 1, incompatible: 2 };

/** 0 when every change is compatible, 1 when state is lost or records are stranded, 2 when incompatible. */
export const exitCodeOf = (changes: readonly Change[]): number =>
  Math.max(0, ...changes.map((c) => RANK[c.class]));

export const worstClass = (changes: readonly Change[]): ChangeClass =>
  changes.some((c) => c.class === 'incompatible')
    ? 'incompatible'
    : changes.some((c) => c.class === 'state-lost')
      ? 'state-lost'
      : changes.some((c) => c.class === 'stranded')
        ? 'stranded'
        : 'compatible';

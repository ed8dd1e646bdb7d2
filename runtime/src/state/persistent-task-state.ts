import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import { bytesKey } from './bytes.js';

type BytesLevel = ClassicLevel<Uint8Array, Uint8Array>;

export interface PendingWrite {
  readonly key: Uint8Array;
  readonly value: Uint8Array | null;
}

const CHECKPOINT_FILE = '.checkpoint';
const CHECKPOINT_VERSION = 1;

/**
 * One task's stores on local disk (Kafka Streams' state directory): a LevelDB (classic-level) per logged store
 * under `<stateDir>/<applicationId>/<taskId>/<store>`, plus a `.checkpoint` file of the changelog offsets the
 * on-disk contents reflect. A restart loads the stores from disk and restores only the changelog from the
 * checkpoint on; without a checkpoint (a wiped directory) the task restores the whole changelog.
 *
 * The task's stores stay in memory and synchronous: changes are collected as they are logged and written to
 * disk in one batch per store at each commit, after the changelog records are acknowledged, so the hot path
 * never waits on the disk.
 */
export class PersistentTaskState {
  private readonly dbs = new Map<string, BytesLevel>();
  private readonly pending = new Map<string, Map<string, PendingWrite>>();
  private checkpoints = new Map<string, number>();
  private opened = false;

  constructor(
    readonly directory: string,
    /** Logged stores of the task and their changelog topics. */
    private readonly changelogs: readonly { storeName: string; topic: string }[],
  ) {
    for (const { storeName } of changelogs) this.pending.set(storeName, new Map());
  }

  /** Opens (creating if needed) the stores' databases and reads the checkpoint. */
  async open(): Promise<void> {
    if (this.opened) return;
    await mkdir(this.directory, { recursive: true });
    for (const { storeName } of this.changelogs) {
      const db: BytesLevel = new ClassicLevel<Uint8Array, Uint8Array>(join(this.directory, storeName), {
        keyEncoding: 'view',
        valueEncoding: 'view',
      });
      try {
        await db.open();
      } catch (error) {
        await this.close();
        throw new Error(
          `cannot open the state of store "${storeName}" in ${this.directory} (is another instance of the application using the same stateDir?)`,
          { cause: error },
        );
      }
      this.dbs.set(storeName, db);
    }
    this.checkpoints = await this.readCheckpoint();
    this.opened = true;
  }

  /** The changelog offset the store's on-disk contents reflect; undefined when there is no usable checkpoint. */
  checkpointed(changelogTopic: string): number | undefined {
    return this.checkpoints.get(changelogTopic);
  }

  /** Feeds every entry on disk for `storeName` to `apply`, in batches; returns how many there were. */
  async load(
    storeName: string,
    apply: (entries: readonly PendingWrite[]) => void,
    batch = 10_000,
  ): Promise<number> {
    const db = this.db(storeName);
    let count = 0;
    let entries: PendingWrite[] = [];
    for await (const [key, value] of db.iterator()) {
      entries.push({ key, value });
      if (entries.length === batch) {
        apply(entries);
        count += entries.length;
        entries = [];
      }
    }
    if (entries.length > 0) apply(entries);
    return count + entries.length;
  }

  /** Forgets what is on disk for a store, before a full restore from its changelog. */
  async clear(storeName: string): Promise<void> {
    await this.db(storeName).clear();
    this.pending.get(storeName)?.clear();
    const topic = this.changelogs.find((c) => c.storeName === storeName)?.topic;
    if (topic !== undefined) this.checkpoints.delete(topic);
  }

  /** Whether logged writes are waiting for the next checkpoint (without them, the checkpoint is current). */
  get hasPendingChanges(): boolean {
    for (const writes of this.pending.values()) if (writes.size > 0) return true;
    return false;
  }

  /** Notes a logged write (value null = delete); it reaches the disk at the next checkpoint. */
  recordChange(storeName: string, key: Uint8Array, value: Uint8Array | null): void {
    // Only the latest write per key matters on disk: keep one entry per key until the checkpoint.
    this.pending.get(storeName)?.set(bytesKey(key), { key, value });
  }

  /**
   * Writes the collected changes, then the checkpoint: `offsets` are the changelog end offsets once the
   * changes were acknowledged. Written in that order, a crash in between leaves an older checkpoint, and
   * replaying the changelog from it over newer contents still ends in the changelog's state.
   */
  async checkpoint(offsets: ReadonlyMap<string, number>): Promise<void> {
    if (!this.opened) return;
    for (const [storeName, writes] of this.pending) {
      if (writes.size === 0) continue;
      const batch = this.db(storeName).batch();
      for (const { key, value } of writes.values()) {
        if (value === null) batch.del(key);
        else batch.put(key, value);
      }
      writes.clear();
      await batch.write();
    }
    for (const [topic, offset] of offsets) this.checkpoints.set(topic, offset);
    await this.writeCheckpoint();
  }

  async close(): Promise<void> {
    const dbs = [...this.dbs.values()];
    this.dbs.clear();
    this.opened = false;
    await Promise.all(dbs.map((db) => db.close()));
  }

  private db(storeName: string): BytesLevel {
    const db = this.dbs.get(storeName);
    if (db === undefined) throw new Error(`the local state of store "${storeName}" is not open`);
    return db;
  }

  private async readCheckpoint(): Promise<Map<string, number>> {
    let text: string;
    try {
      text = await readFile(join(this.directory, CHECKPOINT_FILE), 'utf8');
    } catch {
      return new Map();
    }
    const offsets = new Map<string, number>();
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null) return offsets;
      const { version, offsets: raw } = parsed as { version?: unknown; offsets?: unknown };
      if (version !== CHECKPOINT_VERSION || typeof raw !== 'object' || raw === null) return offsets;
      for (const [topic, offset] of Object.entries(raw)) {
        if (Number.isSafeInteger(offset) && (offset as number) >= 0) offsets.set(topic, offset as number);
      }
    } catch {
      // A torn or foreign file is no checkpoint: the task restores the whole changelog, which is always safe.
      offsets.clear();
    }
    return offsets;
  }

  private async writeCheckpoint(): Promise<void> {
    const path = join(this.directory, CHECKPOINT_FILE);
    const temporary = `${path}.tmp`;
    const body = JSON.stringify({
      version: CHECKPOINT_VERSION,
      offsets: Object.fromEntries(this.checkpoints),
    });
    await writeFile(temporary, body);
    // rename is atomic: a reader sees the old checkpoint or the new one, never half of one.
    await rename(temporary, path);
  }
}

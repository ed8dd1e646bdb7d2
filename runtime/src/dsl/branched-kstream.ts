import type { DslContext } from './dsl-context.js';
import type { KStream } from './kstream.js';
import type { Predicate } from './options.js';
import { branchSupplier, passThroughSupplier } from './stream-processors.js';

export interface Branched<K, V> {
  /** Suffix of the branch name (the full name is the split's name + this). */
  readonly name?: string;
  /** Transforms the branch; its result is what the map holds (nothing if it returns undefined). */
  readonly chain?: (branch: KStream<K, V>) => KStream<K, V> | undefined | void;
}

/**
 * KStream#split(): branches are named `<splitName><branchName>`, or `<splitName><index>` (1-based, 0 for the
 * default branch) when unnamed — as Kafka's BranchedKStreamImpl.
 */
export class BranchedKStream<K, V> {
  private readonly predicates: Predicate<K, V>[] = [];
  private readonly childNames: string[] = [];
  private readonly outputs = new Map<string, KStream<K, V>>();
  private done = false;

  constructor(
    private readonly ctx: DslContext,
    private readonly splitterName: string,
    parentName: string,
    private readonly makeStream: (nodeName: string) => KStream<K, V>,
  ) {
    ctx.addProcessor(splitterName, branchSupplier(this.predicates, this.childNames), parentName);
  }

  branch(predicate: Predicate<K, V>, branched: Branched<K, V> = {}): this {
    this.checkOpen();
    this.predicates.push(predicate);
    this.createBranch(branched, this.predicates.length);
    return this;
  }

  defaultBranch(branched: Branched<K, V> = {}): Map<string, KStream<K, V>> {
    this.checkOpen();
    this.createBranch(branched, 0);
    this.done = true;
    return this.outputs;
  }

  noDefaultBranch(): Map<string, KStream<K, V>> {
    this.checkOpen();
    this.done = true;
    return this.outputs;
  }

  private createBranch(branched: Branched<K, V>, index: number): void {
    const childName = this.splitterName + (branched.name ?? String(index));
    this.childNames.push(childName);
    // Kafka burns a counter value per branch (newProcessorName(childName)) for compatibility.
    this.ctx.names.newProcessorName(childName);
    this.ctx.addProcessor(childName, passThroughSupplier<K, V>(), this.splitterName);
    const branch = this.makeStream(childName);
    if (branched.chain) {
      const result = branched.chain(branch);
      if (result) this.outputs.set(childName, result);
    } else {
      this.outputs.set(childName, branch);
    }
  }

  private checkOpen(): void {
    if (this.done)
      throw new Error(`split "${this.splitterName}" already ended with defaultBranch/noDefaultBranch`);
  }
}

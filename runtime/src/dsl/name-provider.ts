// Kafka Streams' generated names: one counter shared by sources, processors and stores, zero-padded to ten
// digits (InternalStreamsBuilder#newProcessorName / #newStoreName). Operators must draw from it in exactly the
// order Kafka does, or generated names (and thus describe(), store and topic names) drift.

function pad(index: number): string {
  return String(index).padStart(10, '0');
}

export class NameProvider {
  private index = 0;

  newProcessorName(prefix: string): string {
    return prefix + pad(this.index++);
  }

  newStoreName(prefix: string): string {
    return `${prefix}STATE-STORE-${pad(this.index++)}`;
  }

  /** Kafka's NamedInternal#orElseGenerateWithPrefix: the user's name, or a generated one. */
  orElseGenerate(name: string | undefined, prefix: string): string {
    return name ?? this.newProcessorName(prefix);
  }

  /**
   * Kafka's NamedInternal#suffixWithOrElseGet: `<name><suffix>`, or a generated name. The counter moves even
   * when a name is given, as in Kafka (for topology compatibility).
   */
  suffixOrElseGenerate(name: string | undefined, suffix: string, prefix: string): string {
    const generated = this.newProcessorName(prefix);
    return name !== undefined ? name + suffix : generated;
  }
}

/** A topic name a serde is given for a part of a record that has no topic of its own. */
export interface PseudoTopic {
  readonly name: string;
}

/**
 * Kafka's foreign-key join pseudo topics (`<app>-<subscription topic>-fk`, `-pk`, `-vh`): what the key, primary
 * key and value-hash serializations are told, so serdes that derive names from topics (schema registries) see
 * Kafka's names. The application id is known only when tasks start, so the processors resolve them in init.
 */
export class PseudoTopics {
  private prefix = '';
  readonly foreignKey: PseudoTopic = new SuffixedTopic(this, '-fk');
  readonly primaryKey: PseudoTopic = new SuffixedTopic(this, '-pk');
  readonly valueHash: PseudoTopic = new SuffixedTopic(this, '-vh');

  constructor(private readonly subscriptionTopic: string) {}

  resolve(applicationId: string): void {
    this.prefix = `${applicationId}-`;
  }

  nameWith(suffix: string): string {
    return `${this.prefix}${this.subscriptionTopic}${suffix}`;
  }
}

class SuffixedTopic implements PseudoTopic {
  constructor(
    private readonly topics: PseudoTopics,
    private readonly suffix: string,
  ) {}

  get name(): string {
    return this.topics.nameWith(this.suffix);
  }
}

/** A fixed pseudo topic (tests, and callers that know the name up front). */
export const pseudoTopic = (name: string): PseudoTopic => ({ name });

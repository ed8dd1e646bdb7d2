import { KafkaJSAggregateError, KafkaJSProtocolError, type Admin } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { TopicAdmin, TopicCreationError } from './topic-admin.js';

// What a real broker does when two instances of one application start at the same moment: the second
// CreateTopics answers TOPIC_ALREADY_EXISTS (kafkajs: an aggregate "Topic creation errors"), and that broker's
// metadata may not list the topic, or its partition leaders, for a moment longer.

interface FakeTopic {
  readonly name: string;
  readonly partitions: number;
  /** Metadata requests that still do not list the topic; then its leaders are unknown for `leaderless` more. */
  hiddenFor: number;
  leaderless: number;
}

function fakeAdmin(topics: FakeTopic[], createError?: Error): Admin {
  const visible = (t: FakeTopic): boolean => t.hiddenFor <= 0;
  const fake = {
    async listTopics() {
      const listed = topics.filter(visible).map((t) => t.name);
      for (const t of topics) t.hiddenFor--;
      return listed;
    },
    async fetchTopicMetadata({ topics: names }: { topics: string[] }) {
      return {
        topics: topics
          .filter((t) => names.includes(t.name) && visible(t))
          .map((t) => {
            const leader = t.leaderless-- > 0 ? -1 : 0;
            return {
              name: t.name,
              partitions: Array.from({ length: t.partitions }, (_, partitionId) => ({ partitionId, leader })),
            };
          }),
      };
    },
    async createTopics() {
      if (createError !== undefined) throw createError;
      return true;
    },
  };
  // Only the three calls TopicAdmin makes are implemented; the rest of kafkajs' Admin is never touched.
  return fake as unknown as Admin;
}

const alreadyExists = (topic: string): Error =>
  Object.assign(
    new KafkaJSProtocolError(
      Object.assign(new Error('Topic with this name already exists'), {
        type: 'TOPIC_ALREADY_EXISTS',
        code: 36,
      }),
    ),
    { topic },
  );

describe('TopicAdmin.createTopics with a concurrent creator', () => {
  it('takes TOPIC_ALREADY_EXISTS as success and waits for the metadata to show the topic and its leaders', async () => {
    const topic: FakeTopic = { name: 'app-store-repartition', partitions: 4, hiddenFor: 3, leaderless: 2 };
    const error = new KafkaJSAggregateError('Topic creation errors', [alreadyExists(topic.name)]);
    const admin = new TopicAdmin(fakeAdmin([topic], error));
    await expect(admin.createTopics([{ name: topic.name, partitions: 4 }])).resolves.toBeUndefined();
    expect(await admin.partitionCount(topic.name)).toBe(4);
  });

  it('still checks the partition count of a topic another instance created', async () => {
    const topic: FakeTopic = { name: 'app-store-changelog', partitions: 3, hiddenFor: 1, leaderless: 0 };
    const error = new KafkaJSAggregateError('Topic creation errors', [alreadyExists(topic.name)]);
    const admin = new TopicAdmin(fakeAdmin([topic], error));
    await expect(admin.createTopics([{ name: topic.name, partitions: 4 }])).rejects.toThrow(
      /was created with 3 partitions, but the topology needs 4/,
    );
  });

  it('gives up with a clear error when the metadata never shows the topic', async () => {
    const topic: FakeTopic = { name: 'app-x-repartition', partitions: 4, hiddenFor: 1e9, leaderless: 0 };
    const admin = new TopicAdmin(fakeAdmin([topic]), 400);
    const creating = admin.createTopics([{ name: topic.name, partitions: 4 }]);
    await expect(creating).rejects.toBeInstanceOf(TopicCreationError);
    await expect(creating).rejects.toThrow(
      /app-x-repartition was created, but the cluster metadata did not show it .* within 400 ms/,
    );
  });

  it('does not take other creation errors for success', async () => {
    const invalid = new KafkaJSProtocolError(
      Object.assign(new Error('invalid config'), { type: 'INVALID_CONFIG', code: 40 }),
    );
    const topic: FakeTopic = { name: 'app-y-changelog', partitions: 4, hiddenFor: 1e9, leaderless: 0 };
    const error = new KafkaJSAggregateError('Topic creation errors', [alreadyExists('other'), invalid]);
    const admin = new TopicAdmin(fakeAdmin([topic], error));
    await expect(admin.createTopics([{ name: topic.name, partitions: 4 }])).rejects.toThrow(
      /Topic creation errors/,
    );
  });
});

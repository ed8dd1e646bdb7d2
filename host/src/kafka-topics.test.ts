import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listTopics } from './kafka-topics.js';

let server: Server | undefined;
afterEach(() => server?.close());

describe('the topic browser', () => {
  it('gives up on a broker that drops every connection after its first try and two retries', async () => {
    let connections = 0;
    server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((listening) => server!.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as { port: number };
    await expect(listTopics({ brokers: [`127.0.0.1:${port}`], ssl: false })).rejects.toThrow();
    // kafkajs' default of five retries would make six.
    expect(connections).toBe(3);
  });
});

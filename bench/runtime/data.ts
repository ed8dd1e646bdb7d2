// Deterministic input data for the runtime benchmarks, serialized as it sits in a topic, so the engine and
// the hand-written loops start from the same bytes.

export interface InputRecord {
  readonly key: Uint8Array | null;
  readonly value: Uint8Array;
  readonly timestamp: number;
}

const encoder = new TextEncoder();

/** Mulberry32: a small seeded PRNG, so every run benchmarks identical data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Event {
  readonly user: string;
  readonly amount: number;
  readonly kind: 'view' | 'click' | 'purchase';
}

const KINDS = ['view', 'click', 'purchase'] as const;

/** JSON events keyed by user, one millisecond apart: input of the stateless chain. */
export function events(count: number, seed = 1): InputRecord[] {
  const next = random(seed);
  const out: InputRecord[] = [];
  for (let i = 0; i < count; i++) {
    const user = `user-${Math.floor(next() * 1000)}`;
    const event: Event = {
      user,
      amount: Math.floor(next() * 10_000) / 100,
      kind: KINDS[Math.floor(next() * 3)]!,
    };
    out.push({ key: encoder.encode(user), value: encoder.encode(JSON.stringify(event)), timestamp: i });
  }
  return out;
}

const WORDS =
  'the quick brown fox jumps over the lazy dog while streams of records flow through topics and tables ' +
  'kafka keeps every partition ordered and each processor sees one record at a time';
const VOCABULARY = WORDS.split(' ');

/** Lines of 8–16 words, unkeyed: input of word count. */
export function lines(count: number, seed = 2): InputRecord[] {
  const next = random(seed);
  const out: InputRecord[] = [];
  for (let i = 0; i < count; i++) {
    const length = 8 + Math.floor(next() * 9);
    const words: string[] = [];
    for (let w = 0; w < length; w++) {
      const word = VOCABULARY[Math.floor(next() * VOCABULARY.length)]!;
      words.push(next() < 0.1 ? word.toUpperCase() : word);
    }
    out.push({ key: null, value: encoder.encode(`${words.join(' ')}.`), timestamp: i });
  }
  return out;
}

/** Prices keyed by ticker, 10 ms apart: input of the windowed aggregation. */
export function ticks(count: number, seed = 3): InputRecord[] {
  const next = random(seed);
  const tickers = ['AAPL', 'MSFT', 'GOOG', 'AMZN', 'META', 'NVDA', 'TSLA', 'ORCL'];
  const out: InputRecord[] = [];
  for (let i = 0; i < count; i++) {
    const ticker = tickers[Math.floor(next() * tickers.length)]!;
    const price = 100 + Math.floor(next() * 10_000) / 100;
    out.push({
      key: encoder.encode(ticker),
      value: encoder.encode(JSON.stringify({ price })),
      timestamp: i * 10,
    });
  }
  return out;
}

/** Two interleaved streams keyed by user (views and clicks), timestamps rising: input of the join. */
export function joinSides(count: number, seed = 4): { left: InputRecord[]; right: InputRecord[] } {
  const next = random(seed);
  const left: InputRecord[] = [];
  const right: InputRecord[] = [];
  for (let i = 0; i < count; i++) {
    const user = encoder.encode(`user-${Math.floor(next() * 500)}`);
    const side = next() < 0.5 ? left : right;
    side.push({
      key: user,
      value: encoder.encode(`${side === left ? 'view' : 'click'}-${i}`),
      timestamp: i * 2,
    });
  }
  return { left, right };
}

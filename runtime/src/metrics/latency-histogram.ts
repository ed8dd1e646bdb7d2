// A fixed-bucket latency histogram: recording is an index computation and an increment, so it can sit on the
// per-record hot path without allocating. Buckets grow geometrically (×~1.19, 4 per octave) from 1µs to
// ~17s, which bounds the percentile error to one bucket width (~19%) — plenty for a canvas overlay.

const MIN_MS = 0.001;
const BUCKETS_PER_OCTAVE = 4;
const BUCKET_COUNT = 96;
const LOG_BASE = Math.log(2) / BUCKETS_PER_OCTAVE;

function bucketUpperBoundMs(index: number): number {
  return MIN_MS * Math.exp(LOG_BASE * (index + 1));
}

export class LatencyHistogram {
  private readonly counts = new Uint32Array(BUCKET_COUNT);
  private total = 0;

  record(latencyMs: number): void {
    let index = latencyMs <= MIN_MS ? 0 : Math.floor(Math.log(latencyMs / MIN_MS) / LOG_BASE);
    if (index >= BUCKET_COUNT) index = BUCKET_COUNT - 1;
    this.counts[index] = (this.counts[index] ?? 0) + 1;
    this.total++;
  }

  get count(): number {
    return this.total;
  }

  /** The upper bound of the bucket holding the q-quantile (0 < q ≤ 1), or null when empty. */
  percentile(q: number): number | null {
    if (q <= 0 || q > 1) throw new RangeError(`percentile expects 0 < q ≤ 1, got ${q}`);
    if (this.total === 0) return null;
    const rank = Math.ceil(q * this.total);
    let seen = 0;
    for (let i = 0; i < BUCKET_COUNT; i++) {
      seen += this.counts[i] ?? 0;
      if (seen >= rank) return bucketUpperBoundMs(i);
    }
    return bucketUpperBoundMs(BUCKET_COUNT - 1);
  }

  /** Adds another histogram's counts (to merge tasks' histograms for one node). */
  add(other: LatencyHistogram): void {
    for (let i = 0; i < BUCKET_COUNT; i++) this.counts[i] = (this.counts[i] ?? 0) + (other.counts[i] ?? 0);
    this.total += other.total;
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
  }
}

// Ported from Kafka Streams' streams/src/test/java/org/apache/kafka/streams/state/internals/
// RocksDBVersionedStoreTest.java (the put/get/delete/expiry/restore cases; segments do not exist here, so the
// segment-boundary cases run as plain history). HISTORY_RETENTION 300000, SEGMENT_INTERVAL 100000, BASE 10.
import { beforeEach, describe, expect, it } from 'vitest';
import { Serdes } from '../../serdes/serdes.js';
import {
  InMemoryVersionedKeyValueStore,
  PUT_RETURN_CODE_NOT_PUT,
  PUT_RETURN_CODE_VALID_TO_UNDEFINED as UNDEFINED,
} from './versioned-key-value-store.js';

const HISTORY_RETENTION = 300_000;
const GRACE_PERIOD = HISTORY_RETENTION;
const SI = HISTORY_RETENTION / 3;
const BASE = 10;

let store: InMemoryVersionedKeyValueStore<string, string>;
const create = (retention = HISTORY_RETENTION) =>
  new InMemoryVersionedKeyValueStore('versioned', retention, Serdes.string(), Serdes.string());
beforeEach(() => {
  store = create();
});

const put = (key: string, value: string | null, timestamp: number, expectedValidTo: number): void => {
  expect(store.put(key, value, timestamp), `put ${key}=${String(value)}@${timestamp}`).toBe(expectedValidTo);
};
const latest = (key: string, value: string, timestamp: number): void => {
  expect(store.get(key)).toEqual({ value, timestamp });
};
const latestNull = (key: string): void => {
  expect(store.get(key)).toBeNull();
};
const asOf = (key: string, at: number, value: string, timestamp: number, validTo: number): void => {
  expect(store.get(key, at), `${key} as of ${at}`).toEqual(
    validTo === UNDEFINED ? { value, timestamp } : { value, timestamp, validTo },
  );
};
const asOfNull = (key: string, at: number): void => {
  expect(store.get(key, at), `${key} as of ${at}`).toBeNull();
};

describe('RocksDBVersionedStoreTest (in-memory versioned store)', () => {
  it('shouldPutLatest', () => {
    put('k', 'v', BASE, UNDEFINED);
    put('k', 'v2', BASE + 1, UNDEFINED);
    latest('k', 'v2', BASE + 1);
    asOf('k', BASE, 'v', BASE, BASE + 1);
    asOf('k', BASE + 1, 'v2', BASE + 1, UNDEFINED);
    asOf('k', BASE + 2, 'v2', BASE + 1, UNDEFINED);
  });

  it('shouldPutNullAsLatest', () => {
    put('k', null, BASE, UNDEFINED);
    put('k', null, BASE + 1, UNDEFINED);
    latestNull('k');
    asOfNull('k', BASE);
    asOfNull('k', BASE + 1);
    asOfNull('k', BASE + 2);
  });

  it('shouldPutOlderWithNonNullLatest', () => {
    put('k', 'v', BASE, UNDEFINED);
    put('k', 'v2', BASE - 2, BASE);
    put('k', 'v1', BASE - 1, BASE);
    put('k', 'v4', BASE - 4, BASE - 2);
    latest('k', 'v', BASE);
    asOf('k', BASE, 'v', BASE, UNDEFINED);
    asOf('k', BASE - 1, 'v1', BASE - 1, BASE);
    asOf('k', BASE - 2, 'v2', BASE - 2, BASE - 1);
    asOf('k', BASE - 3, 'v4', BASE - 4, BASE - 2);
  });

  it('shouldPutOlderWithNullLatest', () => {
    put('k', null, BASE, UNDEFINED);
    put('k', 'v2', BASE - 2, BASE);
    put('k', 'v1', BASE - 1, BASE);
    put('k', 'v4', BASE - 4, BASE - 2);
    latestNull('k');
    asOfNull('k', BASE);
    asOf('k', BASE - 1, 'v1', BASE - 1, BASE);
    asOf('k', BASE - 2, 'v2', BASE - 2, BASE - 1);
    asOf('k', BASE - 3, 'v4', BASE - 4, BASE - 2);
  });

  it('shouldPutOlderNullWithNonNullLatest', () => {
    put('k', 'v', BASE, UNDEFINED);
    put('k', null, BASE - 2, BASE);
    put('k', null, BASE - 1, BASE);
    put('k', null, BASE - 4, BASE - 2);
    put('k', 'v5', BASE - 5, BASE - 4);
    put('k', 'v3', BASE - 3, BASE - 2);
    put('k', null, BASE - 6, BASE - 5);
    latest('k', 'v', BASE);
    asOf('k', BASE, 'v', BASE, UNDEFINED);
    asOfNull('k', BASE - 1);
    asOfNull('k', BASE - 2);
    asOf('k', BASE - 3, 'v3', BASE - 3, BASE - 2);
    asOfNull('k', BASE - 4);
    asOf('k', BASE - 5, 'v5', BASE - 5, BASE - 4);
    asOfNull('k', BASE - 6);
  });

  it('shouldPutRepeatTimestampAsLatest', () => {
    put('k', 'to_be_replaced', BASE, UNDEFINED);
    put('k', 'b', BASE, UNDEFINED);
    latest('k', 'b', BASE);
    asOf('k', BASE, 'b', BASE, UNDEFINED);
    asOfNull('k', BASE - 1);
    put('k', null, BASE, UNDEFINED);
    latestNull('k');
    asOfNull('k', BASE);
    asOfNull('k', BASE - 1);
    put('k', null, BASE, UNDEFINED);
    latestNull('k');
    put('k', 'b', BASE, UNDEFINED);
    latest('k', 'b', BASE);
    asOf('k', BASE, 'b', BASE, UNDEFINED);
    asOfNull('k', BASE - 1);
  });

  it('shouldPutRepeatTimestamps', () => {
    put('k', 'to_be_replaced', SI + 20, UNDEFINED);
    put('k', null, SI - 10, SI + 20);
    put('k', 'to_be_replaced', SI - 10, SI + 20);
    put('k', null, SI - 10, SI + 20);
    put('k', 'to_be_replaced', SI - 1, SI + 20);
    put('k', 'to_be_replaced', SI + 1, SI + 20);
    put('k', null, SI - 1, SI + 1);
    put('k', null, SI + 1, SI + 20);
    put('k', null, SI + 10, SI + 20);
    put('k', null, SI + 5, SI + 10);
    put('k', 'vp5', SI + 5, SI + 10);
    put('k', 'to_be_replaced', SI - 5, SI - 1);
    put('k', 'vn5', SI - 5, SI - 1);
    put('k', null, SI + 20, UNDEFINED);
    put('k', null, SI + 20, UNDEFINED);
    put('k', 'vn6', SI - 6, SI - 5);
    latestNull('k');
    asOfNull('k', SI + 30);
    asOfNull('k', SI + 15);
    asOf('k', SI + 6, 'vp5', SI + 5, SI + 10);
    asOfNull('k', SI + 2);
    asOfNull('k', SI);
    asOfNull('k', SI - 1);
    asOf('k', SI - 5, 'vn5', SI - 5, SI - 1);
    asOf('k', SI - 6, 'vn6', SI - 6, SI - 5);
    asOfNull('k', SI - 8);
  });

  it('shouldMoveRecordToOlderSegmentDuringPut', () => {
    put('k', 'vp20', SI + 20, UNDEFINED);
    put('k', 'vp10', SI + 10, SI + 20);
    put('k', 'vn10', SI - 10, SI + 10);
    put('k', 'vn2', SI - 2, SI + 10);
    put('k', 'vn1', SI - 1, SI + 10);
    put('k', 'vp1', SI + 1, SI + 10);
    latest('k', 'vp20', SI + 20);
    asOf('k', SI + 30, 'vp20', SI + 20, UNDEFINED);
    asOf('k', SI + 15, 'vp10', SI + 10, SI + 20);
    asOf('k', SI + 5, 'vp1', SI + 1, SI + 10);
    asOf('k', SI, 'vn1', SI - 1, SI + 1);
    asOf('k', SI - 1, 'vn1', SI - 1, SI + 1);
    asOf('k', SI - 2, 'vn2', SI - 2, SI - 1);
    asOf('k', SI - 5, 'vn10', SI - 10, SI - 2);
  });

  it('shouldPutNonLatestTombstoneIntoNewSegmentWithValidTo', () => {
    put('k', 'vp30', SI + 30, UNDEFINED);
    put('k', null, SI - 10, SI + 30);
    put('k', 'vn5', SI - 5, SI + 30);
    put('k', 'vn1', SI - 1, SI + 30);
    put('k', null, SI - 2, SI - 1);
    latest('k', 'vp30', SI + 30);
    asOf('k', SI + 10, 'vn1', SI - 1, SI + 30);
    asOf('k', SI - 1, 'vn1', SI - 1, SI + 30);
    asOfNull('k', SI - 2);
    asOf('k', SI - 5, 'vn5', SI - 5, SI - 2);
    asOfNull('k', SI - 10);
  });

  it('shouldDelete', () => {
    put('k', 'vp20', SI + 20, UNDEFINED);
    put('k', 'vp10', SI + 10, SI + 20);
    put('k', 'vn10', SI - 10, SI + 10);
    put('k', 'vn2', SI - 2, SI + 10);
    expect(store.delete('k', SI - 5)).toEqual({ value: 'vn10', timestamp: SI - 10 });
    expect(store.delete('k', SI + 10)).toEqual({ value: 'vp10', timestamp: SI + 10 });
    expect(store.delete('k', SI + 10)).toBeNull();
    expect(store.delete('k', SI + 25)).toEqual({ value: 'vp20', timestamp: SI + 20 });
  });

  it('shouldNotPutExpired', () => {
    put('k', 'v', HISTORY_RETENTION + 10, UNDEFINED);
    // grace period has not elapsed
    put('k1', 'v1', HISTORY_RETENTION + 10 - GRACE_PERIOD, UNDEFINED);
    latest('k1', 'v1', HISTORY_RETENTION + 10 - GRACE_PERIOD);
    // grace period has elapsed, so this put does not take place
    put('k2', 'v2', HISTORY_RETENTION + 9 - GRACE_PERIOD, PUT_RETURN_CODE_NOT_PUT);
    latestNull('k2');
    expect(store.expiredRecords).toBe(1);
  });

  it('shouldNotDeleteExpired', () => {
    put('k1', 'v1', 1, UNDEFINED);
    put('k2', 'v2', 1, UNDEFINED);
    put('kother', 'vother', HISTORY_RETENTION + 10, UNDEFINED);
    expect(store.delete('k1', HISTORY_RETENTION + 10 - GRACE_PERIOD)).toEqual({ value: 'v1', timestamp: 1 });
    latestNull('k1');
    expect(store.delete('k2', HISTORY_RETENTION + 9 - GRACE_PERIOD)).toBeNull();
    latest('k2', 'v2', 1);
    expect(store.expiredRecords).toBe(1);
  });

  it('shouldNotGetExpired', () => {
    put('k', 'v_old', 0, UNDEFINED);
    put('k', 'v', SI - 10, UNDEFINED);
    asOf('k', SI - 11, 'v_old', 0, SI - 10);
    put('ko', 'vo', HISTORY_RETENTION + SI - 11, UNDEFINED);
    asOf('k', SI - 11, 'v_old', 0, SI - 10);
    put('ko', 'vo2', HISTORY_RETENTION + SI - 10, UNDEFINED);
    asOfNull('k', SI - 11);
  });

  it('shouldGetExpiredIfLatestValue', () => {
    put('k', 'v', 1, UNDEFINED);
    put('ko', 'vo_old', 1, UNDEFINED);
    put('ko', 'vo_new', HISTORY_RETENTION + 12, UNDEFINED);
    asOf('k', 10, 'v', 1, UNDEFINED);
    asOfNull('ko', 10);
  });

  it('shouldDistinguishEmptyAndNull', () => {
    put('k', null, SI + 20, UNDEFINED);
    put('k', null, SI - 10, SI + 20);
    put('k', null, SI - 1, SI + 20);
    put('k', null, SI + 1, SI + 20);
    put('k', null, SI + 10, SI + 20);
    // The empty string serializes to no bytes, which is not a tombstone.
    put('k', '', SI + 5, SI + 10);
    put('k', '', SI - 5, SI - 1);
    put('k', '', SI - 6, SI - 5);
    latestNull('k');
    asOfNull('k', SI + 30);
    asOfNull('k', SI + 15);
    asOf('k', SI + 6, '', SI + 5, SI + 10);
    asOfNull('k', SI + 2);
    asOfNull('k', SI);
    asOfNull('k', SI - 1);
    asOf('k', SI - 5, '', SI - 5, SI - 1);
    asOf('k', SI - 6, '', SI - 6, SI - 5);
    asOfNull('k', SI - 8);
  });

  it('shouldAllowZeroHistoryRetention', () => {
    store = create(0);
    put('k', 'v', BASE, UNDEFINED);
    latest('k', 'v', BASE);
    asOf('k', BASE, 'v', BASE, UNDEFINED);
    asOf('k', BASE + 1, 'v', BASE, UNDEFINED); // query in "future" is allowed
    put('k', 'updated', BASE, UNDEFINED);
    latest('k', 'updated', BASE);
    put('k', 'v2', BASE + 2, UNDEFINED);
    latest('k', 'v2', BASE + 2);
    asOfNull('k', BASE + 1); // history retention expired
    store.delete('k', BASE + 3);
    latestNull('k');
    put('k2', 'v', BASE + 2, PUT_RETURN_CODE_NOT_PUT); // grace period expired
    latestNull('k2');
  });

  it('shouldRestore', () => {
    const log: [Uint8Array, Uint8Array | null][] = [];
    store.setChangeLogger((k, v) => log.push([k, v]));
    put('k', 'vp20', SI + 20, UNDEFINED);
    put('k', 'vp10', SI + 10, SI + 20);
    put('k', 'vn10', SI - 10, SI + 10);
    put('k', 'vn2', SI - 2, SI + 10);
    put('k', 'vn1', SI - 1, SI + 10);
    put('k', 'vp1', SI + 1, SI + 10);
    store = create();
    for (const [k, v] of log) store.restore(k, v);
    latest('k', 'vp20', SI + 20);
    asOf('k', SI + 30, 'vp20', SI + 20, UNDEFINED);
    asOf('k', SI + 15, 'vp10', SI + 10, SI + 20);
    asOf('k', SI + 5, 'vp1', SI + 1, SI + 10);
    asOf('k', SI, 'vn1', SI - 1, SI + 1);
    asOf('k', SI - 1, 'vn1', SI - 1, SI + 1);
    asOf('k', SI - 2, 'vn2', SI - 2, SI - 1);
    asOf('k', SI - 5, 'vn10', SI - 10, SI - 2);
  });

  it('shouldRestoreWithNulls, and the stream time with them', () => {
    store = create(100);
    const log: [Uint8Array, Uint8Array | null][] = [];
    store.setChangeLogger((k, v) => log.push([k, v]));
    put('k', null, 220, UNDEFINED);
    put('k', 'v199', 199, 220);
    put('k', null, 201, 220);
    put('k', 'v210', 210, 220);
    store = create(100);
    for (const [k, v] of log) store.restore(k, v);
    latestNull('k');
    asOfNull('k', 215 + 10);
    asOf('k', 215, 'v210', 210, 220);
    asOfNull('k', 205);
    asOf('k', 200, 'v199', 199, 201);
    // Stream time (220) came back too: a put older than the retention is still refused.
    put('k2', 'late', 119, PUT_RETURN_CODE_NOT_PUT);
  });

  it('logs a changelog delete when a version expires, so compaction can drop it', () => {
    store = create(10);
    const log: [string, number, boolean][] = [];
    store.setChangeLogger((k, v) => {
      const view = new DataView(k.buffer, k.byteOffset, k.byteLength);
      log.push([
        new TextDecoder().decode(k.subarray(0, k.length - 8)),
        view.getUint32(k.length - 4),
        v === null,
      ]);
    });
    put('k', 'a', 0, UNDEFINED);
    put('k', 'b', 5, UNDEFINED);
    put('k', 'c', 20, UNDEFINED);
    // Stream time 20, retention 10: 'a' (valid 0–5) is unreachable, 'b' (valid 5–20) still answers as of 10–19.
    asOf('k', 10, 'b', 5, 20);
    put('k', 'd', 40, UNDEFINED);
    expect(log).toEqual([
      ['k', 0, false],
      ['k', 5, false],
      ['k', 20, false],
      ['k', 0, true],
      ['k', 40, false],
      ['k', 5, true],
    ]);
    latest('k', 'd', 40);
    asOf('k', 30, 'c', 20, 40);
  });
});

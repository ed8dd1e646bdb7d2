// A recording's counts for the Run dock, read in the host from the file text (no user code involved).
import type { RecordingSummary } from '@topograph/api';
import { DEFAULT_RECORDING_LIMITS, parseRecording, recordBytes } from '@topograph/runtime';

export function summarizeRecording(text: string, source: string): RecordingSummary {
  const r = parseRecording(text);
  const inputs = r.records.filter((x) => x.direction === 'in').length;
  return {
    source,
    records: r.records.length,
    inputs,
    outputs: r.records.length - inputs,
    dropped: r.dropped,
    bytes: r.records.reduce((n, x) => n + recordBytes(x), 0),
    maxRecords: DEFAULT_RECORDING_LIMITS.maxRecords,
    maxBytes: DEFAULT_RECORDING_LIMITS.maxBytes,
  };
}

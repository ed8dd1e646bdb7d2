// What each studio call resolves to. Plain JSON data: both transports carry it unchanged.
import type { CompatReport, Problem, TopologyDocument } from '@topograph/document';
import type { CallName, KafkaProfile, RunTarget } from './inputs.js';
import type { DebugExplanation, DebugView, RecordingSummary, SavedRecording, SavedTest } from './debugger.js';

export interface FileEntry {
  /** Workspace-relative path. */
  path: string;
  /** Last modification, ms since the epoch. */
  modified: number;
  size: number;
}

export interface OpenedDocument {
  path: string;
  text: string;
}

export interface SavedDocument {
  path: string;
  modified: number;
  /** Where the previous version was kept (`.bak` next to it), when there was one. */
  backup: string | null;
}

export interface Template {
  /** File name of the example, e.g. `word-count.topology.json`. */
  name: string;
  title: string;
  text: string;
}

/** Unsaved edits kept by `documents.autosave`, offered after a crash until saved or discarded. */
export interface RecoveredDocument {
  draft: string;
  /** The file the edits belong to; null for a document never saved. */
  path: string | null;
  text: string;
  savedAt: number;
}

export interface GeneratedCode {
  files: Array<{ path: string; content: string }>;
  diagnostics: Problem[];
}

export interface ParsedCode {
  document: TopologyDocument;
  problems: Problem[];
}

export interface ExportedProject {
  dir: string;
  files: string[];
  diagnostics: Problem[];
}

export type SessionState = 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

export interface TopicSerdes {
  topic: string;
  keySerde: string;
  valueSerde: string;
}

export interface SessionStatus {
  sessionId: string;
  /** The window that started it (`sessions.start`'s `owner`), null when started without one. */
  owner: string | null;
  /** `runFingerprint` of the document it runs: differs from the canvas' when the canvas changed since. */
  fingerprint: string;
  state: SessionState;
  target: RunTarget;
  applicationId: string;
  /** Topics the session reads from (its producer panels) and writes to. */
  sourceTopics: string[];
  sinkTopics: string[];
  /** Serdes of the source and sink topics, so the producer can check lines before sending them. */
  topicSerdes: TopicSerdes[];
  stores: string[];
  /** Taps enabled on this session. */
  taps: TapTargetKey[];
  startedAt: number;
  /** Why it failed or stopped, when it did. */
  reason: string | null;
  /** Generation problems that stopped it from starting. */
  diagnostics: Problem[];
}

export interface ConsoleLineView {
  stream: 'stdout' | 'stderr' | 'system';
  text: string;
  at: number;
}

/** What a window needs to show a session it did not start in this page load. */
export interface AttachedSession {
  status: SessionStatus;
  /** The latest console output, oldest first. */
  console: ConsoleLineView[];
}

export interface StoreEntry {
  key: unknown;
  value: unknown;
  /** Timestamp of the latest update, for timestamped stores. */
  timestamp?: number;
}

export interface TopicRecord {
  topic: string;
  /** Null for records tapped between two processors (they have not been written to a topic there). */
  partition: number | null;
  offset: number | null;
  timestamp: number;
  key: unknown;
  value: unknown;
}

export interface TopicInfo {
  name: string;
  partitions: number;
}

/** A profile as the renderer sees it: whether its secret resolves, never the secret itself. */
export interface KafkaProfileView extends KafkaProfile {
  secretAvailable: boolean;
}

export interface CallResults {
  'documents.list': FileEntry[];
  'documents.open': OpenedDocument;
  'documents.save': SavedDocument;
  'documents.saveAs': SavedDocument;
  'documents.recent': string[];
  'documents.templates': Template[];
  'documents.autosave': { savedAt: number };
  'documents.recover': RecoveredDocument[];
  'documents.discardDraft': { discarded: boolean };
  'codegen.generate': GeneratedCode;
  'codegen.check': { diagnostics: Problem[] };
  'codegen.parse': ParsedCode;
  'codegen.export': ExportedProject;
  'compat.check': CompatReport;
  'sessions.start': SessionStatus;
  'sessions.stop': SessionStatus;
  'sessions.restart': SessionStatus;
  'sessions.status': SessionStatus;
  'sessions.list': SessionStatus[];
  'sessions.attach': AttachedSession;
  'sessions.produce': { produced: number };
  'sessions.generate': { ratePerSec: number };
  'sessions.tap': { taps: TapTargetKey[] };
  'sessions.queryStore': { entries: StoreEntry[] };
  'sessions.readTopic': { records: TopicRecord[] };
  'debugger.recording': RecordingSummary;
  'debugger.saveRecording': SavedRecording;
  'debugger.saveTest': SavedTest;
  'debugger.loadRecording': RecordingSummary;
  'debugger.open': DebugView;
  'debugger.seek': DebugView;
  'debugger.explain': DebugExplanation;
  'kafka.profiles.list': KafkaProfileView[];
  'kafka.profiles.save': KafkaProfileView;
  'kafka.profiles.delete': { deleted: boolean };
  'topics.list': TopicInfo[];
  'topics.peek': TopicRecord[];
}

/** `node:<id>` or `edge:<id>`: how taps are named in events. */
export type TapTargetKey = `node:${string}` | `edge:${string}`;

export type CallResult<N extends CallName> = CallResults[N];

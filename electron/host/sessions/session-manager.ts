import { randomBytes } from 'node:crypto';
import {
  StudioApiError,
  type ProduceRecord,
  type RunTarget,
  type SessionStatus,
  type StoreEntry,
  type StoreQuery,
  type StudioEvent,
  type TapTarget,
  type TapTargetKey,
  type TopicRecord,
} from '@topograph/api';
import { applicationIdOf, hasErrors, sinkSerdes, type TopologyDocument } from '@topograph/codegen';
import { generate } from '@topograph/codegen/node';
import type { ProfileStore } from '../profiles.js';
import { locateError, translateLine } from './error-location.js';
import { instrumentTaps } from './instrument.js';
import { MetricsView } from './metrics-view.js';
import type { ChildError, ChildMessage, SessionInit, TopicSerdes } from './protocol.js';
import { SessionProcess } from './session-process.js';

export interface SessionManagerOptions {
  profiles: ProfileStore;
  emit: (event: StudioEvent) => void;
  /** Snapshot interval; the canvas needs at least two a second. */
  metricsIntervalMs?: number;
}

interface Session {
  status: SessionStatus;
  document: TopologyDocument;
  process: SessionProcess | null;
  userCode: string;
  runCode: string;
  tapEdges: Map<string, string>;
  taps: Set<TapTargetKey>;
}

const SOURCE_KINDS = new Set(['source.stream', 'source.table', 'source.globalTable']);

function topicsOf(doc: TopologyDocument, kinds: (kind: string) => boolean): TopicSerdes[] {
  const out: TopicSerdes[] = [];
  for (const n of doc.nodes) {
    const c = n.config as { topic?: unknown; keySerde?: unknown; valueSerde?: unknown };
    if (!kinds(n.kind) || typeof c.topic !== 'string') continue;
    // A sink without its own serdes writes with those the generated code gives it.
    const sink = n.kind === 'sink.topic' ? sinkSerdes(doc, n.id) : undefined;
    out.push({
      topic: c.topic,
      keySerde: sink?.keySerde ?? (typeof c.keySerde === 'string' ? c.keySerde : 'string'),
      valueSerde: sink?.valueSerde ?? (typeof c.valueSerde === 'string' ? c.valueSerde : 'string'),
    });
  }
  return out;
}

/** Run sessions: each one a child process running a generated topology, with its events relayed. */
export class SessionManager {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly options: SessionManagerOptions) {}

  async start(document: TopologyDocument, target: RunTarget): Promise<SessionStatus> {
    const sessionId = `s${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const user = await generate(document, { typeCheck: false });
    const status: SessionStatus = {
      sessionId,
      state: 'starting',
      target,
      applicationId: applicationIdOf(document),
      sourceTopics: topicsOf(document, (k) => SOURCE_KINDS.has(k)).map((t) => t.topic),
      sinkTopics: topicsOf(document, (k) => k === 'sink.topic').map((t) => t.topic),
      stores: document.nodes
        .map((n) => (n.config as { storeName?: unknown }).storeName)
        .filter((s): s is string => typeof s === 'string'),
      startedAt: Date.now(),
      reason: null,
      diagnostics: user.diagnostics.filter((d) => d.severity === 'error'),
    };
    const instrumented = instrumentTaps(document);
    const run = await generate(instrumented.document, { typeCheck: false });
    const session: Session = {
      status,
      document,
      process: null,
      userCode: user.files[0]?.content ?? '',
      runCode: run.files[0]?.content ?? '',
      tapEdges: instrumented.tapEdges,
      taps: new Set(),
    };
    this.sessions.set(sessionId, session);
    if (hasErrors(user.diagnostics) || hasErrors(run.diagnostics) || session.runCode === '') {
      this.setState(session, 'failed', 'the topology has errors; fix them in the Problems panel');
      return status;
    }
    await this.launch(session, false);
    return session.status;
  }

  private async launch(session: Session, reset: boolean): Promise<void> {
    const { status, document } = session;
    const kafka =
      status.target.kind === 'kafka'
        ? await this.options.profiles.connection(status.target.profileId)
        : undefined;
    const init: SessionInit = {
      code: session.runCode,
      applicationId: status.applicationId,
      sources: topicsOf(document, (k) => SOURCE_KINDS.has(k)),
      sinks: topicsOf(document, (k) => k === 'sink.topic'),
      partitions: status.target.kind === 'memory' ? (status.target.partitions ?? 1) : 1,
      metricsIntervalMs: this.options.metricsIntervalMs ?? 500,
      reset,
      ...(kafka ? { kafka } : {}),
    };
    const view = new MetricsView(status.sessionId, document, session.tapEdges);
    const tapOfEdge = new Map([...session.tapEdges].map(([tap, edge]) => [tap, edge]));
    const proc = new SessionProcess(
      init,
      (m) => this.onChildMessage(session, m, view, tapOfEdge),
      (stream, text) =>
        this.options.emit({ type: 'console', sessionId: status.sessionId, stream, text, at: Date.now() }),
    );
    session.process = proc;
    status.startedAt = Date.now();
    status.reason = null;
    this.setState(session, 'starting', null);
    void proc.exited.then(({ code, signal }) => {
      if (session.process !== proc) return;
      session.process = null;
      if (status.state === 'stopping' || status.state === 'stopped')
        this.setState(session, 'stopped', status.reason);
      else
        this.setState(
          session,
          'failed',
          status.reason ?? `the session process exited (${signal ?? `code ${code ?? 'unknown'}`})`,
        );
    });
  }

  private onChildMessage(
    session: Session,
    m: ChildMessage,
    view: MetricsView,
    tapEdges: ReadonlyMap<string, string>,
  ): void {
    const sessionId = session.status.sessionId;
    switch (m.type) {
      case 'running':
        this.setState(session, 'running', null);
        break;
      case 'state':
        if (m.state === 'ERROR' && session.status.state === 'running')
          this.setState(session, 'failed', session.status.reason);
        break;
      case 'failed':
        this.reportError(session, m.error);
        session.status.reason = m.error.message;
        this.setState(session, 'failed', m.error.message);
        break;
      case 'error':
        this.reportError(session, m.error);
        session.status.reason = m.error.message;
        break;
      case 'metrics':
        this.options.emit(view.update(m.snapshot));
        break;
      case 'tap': {
        const edgeId = tapEdges.get(m.tapId);
        if (edgeId === undefined) break;
        const edge = session.document.edges.find((e) => e.id === edgeId);
        const records: TopicRecord[] = m.records.map((r) => ({
          topic: '',
          partition: null,
          offset: null,
          ...r,
        }));
        const keys: TapTargetKey[] = [`edge:${edgeId}`];
        if (edge) keys.push(`node:${edge.target}`);
        for (const key of keys)
          if (session.taps.has(key)) this.options.emit({ type: 'tap', sessionId, tap: key, records });
        break;
      }
    }
  }

  private reportError(session: Session, error: ChildError): void {
    const where = locateError(session.runCode, error.stack, error.nodeName);
    const line =
      where.nodeId !== null && where.line !== null
        ? translateLine(session.runCode, session.userCode, where.nodeId, where.line)
        : where.line;
    this.options.emit({
      type: 'error',
      sessionId: session.status.sessionId,
      message: error.message,
      stack: error.stack,
      nodeId: where.nodeId,
      file: where.line === null ? null : 'topology.ts',
      line,
      column: where.column,
      at: Date.now(),
    });
  }

  private setState(session: Session, state: SessionStatus['state'], reason: string | null): void {
    session.status.state = state;
    session.status.reason = reason;
    this.options.emit({ type: 'status', status: { ...session.status } });
  }

  private get(sessionId: string): Session {
    const session = this.sessions.get(sessionId);
    if (!session) throw new StudioApiError('not-found', `no session "${sessionId}"`);
    return session;
  }

  private running(sessionId: string): SessionProcess {
    const session = this.get(sessionId);
    if (!session.process?.alive)
      throw new StudioApiError('conflict', `session "${sessionId}" is not running`);
    return session.process;
  }

  status(sessionId: string): SessionStatus {
    return { ...this.get(sessionId).status };
  }

  list(): SessionStatus[] {
    return [...this.sessions.values()].map((s) => ({ ...s.status }));
  }

  async stop(sessionId: string): Promise<SessionStatus> {
    const session = this.get(sessionId);
    const proc = session.process;
    if (proc?.alive) {
      this.setState(session, 'stopping', null);
      await proc.stop();
    }
    this.setState(session, 'stopped', session.status.reason);
    return { ...session.status };
  }

  /** Restarts the session; on the embedded cluster every restart starts from empty topics and stores. */
  async restart(sessionId: string, reset: boolean): Promise<SessionStatus> {
    const session = this.get(sessionId);
    await session.process?.stop();
    session.process = null;
    await this.launch(session, reset);
    await this.syncTaps(session);
    return { ...session.status };
  }

  async produce(sessionId: string, topic: string, records: ProduceRecord[]): Promise<{ produced: number }> {
    const r = await this.call(sessionId, { type: 'produce', topic, records });
    return { produced: (r as { produced: number }).produced };
  }

  async generate(
    sessionId: string,
    topic: string,
    ratePerSec: number,
    samples: ProduceRecord[],
  ): Promise<{ ratePerSec: number }> {
    await this.call(sessionId, { type: 'generate', topic, ratePerSec, samples });
    return { ratePerSec };
  }

  async tap(sessionId: string, target: TapTarget, enabled: boolean): Promise<{ taps: TapTargetKey[] }> {
    const session = this.get(sessionId);
    const key: TapTargetKey = 'nodeId' in target ? `node:${target.nodeId}` : `edge:${target.edgeId}`;
    if ('nodeId' in target && !session.document.nodes.some((n) => n.id === target.nodeId))
      throw new StudioApiError('not-found', `no node "${target.nodeId}" in this session's topology`);
    if ('edgeId' in target && ![...session.tapEdges.values()].includes(target.edgeId))
      throw new StudioApiError(
        'invalid-input',
        `edge "${target.edgeId}" cannot be tapped: only edges carrying a stream can (tap the toStream edge after a table)`,
      );
    if (enabled) session.taps.add(key);
    else session.taps.delete(key);
    await this.syncTaps(session);
    return { taps: [...session.taps] };
  }

  private async syncTaps(session: Session): Promise<void> {
    const tapIds: string[] = [];
    for (const [tapId, edgeId] of session.tapEdges) {
      const edge = session.document.edges.find((e) => e.id === edgeId);
      if (session.taps.has(`edge:${edgeId}`) || (edge && session.taps.has(`node:${edge.target}`)))
        tapIds.push(tapId);
    }
    await this.call(session.status.sessionId, { type: 'tap', tapIds });
  }

  async queryStore(sessionId: string, store: string, query: StoreQuery): Promise<{ entries: StoreEntry[] }> {
    return (await this.call(sessionId, { type: 'query', store, query })) as { entries: StoreEntry[] };
  }

  async readTopic(sessionId: string, topic: string, limit: number): Promise<{ records: TopicRecord[] }> {
    return (await this.call(sessionId, { type: 'readTopic', topic, limit })) as { records: TopicRecord[] };
  }

  private async call(sessionId: string, request: Parameters<SessionProcess['request']>[0]): Promise<unknown> {
    try {
      return await this.running(sessionId).request(request);
    } catch (e) {
      if (e instanceof StudioApiError) throw e;
      throw new StudioApiError('failed', e instanceof Error ? e.message : String(e));
    }
  }

  async closeAll(): Promise<void> {
    await Promise.all(
      [...this.sessions.values()].filter((s) => s.process?.alive).map((s) => this.stop(s.status.sessionId)),
    );
  }
}

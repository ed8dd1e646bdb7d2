import { randomBytes } from 'node:crypto';
import {
  StudioApiError,
  isLiveSession,
  runFingerprint,
  formatSessionError,
  type AttachedSession,
  type ConsoleLineView,
  type DebugExplanation,
  type DebugSeek,
  type DebugView,
  type RecordingSummary,
  type ProduceRecord,
  type RunTarget,
  type SessionStatus,
  type StoreEntry,
  type StoreQuery,
  type StudioEvent,
  type TapTarget,
  type TapTargetKey,
  type TopicRecord,
  type TopicSerdes,
} from '@topograph/api';
import {
  applicationIdOf,
  hasErrors,
  topics,
  type TopicEndpoint,
  type TopologyDocument,
} from '@topograph/document';
import { generate } from '@topograph/codegen';
import type { ProfileStore } from '../profiles.js';
import { locateError, translateLine } from './error-location.js';
import { instrumentTaps } from './instrument.js';
import { MetricsView } from './metrics-view.js';
import type { ChildError, ChildMessage, SessionInit } from './protocol.js';
import { SessionProcess } from './session-process.js';
import { ReplayProcess } from './replay-process.js';
import type { ReplayReply, ReplayRequest } from './replay-protocol.js';
import { summarizeRecording } from './recording-summary.js';

export interface SessionManagerOptions {
  profiles: ProfileStore;
  emit: (event: StudioEvent) => void;
  /** Snapshot interval; the canvas needs at least two a second. */
  metricsIntervalMs?: number;
  /** How long a window may be gone (a reload) before its sessions are stopped; default 15 s. */
  orphanGraceMs?: number;
  /** Runs `fn` after `ms`, returning its cancel; tests pass one they drive by hand. */
  schedule?: (fn: () => void, ms: number) => () => void;
}

const DEFAULT_ORPHAN_GRACE_MS = 15_000;

const realSchedule = (fn: () => void, ms: number): (() => void) => {
  const timer = setTimeout(fn, ms);
  // A pending check must not keep a host process alive that is otherwise done.
  timer.unref();
  return () => clearTimeout(timer);
};

/** The code a document runs as, and whether it can run at all. */
interface Build {
  document: TopologyDocument;
  userCode: string;
  runCode: string;
  tapEdges: Map<string, string>;
  /** Why it cannot run, or null. */
  failure: string | null;
  diagnostics: SessionStatus['diagnostics'];
}

interface Session extends Build {
  status: SessionStatus;
  process: SessionProcess | null;
  taps: Set<TapTargetKey>;
  /** The latest console output, for a window that attaches later. */
  console: ConsoleLineView[];
  /** The embedded run's recording, kept when the session stopped (while it runs, the child has it). */
  liveRecording: string | null;
  /** A saved recording the user loaded; the debugger replays it instead of the run's own. */
  loadedRecording: { text: string; source: string } | null;
  /** The debugger's replay process, while one is open. */
  replay: ReplayProcess | null;
}

/** A replay that jumps far back re-runs up to 100k records: give it longer than an ordinary request. */
const DEBUG_TIMEOUT_MS = 60_000;

/** Console lines kept per session for `sessions.attach`. */
const CONSOLE_KEEP = 500;

/** The session's view of the document's topics: each with the serde names its records are written in. */
function topicSerdesOf(doc: TopologyDocument): { sources: TopicSerdes[]; sinks: TopicSerdes[] } {
  const io = topics(doc);
  const view = ({ topic, keySerde, valueSerde }: TopicEndpoint): TopicSerdes => ({
    topic,
    keySerde,
    valueSerde,
  });
  return { sources: io.sources.map(view), sinks: io.sinks.map(view) };
}

/** Run sessions: each one a child process running a generated topology, with its events relayed. */
export class SessionManager {
  private readonly sessions = new Map<string, Session>();
  /** Open event connections per window, and the pending stop of a window that has none. */
  private readonly watchers = new Map<string, { count: number; cancel: (() => void) | null }>();

  constructor(private readonly options: SessionManagerOptions) {}

  async start(document: TopologyDocument, target: RunTarget, owner?: string): Promise<SessionStatus> {
    if (owner !== undefined) {
      const live = this.ofOwner(owner).find((s) => isLiveSession(s.status));
      if (live)
        throw new StudioApiError(
          'conflict',
          `this window already runs session "${live.status.sessionId}" (${live.status.state}); stop or restart it`,
        );
      // A window shows one session: the ones it finished with are forgotten when it starts the next.
      for (const old of this.ofOwner(owner)) {
        this.endReplay(old);
        this.sessions.delete(old.status.sessionId);
      }
    }
    const sessionId = `s${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const build = await buildSession(document);
    const status: SessionStatus = {
      sessionId,
      owner: owner ?? null,
      state: 'starting',
      target,
      startedAt: Date.now(),
      reason: null,
      taps: [],
      ...describeBuild(build),
    };
    const session: Session = {
      ...build,
      status,
      process: null,
      taps: new Set(),
      console: [],
      liveRecording: null,
      loadedRecording: null,
      replay: null,
    };
    this.sessions.set(sessionId, session);
    if (build.failure !== null) {
      this.setState(session, 'failed', build.failure);
      return { ...session.status };
    }
    await this.launch(session, false);
    return { ...session.status };
  }

  /**
   * A window is watching (its event socket is open). When its last watcher leaves and none comes back within
   * the grace period — a closed tab, where a reload reconnects in a second — its live sessions are stopped,
   * so no session runs on for a window that is gone. Returns the release, which may be called more than once.
   */
  watch(owner: string): () => void {
    const w = this.watchers.get(owner) ?? { count: 0, cancel: null };
    this.watchers.set(owner, w);
    w.cancel?.();
    w.cancel = null;
    w.count++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      w.count--;
      if (w.count > 0) return;
      const schedule = this.options.schedule ?? realSchedule;
      w.cancel = schedule(() => {
        w.cancel = null;
        if (w.count > 0) return;
        this.watchers.delete(owner);
        for (const s of this.ofOwner(owner))
          if (isLiveSession(s.status)) void this.stop(s.status.sessionId).catch(() => undefined);
      }, this.options.orphanGraceMs ?? DEFAULT_ORPHAN_GRACE_MS);
    };
  }

  private ofOwner(owner: string): Session[] {
    return [...this.sessions.values()].filter((s) => s.status.owner === owner);
  }

  private pushConsole(session: Session, line: ConsoleLineView): void {
    session.console.push(line);
    if (session.console.length > CONSOLE_KEEP)
      session.console.splice(0, session.console.length - CONSOLE_KEEP);
  }

  private async launch(session: Session, reset: boolean): Promise<void> {
    const { status, document } = session;
    const kafka =
      status.target.kind === 'kafka'
        ? await this.options.profiles.connection(status.target.profileId)
        : undefined;
    const { sources, sinks } = topicSerdesOf(document);
    const init: SessionInit = {
      code: session.runCode,
      applicationId: status.applicationId,
      sources,
      sinks,
      partitions: status.target.kind === 'memory' ? (status.target.partitions ?? 1) : 1,
      metricsIntervalMs: this.options.metricsIntervalMs ?? 500,
      reset,
      taps: this.tapIds(session),
      documentName: document.name,
      ...(kafka ? { kafka } : {}),
    };
    const view = new MetricsView(status.sessionId, document, session.tapEdges);
    const tapOfEdge = new Map([...session.tapEdges].map(([tap, edge]) => [tap, edge]));
    const proc = new SessionProcess(
      init,
      (m) => this.onChildMessage(session, m, view, tapOfEdge),
      (stream, text) => {
        const at = Date.now();
        this.pushConsole(session, { stream, text, at });
        this.options.emit({ type: 'console', sessionId: status.sessionId, stream, text, at });
      },
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
        view.setGraph(m.graph);
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
    const at = Date.now();
    this.pushConsole(session, {
      stream: 'stderr',
      text: formatSessionError({ nodeId: where.nodeId, line, message: error.message }),
      at,
    });
    this.options.emit({
      type: 'error',
      sessionId: session.status.sessionId,
      message: error.message,
      stack: error.stack,
      nodeId: where.nodeId,
      file: where.line === null ? null : 'topology.ts',
      line,
      column: where.column,
      at,
    });
  }

  private setState(session: Session, state: SessionStatus['state'], reason: string | null): void {
    session.status.state = state;
    session.status.reason = reason;
    if (state === 'failed' && reason !== null)
      this.pushConsole(session, { stream: 'system', text: `session failed: ${reason}\n`, at: Date.now() });
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

  /** Every session kept (those of one window with `owner`), newest first. */
  list(owner?: string): SessionStatus[] {
    return [...this.sessions.values()]
      .filter((s) => owner === undefined || s.status.owner === owner)
      .sort((a, b) => b.status.startedAt - a.status.startedAt)
      .map((s) => ({ ...s.status }));
  }

  attach(sessionId: string): AttachedSession {
    const session = this.get(sessionId);
    return { status: { ...session.status }, console: [...session.console] };
  }

  async stop(sessionId: string): Promise<SessionStatus> {
    const session = this.get(sessionId);
    const proc = session.process;
    if (proc?.alive) {
      this.setState(session, 'stopping', null);
      await this.keepRecording(session);
      await proc.stop();
    }
    this.setState(session, 'stopped', session.status.reason);
    return { ...session.status };
  }

  /** Takes the run's recording from the child before it goes, so the debugger can replay a stopped run. */
  private async keepRecording(session: Session): Promise<void> {
    if (session.status.target.kind !== 'memory' || !session.process?.alive) return;
    try {
      // Short: a child stuck in user code never answers, and Stop must stay quick.
      const r = await session.process.request({ type: 'recordingText' }, 2_000);
      session.liveRecording = (r as { text: string }).text;
    } catch (e) {
      // A session stuck in user code cannot answer; it is stopped all the same, without its recording.
      this.pushConsole(session, {
        stream: 'stderr',
        text: `the run's recording could not be kept: ${e instanceof Error ? e.message : String(e)}\n`,
        at: Date.now(),
      });
    }
  }

  /**
   * Restarts the session, with `document` the canvas as it is now (its code generated again); on the embedded
   * cluster every restart starts from empty topics and stores. Taps stay on where their edge still exists.
   */
  async restart(sessionId: string, reset: boolean, document?: TopologyDocument): Promise<SessionStatus> {
    const session = this.get(sessionId);
    await session.process?.stop();
    session.process = null;
    // A restart records afresh; the debugger's replay of the previous run ends with it.
    this.endReplay(session);
    session.liveRecording = null;
    if (document !== undefined) {
      const build = await buildSession(document);
      Object.assign(session, build);
      Object.assign(session.status, describeBuild(build));
      const edges = new Set(build.tapEdges.values());
      const nodes = new Set(document.nodes.map((n) => n.id));
      for (const key of [...session.taps])
        if (key.startsWith('edge:') ? !edges.has(key.slice(5)) : !nodes.has(key.slice(5)))
          session.taps.delete(key);
      session.status.taps = [...session.taps];
    }
    if (session.failure !== null) {
      this.setState(session, 'failed', session.failure);
      return { ...session.status };
    }
    // The taps go with the init message: a request now would wait for the new process to boot.
    await this.launch(session, reset);
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
    session.status.taps = [...session.taps];
    await this.syncTaps(session);
    return { taps: [...session.taps] };
  }

  private async syncTaps(session: Session): Promise<void> {
    await this.call(session.status.sessionId, { type: 'tap', tapIds: this.tapIds(session) });
  }

  /** The tap peeks serving the session's taps (an edge's own, or every edge into a tapped node). */
  private tapIds(session: Session): string[] {
    const tapIds: string[] = [];
    for (const [tapId, edgeId] of session.tapEdges) {
      const edge = session.document.edges.find((e) => e.id === edgeId);
      if (session.taps.has(`edge:${edgeId}`) || (edge && session.taps.has(`node:${edge.target}`)))
        tapIds.push(tapId);
    }
    return tapIds;
  }

  async queryStore(sessionId: string, store: string, query: StoreQuery): Promise<{ entries: StoreEntry[] }> {
    return (await this.call(sessionId, { type: 'query', store, query })) as { entries: StoreEntry[] };
  }

  async readTopic(sessionId: string, topic: string, limit: number): Promise<{ records: TopicRecord[] }> {
    return (await this.call(sessionId, { type: 'readTopic', topic, limit })) as { records: TopicRecord[] };
  }

  /** What the debugger would replay: a loaded recording, else the run's own (live, or kept at stop). */
  private async recordingOf(session: Session): Promise<{ text: string; source: string }> {
    if (session.loadedRecording) return session.loadedRecording;
    if (session.process?.alive && session.status.target.kind === 'memory') {
      const r = await this.call(session.status.sessionId, { type: 'recordingText' }, DEBUG_TIMEOUT_MS);
      return { text: (r as { text: string }).text, source: 'live' };
    }
    if (session.liveRecording !== null) return { text: session.liveRecording, source: 'live' };
    throw new StudioApiError(
      'conflict',
      session.status.target.kind === 'memory'
        ? 'this session has no recording: it stopped before it started'
        : 'runs on Kafka are not recorded yet; run on the embedded cluster to record',
    );
  }

  async recording(sessionId: string): Promise<RecordingSummary> {
    const { text, source } = await this.recordingOf(this.get(sessionId));
    return summarizeRecording(text, source);
  }

  /** The recording the debugger replays, as `.recording.json` text. */
  async recordingText(sessionId: string): Promise<{ text: string; summary: RecordingSummary }> {
    const { text, source } = await this.recordingOf(this.get(sessionId));
    return { text, summary: summarizeRecording(text, source) };
  }

  /** Replays `text` (a saved recording) in this session's debugger from now on. */
  async loadRecording(sessionId: string, text: string, source: string): Promise<RecordingSummary> {
    const session = this.get(sessionId);
    let summary: RecordingSummary;
    try {
      summary = summarizeRecording(text, source);
    } catch (e) {
      throw new StudioApiError('invalid-input', `${source}: ${e instanceof Error ? e.message : String(e)}`);
    }
    session.loadedRecording = { text, source };
    this.endReplay(session);
    return summary;
  }

  /** Starts a replay of the recording in a child process of its own (it runs user code), before its first input. */
  async debugOpen(sessionId: string): Promise<DebugView> {
    const session = this.get(sessionId);
    const { text } = await this.recordingOf(session);
    this.endReplay(session);
    const replay = new ReplayProcess(
      { code: session.userCode, applicationId: session.status.applicationId, recording: text },
      (stream, line) => this.pushConsole(session, { stream, text: `[debugger] ${line}`, at: Date.now() }),
    );
    session.replay = replay;
    return this.replayCall(session, { type: 'open' }, (r) => (r as { view: DebugView }).view);
  }

  async debugSeek(sessionId: string, to: DebugSeek): Promise<DebugView> {
    const session = this.get(sessionId);
    if (!session.replay?.alive) await this.debugOpen(sessionId);
    return this.replayCall(session, { type: 'seek', to }, (r) => (r as { view: DebugView }).view);
  }

  async debugExplain(sessionId: string, output: number): Promise<DebugExplanation> {
    const session = this.get(sessionId);
    if (!session.replay?.alive) throw new StudioApiError('conflict', 'open the debugger first');
    return this.replayCall(
      session,
      { type: 'explain', output },
      (r) => (r as { explanation: DebugExplanation }).explanation,
    );
  }

  private async replayCall<T>(
    session: Session,
    request: ReplayRequest,
    pick: (reply: ReplayReply) => T,
  ): Promise<T> {
    const replay = session.replay;
    if (!replay) throw new StudioApiError('conflict', 'open the debugger first');
    try {
      return pick(await replay.request(request, DEBUG_TIMEOUT_MS));
    } catch (e) {
      throw new StudioApiError('failed', e instanceof Error ? e.message : String(e));
    }
  }

  private endReplay(session: Session): void {
    session.replay?.kill();
    session.replay = null;
  }

  private async call(
    sessionId: string,
    request: Parameters<SessionProcess['request']>[0],
    timeoutMs?: number,
  ): Promise<unknown> {
    try {
      return await this.running(sessionId).request(request, timeoutMs);
    } catch (e) {
      if (e instanceof StudioApiError) throw e;
      throw new StudioApiError('failed', e instanceof Error ? e.message : String(e));
    }
  }

  async closeAll(): Promise<void> {
    for (const s of this.sessions.values()) this.endReplay(s);
    await Promise.all(
      [...this.sessions.values()].filter((s) => s.process?.alive).map((s) => this.stop(s.status.sessionId)),
    );
  }
}

/** Generates the document's code as the user sees it and as it runs (with a tap peek on each stream edge). */
async function buildSession(document: TopologyDocument): Promise<Build> {
  const user = await generate(document, { typeCheck: false });
  const instrumented = instrumentTaps(document);
  const run = await generate(instrumented.document, { typeCheck: false });
  const runCode = run.files[0]?.content ?? '';
  const failed = hasErrors(user.diagnostics) || hasErrors(run.diagnostics) || runCode === '';
  return {
    document,
    userCode: user.files[0]?.content ?? '',
    runCode,
    tapEdges: instrumented.tapEdges,
    failure: failed ? 'the topology has errors; fix them in the Problems panel' : null,
    diagnostics: user.diagnostics.filter((d) => d.severity === 'error'),
  };
}

/** The status fields that follow from what runs. */
function describeBuild(build: Build) {
  const { document } = build;
  const { sources, sinks } = topicSerdesOf(document);
  return {
    fingerprint: runFingerprint(document),
    applicationId: applicationIdOf(document),
    sourceTopics: sources.map((t) => t.topic),
    sinkTopics: sinks.map((t) => t.topic),
    topicSerdes: [...sources, ...sinks],
    stores: document.nodes
      .map((n) => (n.config as { storeName?: unknown }).storeName)
      .filter((s): s is string => typeof s === 'string'),
    diagnostics: build.diagnostics,
  } satisfies Partial<SessionStatus>;
}

import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkCompat, exportProject, generate, parse, reimport } from '@topograph/codegen';
import { validateDocument } from '@topograph/document';
import {
  parseCall,
  StudioApiError,
  type CallName,
  type CallResult,
  type ParsedInput,
  type StudioEvent,
} from '@topograph/api';
import { DocumentStore } from './documents.js';
import { resolveBaseline } from './git-revision.js';
import { REPO_ROOT } from './paths.js';
import { listTopics, peekTopic } from './kafka-topics.js';
import { FileSecretStore, ProfileStore, type SecretStore } from './profiles.js';
import { ensurePrivateFile } from './private-folders.js';
import { SessionManager } from './sessions/session-manager.js';
import { recordingPathFor } from './sessions/recording-files.js';
import { saveRecordingAsTest } from './sessions/save-test.js';
import { writeFileAtomic } from './atomic-write.js';
import { readFile } from 'node:fs/promises';

export { REPO_ROOT };

export interface StudioHostOptions {
  workspace: string;
  /** Per-user state (recent files, autosaves, Kafka profiles); default ~/.topograph. */
  stateDir?: string;
  examplesDir?: string;
  /** Electron passes its safeStorage-backed store; browser mode keeps a 0600 file in stateDir. */
  secrets?: SecretStore;
  metricsIntervalMs?: number;
}

type Handlers = { [N in CallName]: (input: ParsedInput<N>) => Promise<CallResult<N>> };

/**
 * The studio API implementation shared by both transports: validates each call's input, runs it, and
 * publishes session events to every subscriber. It imports nothing of Electron.
 */
export class StudioHost {
  readonly documents: DocumentStore;
  readonly profiles: ProfileStore;
  readonly sessions: SessionManager;
  private readonly listeners = new Set<(event: StudioEvent) => void>();
  private readonly handlers: Handlers;

  private readonly stateDir: string;

  constructor(options: StudioHostOptions) {
    const stateDir = options.stateDir ?? join(homedir(), '.topograph');
    this.stateDir = stateDir;
    this.documents = new DocumentStore({
      workspace: resolve(options.workspace),
      stateDir,
      examplesDir: options.examplesDir ?? join(REPO_ROOT, 'examples'),
    });
    this.profiles = new ProfileStore(
      stateDir,
      options.secrets ?? new FileSecretStore(join(stateDir, 'secrets.json')),
    );
    this.sessions = new SessionManager({
      profiles: this.profiles,
      emit: (event) => this.publish(event),
      ...(options.metricsIntervalMs !== undefined ? { metricsIntervalMs: options.metricsIntervalMs } : {}),
    });
    const docs = this.documents;
    const sessions = this.sessions;
    this.handlers = {
      'documents.list': () => docs.list(),
      'documents.open': ({ path }) => docs.open(path),
      'documents.save': ({ path, text, draft }) => docs.save(path, text, true, draft),
      'documents.saveAs': ({ path, text, overwrite, draft }) => docs.save(path, text, overwrite, draft),
      'documents.recent': () => docs.recent(),
      'documents.templates': () => docs.templates(),
      'documents.autosave': ({ draft, path, text }) => docs.autosave(draft, path, text),
      'documents.recover': () => docs.recover(),
      'documents.discardDraft': ({ draft }) => docs.discardDraft(draft),
      'codegen.generate': async ({ document, sourceName }) => {
        const r = await generate(document, sourceName === undefined ? {} : { sourceName });
        return { files: r.files, diagnostics: r.diagnostics };
      },
      'codegen.check': async ({ document }) => {
        const validation = validateDocument(document);
        if (validation.problems.some((p) => p.severity === 'error'))
          return { diagnostics: validation.problems };
        return { diagnostics: (await generate(document)).diagnostics };
      },
      'codegen.parse': async ({ source, base }) => (base ? reimport(source, base) : parse(source)),
      'compat.check': async ({ baseline, current }) =>
        checkCompat(await resolveBaseline(resolve(options.workspace), baseline), current),
      'codegen.export': async ({ document, dir }) => {
        const r = await exportProject(document, docs.resolve(dir));
        return { dir, files: r.files, diagnostics: r.diagnostics };
      },
      'sessions.start': ({ document, target, owner }) => sessions.start(document, target, owner),
      'sessions.stop': ({ sessionId }) => sessions.stop(sessionId),
      'sessions.restart': ({ sessionId, reset, document }) => sessions.restart(sessionId, reset, document),
      'sessions.status': async ({ sessionId }) => sessions.status(sessionId),
      'sessions.list': async ({ owner }) => sessions.list(owner),
      'sessions.attach': async ({ sessionId }) => sessions.attach(sessionId),
      'sessions.produce': ({ sessionId, topic, records }) => sessions.produce(sessionId, topic, records),
      'sessions.generate': ({ sessionId, topic, ratePerSec, samples }) =>
        sessions.generate(sessionId, topic, ratePerSec, samples),
      'sessions.tap': ({ sessionId, target, enabled }) => sessions.tap(sessionId, target, enabled),
      'sessions.queryStore': ({ sessionId, store, query }) => sessions.queryStore(sessionId, store, query),
      'sessions.readTopic': ({ sessionId, topic, limit }) => sessions.readTopic(sessionId, topic, limit),
      'debugger.recording': ({ sessionId }) => sessions.recording(sessionId),
      'debugger.saveRecording': async ({ sessionId, document }) => {
        const path = recordingPathFor(document);
        const { text, summary } = await sessions.recordingText(sessionId);
        await writeFileAtomic(docs.resolve(path), text);
        return { path, records: summary.records, dropped: summary.dropped };
      },
      'debugger.saveTest': async ({ sessionId, document, doc }) => {
        const { text } = await sessions.recordingText(sessionId);
        const status = sessions.status(sessionId);
        try {
          return await saveRecordingAsTest(doc, document, text, status.topicSerdes, async (path, t) => {
            await writeFileAtomic(docs.resolve(path), t);
          });
        } catch (e) {
          throw new StudioApiError('failed', `Save as test: ${(e as Error).message}`);
        }
      },
      'debugger.loadRecording': async ({ sessionId, path }) => {
        let text: string;
        try {
          text = await readFile(docs.resolve(path), 'utf8');
        } catch (e) {
          throw new StudioApiError('not-found', `cannot read "${path}": ${(e as Error).message}`);
        }
        return sessions.loadRecording(sessionId, text, path);
      },
      'debugger.open': ({ sessionId }) => sessions.debugOpen(sessionId),
      'debugger.seek': ({ sessionId, to }) => sessions.debugSeek(sessionId, to),
      'debugger.explain': ({ sessionId, output }) => sessions.debugExplain(sessionId, output),
      'kafka.profiles.list': () => this.profiles.list(),
      'kafka.profiles.save': ({ profile, password }) => this.profiles.save(profile, password),
      'kafka.profiles.delete': async ({ id }) => ({ deleted: await this.profiles.delete(id) }),
      'topics.list': async ({ profileId }) => listTopics(await this.profiles.connection(profileId)),
      'topics.peek': async ({ profileId, topic, limit }) =>
        peekTopic(await this.profiles.connection(profileId), topic, limit),
    };
  }

  /**
   * Creates the workspace and state folders (0700) or checks them, and the secret and profile files, before
   * anything is served: refuses (ForeignOwnerError) when another user owns one. `uid` is for tests.
   */
  async prepare(uid?: number): Promise<void> {
    await this.documents.prepare(uid);
    for (const file of ['secrets.json', 'kafka-profiles.json'])
      await ensurePrivateFile(join(this.stateDir, file), { uid });
  }

  /** Runs one call from either transport. Every failure becomes a StudioApiError; nothing escapes as a crash. */
  async call(name: string, rawInput: unknown): Promise<unknown> {
    const parsed = parseCall(name, rawInput);
    const handler = this.handlers[parsed.name] as (input: unknown) => Promise<unknown>;
    try {
      return await handler(parsed.input);
    } catch (e) {
      if (e instanceof StudioApiError) throw e;
      throw new StudioApiError('failed', `${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  subscribe(listener: (event: StudioEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private publish(event: StudioEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One broken subscriber (a closed socket) must not stop the others.
      }
    }
  }

  async close(): Promise<void> {
    await this.sessions.closeAll();
  }
}

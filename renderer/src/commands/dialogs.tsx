import { useEffect, useMemo, useRef, useState } from 'react';
import type { FileEntry } from '@topograph/api';
import type { StudioClient, Template } from '../api/client.js';
import { importDescribeText, openFile, openTemplate } from '../files/actions.js';
import { useUi } from '../store/ui.js';
import { Modal as UiModal, type ModalProps } from '../ui/Modal.js';
import type { Command } from './commands.js';
import { notify } from '../store/ui.js';

const close = () => useUi.getState().setDialog(null);

function Modal(props: Omit<ModalProps, 'onClose'>) {
  return <UiModal {...props} onClose={close} />;
}

export function OpenDialog({ studio }: { studio: StudioClient }) {
  const [files, setFiles] = useState<FileEntry[] | null>(null);
  const [recent, setRecent] = useState<string[]>([]);
  const [templates, setTemplates] = useState<Template[] | null>(null);
  useEffect(() => {
    const failed = (what: string) => (e: unknown) =>
      notify('error', `Cannot list ${what}: ${(e as Error).message}`);
    studio.call('documents.list', {}).then(setFiles, (e: unknown) => {
      setFiles([]);
      failed('files')(e);
    });
    studio.call('documents.recent', {}).then(setRecent, failed('recent files'));
    studio.call('documents.templates', {}).then(setTemplates, (e: unknown) => {
      setTemplates([]);
      failed('templates')(e);
    });
  }, [studio]);
  const open = (path: string) => {
    close();
    void openFile(studio, path);
  };
  return (
    <Modal title="Open">
      {recent.length > 0 && (
        <section>
          <h3>Recent</h3>
          {recent.map((p) => (
            <button key={p} type="button" className="list-button" data-recent={p} onClick={() => open(p)}>
              {p}
            </button>
          ))}
        </section>
      )}
      <section>
        <h3>Files in {studio.workspace}</h3>
        {files === null && <p className="muted">Loading…</p>}
        {files?.length === 0 && <p className="muted">No saved topologies yet.</p>}
        {files?.map((f) => (
          <button
            key={f.path}
            type="button"
            className="list-button"
            data-file={f.path}
            onClick={() => open(f.path)}
          >
            {f.path}
          </button>
        ))}
      </section>
      <section>
        <h3>New from template</h3>
        {templates === null && <p className="muted">Loading…</p>}
        {templates?.map((t) => (
          <button
            key={t.name}
            type="button"
            className="list-button"
            data-template={t.name}
            onClick={() => {
              close();
              void openTemplate(t);
            }}
          >
            {t.title}
          </button>
        ))}
      </section>
    </Modal>
  );
}

export function ImportDialog() {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    setError(null);
    importDescribeText(text).then(
      (ok) => ok && close(),
      (e: unknown) => setError(describeError(e, text)),
    );
  };
  return (
    <Modal title="Import Topology#describe()" wide>
      <p className="muted">Paste the output of a Kafka Streams app's topology.describe() to visualise it.</p>
      <textarea
        className="describe-input"
        aria-label="describe() text"
        aria-invalid={error !== null}
        aria-describedby="import-error"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        spellCheck={false}
        autoFocus
      />
      {error !== null && (
        <p className="ask-error" id="import-error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" onClick={close}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={text.trim() === ''} onClick={submit}>
          Import as new canvas
        </button>
      </div>
    </Modal>
  );
}

/**
 * The import error with the line it is about: the first line naming the processor the message quotes (the
 * parser reports processors by name), so the user finds it in a long paste.
 */
export function describeError(e: unknown, text: string): string {
  const message = e instanceof Error ? e.message : String(e);
  const quoted = /"([^"]+)"/.exec(message)?.[1];
  const lines = text.split('\n');
  const entry = (l: string) => /(?:Source|Processor|Sink):\s*(\S+)/.exec(l)?.[1]?.replace(/\(.*/, '');
  let at = quoted === undefined ? -1 : lines.findIndex((l) => entry(l) === quoted);
  if (at < 0 && quoted !== undefined) at = lines.findIndex((l) => l.includes(quoted));
  return `Import failed${at >= 0 ? ` at line ${at + 1}` : ''}: ${message}`;
}

export function CommandPalette({ commands }: { commands: Command[] }) {
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const shown = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return commands.filter((c) => words.every((w) => c.title.toLowerCase().includes(w)));
  }, [commands, query]);
  const run = (c: Command | undefined) => {
    if (!c) return;
    useUi.getState().setDialog(null);
    c.run();
  };
  useEffect(() => input.current?.focus(), []);
  return (
    <Modal title="Command palette">
      <input
        ref={input}
        className="command-input"
        placeholder="Type a command…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setIndex(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setIndex((i) => Math.min(i + 1, shown.length - 1));
          else if (e.key === 'ArrowUp') setIndex((i) => Math.max(i - 1, 0));
          else if (e.key === 'Enter') {
            // The command may open a dialog whose field takes focus: this Enter must not reach it too.
            e.preventDefault();
            run(shown[index]);
          }
        }}
      />
      <ul className="command-list" role="listbox" aria-label="Commands">
        {shown.length === 0 && <li className="muted command-none">No matching commands</li>}
        {shown.map((c, i) => (
          <li key={c.id}>
            <button type="button" className={i === index ? 'active' : ''} onClick={() => run(c)}>
              <span>{c.title}</span>
              {c.keys && <kbd>{c.keys[0]}</kbd>}
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  );
}

export function HelpOverlay({ commands }: { commands: Command[] }) {
  return (
    <Modal title="Keyboard shortcuts" wide>
      <table className="shortcuts">
        <tbody>
          {commands
            .filter((c) => c.keys)
            .map((c) => (
              <tr key={c.id}>
                <td>{c.title}</td>
                <td>
                  {(c.keys ?? []).map((k) => (
                    <kbd key={k}>{k}</kbd>
                  ))}
                </td>
              </tr>
            ))}
          <tr>
            <td>Box select</td>
            <td>
              <kbd>Shift</kbd> + drag
            </td>
          </tr>
          <tr>
            <td>Add to selection</td>
            <td>
              <kbd>Ctrl</kbd> + click
            </td>
          </tr>
        </tbody>
      </table>
    </Modal>
  );
}

import { useEffect, useMemo, useRef, useState } from 'react';
import type { FileEntry, StudioClient, Template } from '../api/client.js';
import { importDescribeText, openFile, openTemplate } from '../files/actions.js';
import { useDesigner } from '../store/store.js';
import { useUi } from '../store/ui.js';
import type { Command } from './commands.js';

function Modal({ title, children, wide }: { title: string; children: React.ReactNode; wide?: boolean }) {
  const close = () => useUi.getState().setDialog(null);
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Opened from a shortcut, focus is still on the page behind: take it (unless a field inside took it
    // already), so Escape and Tab work in the dialog, and give it back on close.
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.current?.contains(document.activeElement)) dialog.current?.focus();
    return () => before?.focus();
  }, []);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div
        ref={dialog}
        tabIndex={-1}
        className={`modal${wide ? ' wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
          e.stopPropagation();
        }}
      >
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}

export function OpenDialog({ studio }: { studio: StudioClient }) {
  const [files, setFiles] = useState<FileEntry[] | null>(null);
  const [recent, setRecent] = useState<string[]>([]);
  const [templates, setTemplates] = useState<Template[] | null>(null);
  useEffect(() => {
    const failed = (what: string) => (e: unknown) =>
      useDesigner.getState().notify('error', `Cannot list ${what}: ${(e as Error).message}`);
    studio.listDocuments().then(setFiles, (e: unknown) => {
      setFiles([]);
      failed('files')(e);
    });
    studio.recentDocuments().then(setRecent, failed('recent files'));
    studio.templates().then(setTemplates, (e: unknown) => {
      setTemplates([]);
      failed('templates')(e);
    });
  }, [studio]);
  const close = () => useUi.getState().setDialog(null);
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
              openTemplate(t);
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
  return (
    <Modal title="Import Topology#describe()" wide>
      <p className="muted">Paste the output of a Kafka Streams app's topology.describe() to visualise it.</p>
      <textarea
        className="describe-input"
        aria-label="describe() text"
        value={text}
        onChange={(e) => setText(e.target.value)}
        spellCheck={false}
        autoFocus
      />
      <div className="modal-actions">
        <button type="button" onClick={() => useUi.getState().setDialog(null)}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={text.trim() === ''}
          onClick={() => {
            void importDescribeText(text).then((ok) => ok && useUi.getState().setDialog(null));
          }}
        >
          Import as new canvas
        </button>
      </div>
    </Modal>
  );
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
          else if (e.key === 'Enter') run(shown[index]);
        }}
      />
      <ul className="command-list">
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

import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import type { Draft, StudioClient } from './api/client.js';
import { Canvas } from './canvas/Canvas.js';
import { CodePanel } from './code/CodePanel.js';
import { buildCommands, chordOf, matches } from './commands/commands.js';
import { CommandPalette, HelpOverlay, ImportDialog, OpenDialog } from './commands/dialogs.js';
import { connectMenu } from './commands/menu.js';
import { startAutosave } from './files/autosave.js';
import { RecoveryBanner } from './files/RecoveryBanner.js';
import { Inspector } from './form/Inspector.js';
import { useLambdaCheck } from './monaco/use-lambda-check.js';
import { useHostCheck } from './problems/host-problems.js';
import { RunGateDialog } from './problems/run-gate.js';
import { Palette } from './palette/Palette.js';
import { ProblemsPanel, useProblemCount } from './problems/ProblemsPanel.js';
import { RunDock } from './run/RunPanel.js';
import { isDirty, useDesigner } from './store/store.js';
import { useUi } from './store/ui.js';

/** `drafts`: unsaved work of pages that closed without saving, offered on start. */
export function App({ studio, drafts }: { studio: StudioClient; drafts: Draft[] }) {
  return (
    <ReactFlowProvider>
      <Designer studio={studio} drafts={drafts} />
    </ReactFlowProvider>
  );
}

const isTyping = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement &&
  (t.isContentEditable ||
    /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) ||
    t.closest('.monaco-editor') !== null);

function Designer({ studio, drafts }: { studio: StudioClient; drafts: Draft[] }) {
  const flow = useReactFlow();
  const commands = useMemo(() => buildCommands({ studio, flow }), [studio, flow]);
  const theme = useDesigner((s) => s.theme);
  const dialog = useUi((s) => s.dialog);
  useLambdaCheck();
  useHostCheck(studio);

  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (useUi.getState().dialog !== null) return;
      const chord = chordOf(e);
      const typing = isTyping(e.target);
      const command = commands.find((c) => matches(c, chord) && (c.global === true || !typing));
      if (!command) return;
      e.preventDefault();
      command.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [commands]);

  useEffect(() => connectMenu(window.topographMenu, commands), [commands]);
  useEffect(() => startAutosave(useDesigner, studio).stop, [studio]);
  useEffect(() => {
    // The unsaved-changes guard for closing the window or tab.
    const onUnload = (e: BeforeUnloadEvent) => {
      if (isDirty(useDesigner.getState())) e.preventDefault();
    };
    window.addEventListener('beforeunload', onUnload);
    return () => window.removeEventListener('beforeunload', onUnload);
  }, []);

  return (
    <div className="app">
      <TopBar studio={studio} />
      <RecoveryBanner studio={studio} drafts={drafts} />
      <div className="main">
        <Palette />
        <Canvas />
        <Inspector />
      </div>
      <BottomPanel studio={studio} />
      <RunDock />
      <Toast />
      <RunGateDialog />
      {dialog === 'open' && <OpenDialog studio={studio} />}
      {dialog === 'import' && <ImportDialog />}
      {dialog === 'commands' && <CommandPalette commands={commands} />}
      {dialog === 'help' && <HelpOverlay commands={commands} />}
    </div>
  );
}

function TopBar({ studio }: { studio: StudioClient }) {
  const name = useDesigner((s) => s.history.present.name);
  const filePath = useDesigner((s) => s.filePath);
  const dirty = useDesigner(isDirty);
  const canUndo = useDesigner((s) => s.history.past.length > 0);
  const canRedo = useDesigner((s) => s.history.future.length > 0);
  const theme = useDesigner((s) => s.theme);
  const flow = useReactFlow();
  const commands = useMemo(() => buildCommands({ studio, flow }), [studio, flow]);
  const run = (id: string) => commands.find((c) => c.id === id)?.run();
  useEffect(() => {
    document.title = `${dirty ? '● ' : ''}${filePath ?? name} — Topograph`;
  }, [dirty, filePath, name]);
  return (
    <header className="topbar">
      <strong className="brand">Topograph</strong>
      <span className="doc-name" data-testid="doc-name">
        {filePath ?? `${name} (unsaved)`}
        {dirty && (
          <span className="dirty" title="Unsaved changes">
            {' '}
            ●
          </span>
        )}
      </span>
      <nav>
        <button type="button" onClick={() => run('file.new')} title="New (Ctrl+Alt+N)">
          New
        </button>
        <button type="button" onClick={() => run('file.open')} title="Open (Ctrl+O)">
          Open
        </button>
        <button type="button" onClick={() => run('file.save')} title="Save (Ctrl+S)">
          Save
        </button>
        <button type="button" onClick={() => run('file.saveAs')} title="Save as (Ctrl+Shift+S)">
          Save as
        </button>
        <button type="button" onClick={() => run('file.import')} title="Import describe() (Ctrl+I)">
          Import
        </button>
        <span className="sep" />
        <button type="button" onClick={() => run('edit.undo')} disabled={!canUndo} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button
          type="button"
          onClick={() => run('edit.redo')}
          disabled={!canRedo}
          title="Redo (Ctrl+Shift+Z)"
        >
          Redo
        </button>
        <button type="button" onClick={() => run('view.layout')} title="Auto-layout (Ctrl+Shift+L)">
          Layout
        </button>
        <span className="sep" />
        <button
          type="button"
          onClick={() => run('view.theme')}
          title="Theme (Ctrl+Alt+T)"
          data-testid="theme-toggle"
        >
          {theme === 'dark' ? 'Light' : 'Dark'}
        </button>
        <button type="button" onClick={() => run('view.commands')} title="Command palette (Ctrl+Shift+P)">
          ⌘
        </button>
        <button type="button" onClick={() => run('view.help')} title="Shortcuts (?)">
          ?
        </button>
      </nav>
    </header>
  );
}

function BottomPanel({ studio }: { studio: StudioClient }) {
  const tab = useUi((s) => s.bottom);
  const setTab = useUi((s) => s.setBottom);
  const count = useProblemCount();
  return (
    <section className="bottom-dock">
      <div className="tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'problems'}
          onClick={() => setTab('problems')}
        >
          Problems <span className={`count${count > 0 ? ' some' : ''}`}>{count}</span>
        </button>
        <button type="button" role="tab" aria-selected={tab === 'code'} onClick={() => setTab('code')}>
          Code
        </button>
      </div>
      <div className="tab-body">{tab === 'problems' ? <ProblemsPanel /> : <CodePanel studio={studio} />}</div>
    </section>
  );
}

function Toast() {
  const notice = useDesigner((s) => s.notice);
  const [shown, setShown] = useState<number | null>(null);
  useEffect(() => {
    if (!notice) return;
    setShown(notice.seq);
    const t = setTimeout(() => setShown(null), notice.kind === 'error' ? 8000 : 3000);
    return () => clearTimeout(t);
  }, [notice]);
  if (!notice || shown !== notice.seq) return null;
  return (
    <div
      className={`toast ${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      data-testid="toast"
    >
      {notice.text}
      <button type="button" aria-label="Dismiss" onClick={() => setShown(null)}>
        ×
      </button>
    </div>
  );
}

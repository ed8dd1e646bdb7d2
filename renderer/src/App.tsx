import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Draft, StudioClient } from './api/client.js';
import { Canvas } from './canvas/Canvas.js';
import { CodePanel } from './code/CodePanel.js';
import { buildCommands, chordOf, matches } from './commands/commands.js';
import { CommandPalette, HelpOverlay, ImportDialog, OpenDialog } from './commands/dialogs.js';
import { connectMenu } from './commands/menu.js';
import { draftSink, startAutosave } from './files/autosave.js';
import { RecoveryBanner } from './files/RecoveryBanner.js';
import { Inspector } from './form/Inspector.js';
import { useLambdaCheck } from './monaco/use-lambda-check.js';
import { useHostCheck } from './problems/host-problems.js';
import { RunGateDialog } from './problems/run-gate.js';
import { Palette } from './palette/Palette.js';
import { PanelErrorBoundary } from './panels/PanelErrorBoundary.js';
import { ProblemsPanel, useProblemCount } from './problems/ProblemsPanel.js';
import { useValidation } from './problems/use-validation.js';
import { RunDock } from './run/RunPanel.js';
import { useRunControls } from './run/controls.js';
import { SampleRecordsPanel } from './samples/SampleRecordsPanel.js';
import { LIMITS, useLayout } from './store/layout.js';
import { isDirty, useDesigner } from './store/store.js';
import { useUi } from './store/ui.js';
import { AskHost } from './ui/ask.js';
import { useUpgradeWarningCount } from './upgrade/badges.js';
import { useUpgradeCheck } from './upgrade/check.js';
import { UpgradePanel } from './upgrade/UpgradePanel.js';
import { Splitter } from './ui/Splitter.js';
import { useSelection } from './store/selection.js';

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
  const theme = useUi((s) => s.theme);
  const dialog = useUi((s) => s.dialog);
  useLambdaCheck();
  useHostCheck(studio);
  useUpgradeCheck(studio);

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
  useEffect(() => startAutosave(useDesigner, draftSink(studio)).stop, [studio]);
  useEffect(() => {
    // The unsaved-changes guard for closing the window or tab.
    const onUnload = (e: BeforeUnloadEvent) => {
      if (isDirty(useDesigner.getState())) e.preventDefault();
    };
    window.addEventListener('beforeunload', onUnload);
    return () => window.removeEventListener('beforeunload', onUnload);
  }, []);

  const inspectorWidth = useLayout((s) => s.inspectorWidth);
  // Selecting something else gives a failed inspector a fresh start.
  const inspectorKey = useSelection((s) => [...s.selectedNodes].join(','));
  const setLayout = useLayout((s) => s.set);
  return (
    <div className="app">
      <TopBar studio={studio} />
      <RecoveryBanner studio={studio} drafts={drafts} />
      <div className="workbench" style={{ ['--inspector-width' as string]: `${inspectorWidth}px` }}>
        <Palette />
        <CentreColumn studio={studio} />
        <Splitter
          between="column"
          size={inspectorWidth}
          min={LIMITS.inspectorWidth.min}
          max={LIMITS.inspectorWidth.max}
          panelAfter
          label="Resize the inspector"
          onResize={(w) => setLayout({ inspectorWidth: w })}
          testId="splitter-inspector"
        />
        <PanelErrorBoundary name="inspector" resetKey={inspectorKey}>
          <Inspector />
        </PanelErrorBoundary>
      </div>
      <Toast />
      <RunGateDialog />
      {dialog === 'open' && <OpenDialog studio={studio} />}
      {dialog === 'import' && <ImportDialog />}
      {dialog === 'commands' && <CommandPalette commands={commands} />}
      {dialog === 'help' && <HelpOverlay commands={commands} />}
      <AskHost />
    </div>
  );
}

/** Below this the canvas keeps its height: panels give way to it, not the other way round. */
const CANVAS_MIN_HEIGHT = 180;
/** Height of a panel's tab strip (the bottom panel collapsed) and of the Run dock's toolbar. */
const STRIP_HEIGHT = 34;

/** The canvas with the Problems/Code/Test data panel and the Run dock under it, each behind a splitter. */
function CentreColumn({ studio }: { studio: StudioClient }) {
  const column = useRef<HTMLDivElement>(null);
  const height = useHeight(column);
  const { bottomHeight, dockHeight, set } = useLayout();
  const dockOpen = useRunControls((s) => s.open);
  const bottomShown = useBottomShown();
  // The stored sizes are what the user chose; on a smaller window the panels shrink so the canvas keeps room.
  const room = Math.max(0, height - CANVAS_MIN_HEIGHT - 2 * STRIP_HEIGHT);
  const dock = dockOpen ? Math.min(dockHeight, Math.max(LIMITS.dockHeight.min, room)) : 0;
  const bottom = bottomShown ? Math.min(bottomHeight, Math.max(LIMITS.bottomHeight.min, room - dock)) : 0;
  const requestRefit = useLayout((s) => s.requestRefit);
  const first = useRef(true);
  useLayoutEffect(() => {
    // Opening or closing the dock changes the canvas' height: bring the topology back into view. A layout
    // effect, so the canvas knows before React Flow measures its new height.
    if (first.current) first.current = false;
    else requestRefit();
  }, [dockOpen, requestRefit]);
  return (
    <div className="centre" ref={column}>
      <PanelErrorBoundary name="canvas">
        <Canvas />
      </PanelErrorBoundary>
      {bottomShown && (
        <Splitter
          between="row"
          size={bottom}
          min={LIMITS.bottomHeight.min}
          max={Math.max(LIMITS.bottomHeight.min, room - dock)}
          panelAfter
          label="Resize the problems and code panel"
          onResize={(h) => set({ bottomHeight: h })}
          testId="splitter-bottom"
        />
      )}
      <BottomPanel studio={studio} height={bottom} />
      {dockOpen && (
        <Splitter
          between="row"
          size={dock}
          min={LIMITS.dockHeight.min}
          max={Math.max(LIMITS.dockHeight.min, room - bottom)}
          panelAfter
          label="Resize the run dock"
          onResize={(h) => set({ dockHeight: h })}
          testId="splitter-dock"
        />
      )}
      <div className="dock-slot" style={dockOpen ? { height: dock } : undefined}>
        <RunDock host={studio.host} />
      </div>
    </div>
  );
}

function useHeight(ref: React.RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, [ref]);
  return height;
}

/**
 * Whether the bottom panel shows its body: open, and not a Problems list without problems (it needs no room)
 * unless the user asked to see it (`peek`: its notes).
 */
function useBottomShown(): boolean {
  const open = useLayout((s) => s.bottomOpen);
  const peek = useLayout((s) => s.peekProblems);
  const tab = useUi((s) => s.bottom);
  const count = useProblemCount();
  return open && !(tab === 'problems' && count === 0 && !peek);
}

/** Whether the page runs on macOS, where shortcuts are shown with ⌘. */
export const isMac = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

function TopBar({ studio }: { studio: StudioClient }) {
  const name = useDesigner((s) => s.history.present.name);
  const filePath = useDesigner((s) => s.filePath);
  const dirty = useDesigner(isDirty);
  const canUndo = useDesigner((s) => s.history.past.length > 0);
  const canRedo = useDesigner((s) => s.history.future.length > 0);
  const theme = useUi((s) => s.theme);
  const flow = useReactFlow();
  const commands = useMemo(() => buildCommands({ studio, flow }), [studio, flow]);
  const run = (id: string) => commands.find((c) => c.id === id)?.run();
  const mod = isMac() ? '⌘' : 'Ctrl';
  useEffect(() => {
    document.title = `${dirty ? '● ' : ''}${filePath ?? name} — Topograph`;
  }, [dirty, filePath, name]);
  return (
    <header className="topbar">
      <strong className="brand">Topograph</strong>
      <span className="doc-name" data-testid="doc-name">
        {/* An example opened at start and not changed is nothing to save: it reads as its name only. */}
        {filePath ?? (dirty ? `${name} (unsaved)` : name)}
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
        <button
          type="button"
          onClick={() => run('file.export')}
          title="Export project (code, tests, package.json)"
        >
          Export
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
        <button
          type="button"
          onClick={() => run('view.commands')}
          title={`Command palette (${mod}+Shift+P)`}
          data-testid="command-palette-button"
        >
          {mod === '⌘' ? '⌘K' : 'Ctrl+K'}
        </button>
        <button type="button" onClick={() => run('view.help')} title="Shortcuts (?)">
          ?
        </button>
      </nav>
    </header>
  );
}

const TAB_NAMES = { problems: 'Problems', code: 'Code', samples: 'Test data', upgrade: 'Upgrade' } as const;

function BottomPanel({ studio, height }: { studio: StudioClient; height: number }) {
  const tab = useUi((s) => s.bottom);
  const setTab = useUi((s) => s.setBottom);
  const setLayout = useLayout((s) => s.set);
  const shown = useBottomShown();
  const count = useProblemCount();
  const upgradeWarnings = useUpgradeWarningCount();
  // The active tab's button folds the panel away, as in an IDE; any tab opens it (an empty Problems list too).
  // Opening or folding it by hand changes the canvas' height: the topology is brought back into view, as when
  // the dock opens (not when Problems shows itself for a new error while the user edits the canvas).
  const unfold = (t: typeof tab) => {
    const opens = !shown;
    setTab(t);
    setLayout({ bottomOpen: true });
    useLayout.setState({ peekProblems: t === 'problems' });
    if (opens) useLayout.getState().requestRefit();
  };
  const fold = () => {
    setLayout({ bottomOpen: false });
    useLayout.setState({ peekProblems: false });
    useLayout.getState().requestRefit();
  };
  const choose = (t: typeof tab) => (t === tab && shown ? fold() : unfold(t));
  const notes = useValidation().problems.filter((p) => p.severity === 'note').length;
  const tabButton = (t: typeof tab, label: React.ReactNode) => (
    <button type="button" role="tab" aria-selected={tab === t} onClick={() => choose(t)} data-tab={t}>
      {label}
    </button>
  );
  return (
    <section
      className={`bottom-dock${shown ? ' open' : ''}`}
      style={shown ? { height } : undefined}
      data-testid="bottom-panel"
    >
      <div className="tabs" role="tablist">
        {tabButton(
          'problems',
          <>
            Problems <span className={`count${count > 0 ? ' some' : ''}`}>{count}</span>
          </>,
        )}
        {tabButton('code', 'Code')}
        {tabButton('samples', 'Test data')}
        {tabButton(
          'upgrade',
          <>
            Upgrade
            {upgradeWarnings > 0 && (
              <>
                {' '}
                <span className="count some">{upgradeWarnings}</span>
              </>
            )}
          </>,
        )}
        {tab === 'problems' && count === 0 && !shown && (
          <span className="muted tabs-note">
            No problems{notes > 0 ? ` · ${notes} note${notes > 1 ? 's' : ''}` : ''}
          </span>
        )}
        <button
          type="button"
          className="panel-fold"
          aria-label={shown ? 'Hide the panel' : 'Show the panel'}
          aria-expanded={shown}
          onClick={() => (shown ? fold() : unfold(tab))}
        >
          {shown ? '▾' : '▴'}
        </button>
      </div>
      {shown && (
        <div className="tab-body">
          {/* Around the tab switch, not inside each tab: a cleanup that throws as a tab unmounts is caught. */}
          <PanelErrorBoundary name={TAB_NAMES[tab]} resetKey={tab}>
            {tab === 'problems' ? (
              <ProblemsPanel />
            ) : tab === 'code' ? (
              <CodePanel studio={studio} />
            ) : tab === 'upgrade' ? (
              <UpgradePanel studio={studio} />
            ) : (
              <SampleRecordsPanel />
            )}
          </PanelErrorBoundary>
        </div>
      )}
    </section>
  );
}

function Toast() {
  const notice = useUi((s) => s.notice);
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

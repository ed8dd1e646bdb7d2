import type { Studio } from '@topograph/api';
import { palette } from '@topograph/document';
import type { ReactFlowInstance } from '@xyflow/react';
import type { StudioClient } from '../api/client.js';
import { exportProjectTo, layoutDocument, newDocument, openFile, save, saveAs } from '../files/actions.js';
import { restartRun, startRun, stopRun } from '../run/controls.js';
import { useDesigner } from '../store/store.js';
import { useLayout } from '../store/layout.js';
import { notify, useUi, type BottomTab } from '../store/ui.js';
import { clipText } from '../store/clipboard.js';
import { addNodeAtCentre } from '../palette/add-node.js';
import { fitOptions, fitTopology } from '../canvas/fit.js';

/** A user command: in the command palette, the help overlay and (when it has one) on a shortcut. */
export interface Command {
  id: string;
  title: string;
  /** Display form, e.g. "Ctrl+Shift+Z"; matched by `matches`. */
  keys?: string[];
  /** Runs while typing in a text field too (save, command palette). */
  global?: boolean;
  /** Arguments come from the native menu (`file.open` with the path the host's dialog chose). */
  run(...args: string[]): void;
}

/** Where Help › Documentation leads (in Electron, window.open goes to the system browser). */
export const DOCS_URL = 'https://github.com/topograph/topograph#readme';

export interface CommandDeps {
  studio: StudioClient;
  flow: Pick<
    ReactFlowInstance,
    'zoomIn' | 'zoomOut' | 'screenToFlowPosition' | 'getNodes' | 'getNodesBounds' | 'setViewport'
  >;
}

export function buildCommands({ studio, flow }: CommandDeps): Command[] {
  const d = () => useDesigner.getState();
  const ui = () => useUi.getState();
  return [
    { id: 'file.new', title: 'New topology', keys: ['Ctrl+Alt+N'], run: () => void newDocument() },
    {
      id: 'file.open',
      title: 'Open… (files, recent, templates)',
      keys: ['Ctrl+O'],
      global: true,
      run: (path?: string) => (path ? void openFile(studio, path) : ui().setDialog('open')),
    },
    { id: 'file.save', title: 'Save', keys: ['Ctrl+S'], global: true, run: () => void save(studio) },
    {
      id: 'file.saveAs',
      title: 'Save as…',
      keys: ['Ctrl+Shift+S'],
      global: true,
      run: () => void saveAs(studio),
    },
    {
      id: 'file.export',
      title: 'Export project… (code, tests, package.json)',
      run: () => void exportProjectTo(studio),
    },
    {
      id: 'file.import',
      title: 'Import Topology#describe() text…',
      keys: ['Ctrl+I'],
      run: () => ui().setDialog('import'),
    },
    { id: 'edit.undo', title: 'Undo', keys: ['Ctrl+Z'], run: () => d().undo() },
    { id: 'edit.redo', title: 'Redo', keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], run: () => d().redo() },
    {
      id: 'edit.copy',
      title: 'Copy',
      keys: ['Ctrl+C'],
      run: () => {
        const clip = d().copySelection();
        if (clip) void navigator.clipboard?.writeText(clipText(clip)).catch(() => undefined);
      },
    },
    { id: 'edit.paste', title: 'Paste', keys: ['Ctrl+V'], run: () => d().paste() },
    {
      id: 'edit.cut',
      title: 'Cut',
      keys: ['Ctrl+X'],
      run: () => {
        if (d().copySelection()) d().deleteSelection();
      },
    },
    { id: 'edit.duplicate', title: 'Duplicate', keys: ['Ctrl+D'], run: () => d().duplicateSelection() },
    {
      id: 'edit.delete',
      title: 'Delete selection',
      keys: ['Delete', 'Backspace'],
      run: () => d().deleteSelection(),
    },
    { id: 'edit.selectAll', title: 'Select all', keys: ['Ctrl+A'], run: () => d().selectAll() },
    {
      id: 'view.layout',
      title: 'Auto-layout (elkjs)',
      keys: ['Ctrl+Shift+L'],
      run: () =>
        void layoutDocument().then(() => setTimeout(() => void fitTopology(flow, currentFit(200)), 50)),
    },
    {
      id: 'view.fit',
      title: 'Fit view',
      keys: ['Shift+1'],
      run: () => void fitTopology(flow, currentFit(200)),
    },
    { id: 'view.zoomIn', title: 'Zoom in', keys: ['Ctrl+='], run: () => void flow.zoomIn() },
    { id: 'view.zoomOut', title: 'Zoom out', keys: ['Ctrl+-'], run: () => void flow.zoomOut() },
    {
      id: 'view.problems',
      title: 'Show problems',
      keys: ['Ctrl+Shift+M'],
      global: true,
      run: () => showBottom('problems'),
    },
    {
      id: 'view.code',
      title: 'Show generated code',
      keys: ['Ctrl+Shift+G'],
      global: true,
      run: () => showBottom('code'),
    },
    {
      id: 'view.theme',
      title: 'Toggle light/dark theme',
      keys: ['Ctrl+Alt+T'],
      global: true,
      run: () => useUi.getState().setTheme(useUi.getState().theme === 'dark' ? 'light' : 'dark'),
    },
    {
      id: 'view.commands',
      title: 'Command palette',
      keys: ['Ctrl+Shift+P', 'Ctrl+K'],
      global: true,
      run: () => ui().setDialog('commands'),
    },
    { id: 'view.help', title: 'Keyboard shortcuts', keys: ['?', 'F1'], run: () => ui().setDialog('help') },
    { id: 'run.start', title: 'Run', run: withSession(studio, (s) => startRun(s)) },
    { id: 'run.stop', title: 'Stop the run', run: withSession(studio, (s) => stopRun(s)) },
    { id: 'run.restart', title: 'Restart the run', run: withSession(studio, (s) => restartRun(s, false)) },
    {
      id: 'run.reset',
      title: 'Reset and replay the run',
      run: withSession(studio, (s) => restartRun(s, true)),
    },
    ...palette().flatMap(({ entries }) =>
      entries.map((e): Command => ({
        id: `node.add.${e.kind}`,
        title: `Add node: ${e.label} (${e.kind})`,
        run: () => void addNodeAtCentre(flow, e.kind),
      })),
    ),
    {
      id: 'view.samples',
      title: 'Edit sample records (test data)',
      global: true,
      run: () => showBottom('samples'),
    },
    {
      id: 'view.minimap',
      title: 'Toggle the minimap',
      run: () => useLayout.getState().set({ minimap: !useLayout.getState().minimap }),
    },
    {
      id: 'help.docs',
      title: 'Topograph documentation',
      run: () => void window.open(DOCS_URL, '_blank', 'noopener'),
    },
  ];
}

/** The canvas' fit for the open document and minimap, showing all of it (Fit view, after auto-layout). */
const currentFit = (duration: number) =>
  fitOptions(useDesigner.getState().history.present.nodes.length, useLayout.getState().minimap, {
    duration,
    readable: false,
  });

/** Opens the bottom panel on a tab. */
function showBottom(tab: BottomTab): void {
  useUi.getState().setBottom(tab);
  useLayout.getState().set({ bottomOpen: true });
  // Asked for, an empty Problems list shows too (its notes).
  useLayout.setState({ peekProblems: tab === 'problems' });
}

/** A run command, or a notice when the page has no host to run sessions in. */
function withSession(studio: StudioClient, action: (host: Studio) => Promise<void>): () => void {
  return () => {
    const host = studio.host;
    if (host) void action(host);
    else notify('error', 'Running a topology needs the Topograph host: start it with npm start');
  };
}

/** The key chord of a keyboard event in the display form used by `Command.keys` ("Ctrl+Shift+Z"). */
export function chordOf(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'code'>,
): string {
  const parts: string[] = [];
  if (e.ctrlKey || e.metaKey) parts.push('Ctrl');
  if (e.altKey) parts.push('Alt');
  let key = e.key;
  // With Alt or Shift held, `key` is the produced character (é, !); the physical key is what the user pressed.
  if (/^Key[A-Z]$/.test(e.code)) key = e.code.slice(3);
  else if (/^Digit\d$/.test(e.code) && (e.shiftKey || e.altKey)) key = e.code.slice(5);
  else if (key.length === 1) key = key.toUpperCase();
  if (e.shiftKey && key !== '?') parts.push('Shift');
  parts.push(key === '+' ? '=' : key);
  return parts.join('+');
}

export const matches = (c: Command, chord: string): boolean => (c.keys ?? []).includes(chord);

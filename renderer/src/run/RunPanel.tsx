import { isLiveSession, type Studio } from '@topograph/api';
import { useEffect, type ReactNode } from 'react';
import { PanelErrorBoundary } from '../panels/PanelErrorBoundary.js';
import { useDesigner } from '../store/store.js';
import { CanvasMetrics } from './CanvasMetrics.js';
import { ConsoleView } from './ConsoleView.js';
import { DebuggerPanel } from '../debugger/DebuggerPanel.js';
import { useRunControls, type RunTab } from './controls.js';
import { EdgeTapMenu } from './EdgeTapMenu.js';
import { Producer } from './Producer.js';
import { connectRun } from './attach.js';
import { useRun } from './run-store.js';
import { RunToolbar } from './RunToolbar.js';
import { StoreBrowser } from './StoreBrowser.js';
import { Taps } from './Taps.js';
import { TopicViewer } from './TopicViewer.js';
import './run.css';

/** The Run dock: start/stop a session, its console, test-data producer, store browser, topics and taps. */
export function RunDock({ host: studio }: { host: Studio | null }) {
  const open = useRunControls((s) => s.open);
  useEffect(() => (studio ? connectRun(studio) : undefined), [studio]);
  useForgetFinishedRunOnLoad();
  const state = useRun((s) => s.status?.state);
  if (!studio) return null;
  return (
    <section className={`run-dock${open ? ' open' : ''}`} data-testid="run-dock">
      <PanelErrorBoundary name="canvas metrics">
        <CanvasMetrics />
      </PanelErrorBoundary>
      <PanelErrorBoundary name="Run toolbar">
        <RunToolbar studio={studio} />
      </PanelErrorBoundary>
      {/* Outside the `open` switch: a panel failing as the dock collapses is caught here. */}
      <PanelErrorBoundary name="Run dock">{open && <RunBody studio={studio} />}</PanelErrorBoundary>
      <PanelErrorBoundary name="edge menu">
        <EdgeTapMenu studio={studio} />
      </PanelErrorBoundary>
      <span className="run-state" data-testid="run-state">
        {state ?? 'idle'}
      </span>
    </section>
  );
}

/**
 * A newly opened document or template starts with an idle dock: a stopped or failed session of the previous
 * one is forgotten. A live session stays (it is this window's process; the dock says it is out of date).
 */
function useForgetFinishedRunOnLoad(): void {
  const loads = useDesigner((s) => s.loads);
  useEffect(() => {
    const status = useRun.getState().status;
    if (status !== null && !isLiveSession(status)) useRun.getState().reset();
  }, [loads]);
}

const TABS: ReadonlyArray<[RunTab, string]> = [
  ['console', 'Console'],
  ['producer', 'Producer'],
  ['stores', 'Stores'],
  ['topics', 'Topics'],
  ['taps', 'Taps'],
  ['debugger', 'Debugger'],
];

function RunBody({ studio }: { studio: Studio }) {
  const tab = useRunControls((s) => s.tab);
  const setTab = useRunControls((s) => s.setTab);
  const panels: Record<RunTab, () => ReactNode> = {
    console: () => <ConsoleView />,
    producer: () => <Producer studio={studio} />,
    stores: () => <StoreBrowser studio={studio} />,
    topics: () => <TopicViewer studio={studio} />,
    taps: () => <Taps studio={studio} />,
    debugger: () => <DebuggerPanel studio={studio} />,
  };
  const label = TABS.find(([id]) => id === tab)?.[1] ?? tab;
  return (
    <div className="run-body">
      <div className="run-tabs" role="tablist">
        {TABS.map(([id, name]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} onClick={() => setTab(id)}>
            {name}
          </button>
        ))}
      </div>
      <div className="run-tab-body">
        {/* Not keyed by tab: the boundary must outlive the panel it catches (see PanelErrorBoundary). */}
        <PanelErrorBoundary resetKey={tab} name={label}>
          {panels[tab]()}
        </PanelErrorBoundary>
      </div>
    </div>
  );
}

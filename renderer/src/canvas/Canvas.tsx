import {
  applyNodeChanges,
  ControlButton,
  Controls,
  Panel,
  ReactFlow,
  SelectionMode,
  useReactFlow,
  useStore,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { seal } from '../store/history.js';
import { useDesigner } from '../store/store.js';
import { openEdgeMenu } from '../run/EdgeTapMenu.js';
import { useValidation } from '../problems/use-validation.js';
import { useLayout } from '../store/layout.js';
import { DotGrid } from './DotGrid.js';
import { fitOptions, fitTopology, minimapFits } from './fit.js';
import { EdgeOverview } from './EdgeOverview.js';
import { MiniMapCanvas } from './MiniMapCanvas.js';
import { NodeCard } from './NodeCard.js';
import { buildView, type TopologyNode } from './view-model.js';
import { notify } from '../store/ui.js';
import { useSelection } from '../store/selection.js';

export const KIND_MIME = 'application/x-topograph-kind';

const nodeTypes = { topology: NodeCard };

/** Node sizes React Flow measured, kept for auto-layout and for controlled rendering. */
export const measuredSizes = new Map<string, { width: number; height: number }>();

export function Canvas() {
  const doc = useDesigner((s) => s.history.present);
  const selectedNodes = useSelection((s) => s.selectedNodes);
  const selectedEdges = useSelection((s) => s.selectedEdges);
  const { problems, analysis } = useValidation();
  // React Flow's own view of the nodes (with its measurements and handle bounds), re-derived from the document
  // on every change; React Flow's changes are applied to it as its docs prescribe for controlled flows.
  const [rfNodes, setRfNodes] = useState<TopologyNode[]>([]);
  const flow = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);
  // Fit on first render only when there is something to fit; later loads fit through `loads` below.
  const [fitInitially] = useState(() => useDesigner.getState().history.present.nodes.length > 0);

  const view = useMemo(
    () => buildView(doc, analysis, problems, selectedNodes, selectedEdges),
    [doc, analysis, problems, selectedNodes, selectedEdges],
  );
  useEffect(() => {
    // A node handed over without `measured` makes React Flow drop its handle bounds without measuring again,
    // so sizes are taken from the map onNodesChange fills synchronously, never from lagging React state.
    setRfNodes(
      view.nodes.map((n) => {
        const size = measuredSizes.get(n.id);
        return size ? { ...n, measured: size } : n;
      }),
    );
  }, [view.nodes]);

  const onNodesChange = useCallback((changes: NodeChange<TopologyNode>[]) => {
    const store = useDesigner.getState();
    const selected = useSelection.getState();
    const moved = new Map<string, { x: number; y: number }>();
    let dragging = false;
    let selection: Set<string> | null = null;
    for (const c of changes) {
      if (c.type === 'select') {
        selection ??= new Set(selected.selectedNodes);
        if (c.selected) selection.add(c.id);
        else selection.delete(c.id);
        continue;
      }
      if (c.type === 'position' && c.position) {
        moved.set(c.id, c.position);
        dragging ||= c.dragging === true;
      } else if (c.type === 'dimensions' && c.dimensions) measuredSizes.set(c.id, c.dimensions);
    }
    if (selection !== null && !sameSet(selected.selectedNodes, [...selection]))
      selected.select(selection, selected.selectedEdges);
    if (moved.size > 0) store.moveNodes(moved, dragging);
    setRfNodes((ns) => applyNodeChanges(changes, ns));
  }, []);

  // Edge deletion goes through the store's commands; only selection is taken from React Flow here.
  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const selected = useSelection.getState();
    let selection: Set<string> | null = null;
    for (const c of changes)
      if (c.type === 'select') {
        selection ??= new Set(selected.selectedEdges);
        if (c.selected) selection.add(c.id);
        else selection.delete(c.id);
      }
    if (selection !== null && !sameSet(selected.selectedEdges, [...selection]))
      selected.select(selected.selectedNodes, selection);
  }, []);

  const onConnect = useCallback((c: Connection) => {
    const s = useDesigner.getState();
    const refusal = s.connect(c.source, c.sourceHandle ?? null, c.target, c.targetHandle ?? null);
    if (refusal !== null) notify('error', `Connection refused: ${refusal}`);
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(KIND_MIME);
      if (!kind) return;
      e.preventDefault();
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      useDesigner.getState().addNode(kind, { x: p.x - 90, y: p.y - 30 });
    },
    [flow],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(KIND_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  // While the view moves, the drawing is one composited layer the compositor slides and scales; when the view
  // rests, Chromium rasters it crisp at the final zoom again. Set on the element directly: a React render per
  // gesture would cost what this saves.
  const onMoveStart = useCallback(() => wrapper.current?.classList.add('moving'), []);
  const onMoveEnd = useCallback(() => wrapper.current?.classList.remove('moving'), []);

  const onNodeDragStop = useCallback(() => {
    useDesigner.setState((s) => ({ history: seal(s.history) }));
  }, []);

  const loads = useDesigner((s) => s.loads);
  const minimapWanted = useLayout((s) => s.minimap);
  // With the dock and the bottom panel both open the canvas can be too short for the minimap beside the
  // cards; then it is left out rather than drawn over them (the toggle says so).
  const roomForMinimap = useStore((s) => minimapFits(s.height));
  const minimap = minimapWanted && roomForMinimap;
  const fit = useMemo(() => fitOptions(doc.nodes.length, minimap), [doc.nodes.length, minimap]);
  const fitNow = useRef(fit);
  fitNow.current = fit;
  useEffect(() => {
    if (loads === 0) return;
    // Wait a frame so React Flow has measured the new nodes before fitting them.
    const t = setTimeout(() => void fitTopology(flow, fitNow.current), 50);
    return () => clearTimeout(t);
  }, [loads, flow]);

  // A panel opened or closed under the canvas: refit once React Flow has seen the pane's new height.
  const refits = useLayout((s) => s.refits);
  const paneHeight = useStore((s) => s.height);
  const refitPending = useRef(false);
  const refitsSeen = useRef(refits);
  // Noted while rendering: the pane's new height can reach the store before an effect would run.
  if (refitsSeen.current !== refits) {
    refitsSeen.current = refits;
    refitPending.current = true;
  }
  useEffect(() => {
    if (!refitPending.current) return;
    refitPending.current = false;
    void fitTopology(flow, fitNow.current);
  }, [paneHeight, flow]);

  // Zoomed far out, a card's text is unreadable anyway: drawing only its frame and title keeps panning a
  // large topology smooth. The selector yields a boolean, so only crossing the threshold re-renders.
  const zoomedOut = useStore((s) => s.transform[2] < ZOOMED_OUT_BELOW);
  return (
    <div
      className={`canvas${zoomedOut ? ' zoomed-out' : ''}`}
      ref={wrapper}
      onDrop={onDrop}
      onDragOver={onDragOver}
      data-testid="canvas"
    >
      <ReactFlow<TopologyNode, Edge>
        nodes={rfNodes}
        edges={view.edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onEdgeContextMenu={(e, edge) => {
          e.preventDefault();
          openEdgeMenu(edge.id, e.clientX, e.clientY);
        }}
        onConnect={onConnect}
        onNodeDragStop={onNodeDragStop}
        onMoveStart={onMoveStart}
        onMoveEnd={onMoveEnd}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        selectionMode={SelectionMode.Partial}
        selectionOnDrag={false}
        minZoom={0.05}
        maxZoom={2.5}
        fitView={fitInitially}
        fitViewOptions={fit}
        proOptions={{ hideAttribution: true }}
      >
        <DotGrid />
        {zoomedOut && <EdgeOverview edges={view.edges} />}
        {minimap && (
          <Panel position="bottom-right">
            <MiniMapCanvas />
          </Panel>
        )}
        <Controls orientation="horizontal" showFitView={false}>
          <ControlButton
            onClick={() =>
              void fitTopology(
                flow,
                fitOptions(doc.nodes.length, minimap, { duration: 200, readable: false }),
              )
            }
            title="Fit view (Shift+1)"
            aria-label="Fit view"
            className="react-flow__controls-fitview"
          >
            ⤢
          </ControlButton>
          <ControlButton
            onClick={() => useLayout.getState().set({ minimap: !minimapWanted })}
            title={
              !minimapWanted
                ? 'Show the minimap'
                : roomForMinimap
                  ? 'Hide the minimap'
                  : 'The minimap is hidden while the canvas is too short for it beside the cards'
            }
            aria-label={minimapWanted ? 'Hide the minimap' : 'Show the minimap'}
            aria-pressed={minimapWanted}
            data-testid="minimap-toggle"
          >
            ▦
          </ControlButton>
        </Controls>
      </ReactFlow>
      {doc.nodes.length === 0 && (
        <div className="canvas-empty">
          Drag a source from the palette to start, open a template (Ctrl+O), or import a describe() text.
        </div>
      )}
    </div>
  );
}

const ZOOMED_OUT_BELOW = 0.3;

const sameSet = (a: ReadonlySet<string>, b: readonly string[]): boolean =>
  a.size === b.length && b.every((x) => a.has(x));

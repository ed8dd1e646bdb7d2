import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { NodeUpgradeBadge } from '../upgrade/NodeUpgradeBadge.js';
import type { TopologyNode } from './view-model.js';

/** A topology node on the canvas: header coloured by palette group, key config, typed ports, badges. */
function NodeCardImpl({ data, selected }: NodeProps<TopologyNode>) {
  const rows = Math.max(data.inputs.length, data.outputs.length, 1);
  return (
    <div
      className={`node-card${selected ? ' selected' : ''}${data.errors.length > 0 ? ' has-errors' : ''}`}
      style={{ ['--accent' as string]: data.accent, minHeight: 54 + rows * 8 }}
      data-node-id={data.docNode.id}
      data-testid={`node-${data.docNode.id}`}
    >
      <div className="node-header">
        <span className="node-title">{data.title}</span>
        <span className="node-kind">{data.kindLabel}</span>
      </div>
      {data.summary.length > 0 && (
        <dl className="node-summary">
          {data.summary.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      )}
      {data.errors.length > 0 && (
        <span className="node-badge error" title={data.errors.join('\n')} data-testid="error-badge">
          {data.errors.length}
        </span>
      )}
      <NodeUpgradeBadge nodeId={data.docNode.id} />
      {data.repartition !== null && (
        <div
          className="node-repartition"
          title="Kafka Streams repartitions the records through this internal topic"
        >
          ⇄ {data.repartition}
        </div>
      )}
      {data.copartition !== null && (
        <div className="node-flag" title={data.copartition}>
          ⚠ not co-partitioned
        </div>
      )}
      {data.inputs.map((p, i) => (
        <Handle
          key={p.id}
          id={p.id}
          type="target"
          position={Position.Left}
          title={`${p.label}: ${p.title}`}
          className="port"
          style={{ top: `${((i + 1) * 100) / (data.inputs.length + 1)}%`, background: p.color }}
        >
          <span className="port-name">{p.label}</span>
        </Handle>
      ))}
      {data.outputs.map((p, i) => (
        <Handle
          key={p.id}
          id={p.id}
          type="source"
          position={Position.Right}
          title={`${p.label}: ${p.title}`}
          className="port"
          style={{ top: `${((i + 1) * 100) / (data.outputs.length + 1)}%`, background: p.color }}
        >
          {data.outputs.length > 1 && <span className="port-label">{p.label}</span>}
          <span className="port-name">{p.label}</span>
        </Handle>
      ))}
    </div>
  );
}

export const NodeCard = memo(NodeCardImpl);

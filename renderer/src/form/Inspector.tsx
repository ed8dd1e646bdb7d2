import {
  configFields,
  getKind,
  renameNode,
  type ConfigField,
  type DocumentNode,
  type Problem,
} from '@topograph/document';
import { useEffect, useRef, useState } from 'react';
import { formatMs } from '../canvas/summary.js';
import { resultKey } from '../monaco/result-types.js';
import { useValidation } from '../problems/use-validation.js';
import { useInferredTypes } from '../store/inferred.js';
import { useDesigner } from '../store/store.js';
import { CodeField } from './CodeField.js';
import { useUi } from '../store/ui.js';
import { useSelection } from '../store/selection.js';

/** The selected node's form, generated from its kind's config schema, with the node's problems inline. */
export function Inspector() {
  const doc = useDesigner((s) => s.history.present);
  const selected = useSelection((s) => s.selectedNodes);
  const { problems } = useValidation();
  if (selected.size !== 1) {
    return (
      <aside className="inspector" aria-label="Inspector">
        <p className="muted">
          {selected.size === 0 ? 'Select a node to edit it.' : `${selected.size} nodes selected.`}
        </p>
        <DocumentForm />
      </aside>
    );
  }
  const id = [...selected][0] as string;
  const node = doc.nodes.find((n) => n.id === id);
  if (!node) return <aside className="inspector" aria-label="Inspector" />;
  return (
    <aside className="inspector" aria-label="Inspector">
      <NodeForm node={node} problems={problems.filter((p) => p.nodeId === id)} />
    </aside>
  );
}

function DocumentForm() {
  const doc = useDesigner((s) => s.history.present);
  const change = useDesigner((s) => s.change);
  return (
    <div className="form">
      <h2>Topology</h2>
      <label className="field">
        <span>Name</span>
        <input
          value={doc.name}
          onChange={(e) => e.target.value.trim() && change({ ...doc, name: e.target.value }, 'doc:name')}
        />
      </label>
      <label className="field">
        <span>Application id</span>
        <input
          value={doc.settings.applicationId ?? ''}
          placeholder={doc.name}
          onChange={(e) => {
            const { applicationId: _old, ...rest } = doc.settings;
            const v = e.target.value.trim();
            change({ ...doc, settings: v ? { ...rest, applicationId: v } : rest }, 'doc:appid');
          }}
        />
      </label>
    </div>
  );
}

function NodeForm({ node, problems }: { node: DocumentNode; problems: Problem[] }) {
  const spec = getKind(node.kind);
  const fields = configFields(node.kind);
  const updateLabel = useDesigner((s) => s.updateLabel);
  const focus = useUi((s) => s.focus);
  const general = problems.filter((p) => p.field === undefined && p.severity !== 'note');
  const notes = problems.filter((p) => p.severity === 'note');
  return (
    <div className="form" data-testid="inspector-form">
      <h2>
        {node.label ?? spec?.label ?? node.kind}{' '}
        {node.label !== undefined && <span className="muted">{spec?.label ?? node.kind}</span>}
      </h2>
      {spec && <p className="help">{spec.help}</p>}
      <label className="field">
        <span>Label</span>
        <input
          name="label"
          value={node.label ?? ''}
          placeholder={node.id}
          onChange={(e) => updateLabel(node.id, e.target.value)}
        />
      </label>
      <IdField key={node.id} id={node.id} />
      {fields.map((f) => (
        <FieldEditor
          key={`${node.id}:${f.name}`}
          node={node}
          field={f}
          problems={problems.filter((p) => p.field === f.name || p.field?.startsWith(`${f.name}.`))}
          focus={focus !== null && focus.nodeId === node.id && focus.field === f.name ? focus.seq : null}
        />
      ))}
      {general.map((p, i) => (
        <p key={i} className={`inline-problem ${p.severity}`}>
          {p.message}
        </p>
      ))}
      {notes.map((p, i) => (
        <p key={i} className="inline-problem note">
          ⇄ {p.message}
        </p>
      ))}
    </div>
  );
}

/**
 * The node's id, renamed on Enter or leaving the field: it names the node's processor (metrics, errors,
 * internal topic and store names) and its variable in the generated code.
 */
function IdField({ id }: { id: string }) {
  const [text, setText] = useState(id);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    const s = useDesigner.getState();
    const r = renameNode(s.history.present, id, text);
    if ('error' in r) return setError(r.error);
    setError(null);
    if (r.document === s.history.present) return;
    s.change(r.document);
    useSelection.getState().select([text.trim()]);
  };
  return (
    <label className={`field${error ? ' invalid' : ''}`} data-field="id">
      <span>Id</span>
      <input
        name="id"
        value={text}
        spellCheck={false}
        aria-invalid={error !== null}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setText(id);
            setError(null);
          }
        }}
      />
      <small className="help">
        Names the processor (metrics, internal topics) and its variable in the code.
      </small>
      {error && <small className="inline-problem error">{error}</small>}
    </label>
  );
}

function FieldEditor({
  node,
  field: f,
  problems,
  focus,
}: {
  node: DocumentNode;
  field: ConfigField;
  problems: Problem[];
  focus: number | null;
}) {
  const update = useDesigner((s) => s.updateConfig);
  const input = useRef<HTMLInputElement & HTMLSelectElement>(null);
  const value = node.config[f.name];
  useEffect(() => {
    if (focus !== null) input.current?.focus();
  }, [focus]);
  const set = (v: unknown) => update(node.id, f.name, v);
  const inferred = useInferredTypes(
    (s) => typeof value === 'string' && s.types.get(resultKey({ nodeId: node.id, field: f.name })) === value,
  );
  const invalid = problems.some((p) => p.severity === 'error');
  const first = problems.find((p) => p.line !== undefined);
  let editor;
  switch (f.editor) {
    case 'code':
      editor = (
        <CodeField
          nodeId={node.id}
          field={f.name}
          value={typeof value === 'string' ? value : ''}
          focusAt={focus !== null ? { line: first?.line ?? 1, column: first?.column ?? 1, seq: focus } : null}
        />
      );
      break;
    case 'number':
    case 'duration':
      editor = (
        <input
          ref={input}
          name={f.name}
          type="number"
          value={typeof value === 'number' ? value : ''}
          aria-invalid={invalid}
          onChange={(e) => set(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      );
      break;
    case 'select':
      editor = (
        <select
          ref={input}
          name={f.name}
          value={typeof value === 'string' ? value : ''}
          aria-invalid={invalid}
          onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}
        >
          {(!f.required || value === undefined) && <option value="">{f.unset ?? '—'}</option>}
          {(f.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
      break;
    case 'boolean':
      editor = (
        <input
          ref={input}
          name={f.name}
          type="checkbox"
          checked={value === true}
          onChange={(e) => set(e.target.checked)}
        />
      );
      break;
    case 'list':
      editor = <ListEditor node={node} field={f} />;
      break;
    default:
      editor = (
        <input
          ref={input}
          name={f.name}
          value={typeof value === 'string' ? value : value === undefined ? '' : String(value)}
          aria-invalid={invalid}
          spellCheck={false}
          onChange={(e) => set(e.target.value === '' && !f.required ? undefined : e.target.value)}
        />
      );
  }
  return (
    <div className={`field${invalid ? ' invalid' : ''}`} data-field={f.name}>
      <span className="field-label">
        {f.label}
        {f.required && <span className="required">*</span>}
        {f.editor === 'duration' && typeof value === 'number' && value > 0 && (
          <span className="muted"> ({formatMs(value)})</span>
        )}
      </span>
      {f.signature && <code className="signature">{f.signature}</code>}
      {editor}
      {inferred && (
        <small className="help" data-testid="inferred-type">
          Inferred from the lambda; it follows the lambda until you type a type of your own.
        </small>
      )}
      {f.help && <small className="help">{f.help}</small>}
      {problems
        .filter((p) => p.severity !== 'note')
        .map((p, i) => (
          <small key={i} className={`inline-problem ${p.severity}`} data-testid="field-problem">
            {p.line !== undefined ? `${p.line}:${p.column ?? 1} ` : ''}
            {p.message}
          </small>
        ))}
    </div>
  );
}

/** A list field (e.g. branches): one row of sub-fields per item. */
function ListEditor({ node, field: f }: { node: DocumentNode; field: ConfigField }) {
  const update = useDesigner((s) => s.updateConfig);
  const items = Array.isArray(node.config[f.name])
    ? (node.config[f.name] as Array<Record<string, unknown>>)
    : [];
  const sub = f.itemFields ?? [];
  const setItem = (i: number, key: string, v: string) =>
    update(
      node.id,
      f.name,
      items.map((it, j) => (j === i ? { ...it, [key]: v } : it)),
    );
  return (
    <div className="list-editor">
      {items.map((it, i) => (
        <div key={i} className="list-item">
          {sub.map((s) => (
            <label key={s.name}>
              <span>{s.label}</span>
              {s.editor === 'code' ? (
                <textarea
                  name={`${f.name}.${i}.${s.name}`}
                  value={typeof it[s.name] === 'string' ? (it[s.name] as string) : ''}
                  spellCheck={false}
                  onChange={(e) => setItem(i, s.name, e.target.value)}
                />
              ) : (
                <input
                  name={`${f.name}.${i}.${s.name}`}
                  value={typeof it[s.name] === 'string' ? (it[s.name] as string) : ''}
                  onChange={(e) => setItem(i, s.name, e.target.value)}
                />
              )}
            </label>
          ))}
          <button
            type="button"
            onClick={() =>
              update(
                node.id,
                f.name,
                items.filter((_, j) => j !== i),
              )
            }
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() =>
          update(node.id, f.name, [
            ...items,
            Object.fromEntries(
              sub.map((s) => [
                s.name,
                s.editor === 'code' ? '(key, value) => true' : `branch-${items.length + 1}`,
              ]),
            ),
          ])
        }
      >
        Add {f.label.toLowerCase().replace(/s$/, '')}
      </button>
    </div>
  );
}

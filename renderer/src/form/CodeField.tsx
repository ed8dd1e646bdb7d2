import type { TopologyDocument } from '@topograph/codegen';
import { useEffect, useRef, useState } from 'react';
import { syncLambdaModel } from '../monaco/lambda-check.js';
import { lambdaSnippet } from '../monaco/lambda-wrapper.js';
import { loadMonaco } from '../monaco/load.js';
import { useDesigner } from '../store/store.js';
import { mountLambdaEditor, type Editor } from './lambda-editor.js';

interface Props {
  nodeId: string;
  field: string;
  value: string;
  focusAt: { line: number; column: number; seq: number } | null;
}

/**
 * The latest focus request (Problems → this field) a lambda editor answered. Each is answered once: answering
 * it on every render took the keyboard from whatever the user typed into next (a dialog, another field) each
 * time the problems changed.
 */
let answeredFocus = -1;

/**
 * A lambda in Monaco. The editor's model is the whole typed snippet (runtime and record types + the function
 * type of the lambda) with everything but the lambda hidden, so completion and squiggles know the types of the
 * records flowing into the node. Selections are kept inside the lambda (select-all selects the lambda), and an
 * edit that still reaches into the hidden context changes only the lambda, so the context can never leak into
 * the stored code nor show.
 */
export function CodeField({ nodeId, field, value, focusAt }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Editor | null>(null);
  // Set once the editor exists (Monaco loads asynchronously), so a focus request made before is answered then.
  const [ready, setReady] = useState(false);
  const focusRef = useRef(focusAt);
  focusRef.current = focusAt;
  const latest = useRef(value);
  latest.current = value;

  useEffect(() => {
    let disposed = false;
    let cleanup = (): void => {};
    void loadMonaco().then((monaco) => {
      if (disposed || !host.current) return;
      const mounted = mountLambdaEditor(monaco, host.current, { nodeId, field, latest });
      editorRef.current = mounted.editor;
      setReady(true);
      cleanup = () => {
        mounted.dispose();
        editorRef.current = null;
      };
    });
    return () => {
      disposed = true;
      cleanup();
    };
  }, [nodeId, field]);

  // Undo, redo, re-import and upstream type changes change the snippet from outside: bring the model in line.
  // With the store's state when it runs, not this render's: typing moved on since a render it would undo.
  const doc = useDesigner((s) => s.history.present);
  useEffect(() => {
    if (!editorRef.current) return;
    void loadMonaco().then((monaco) => {
      const now = useDesigner.getState().history.present;
      const code = now.nodes.find((n) => n.id === nodeId) ? codeAt(now, nodeId, field) : undefined;
      if (code !== undefined && editorRef.current) syncLambdaModel(monaco, now, { nodeId, field }, code);
    });
  }, [doc, value, nodeId, field]);

  const focusSeq = focusAt?.seq;
  useEffect(() => {
    const editor = editorRef.current;
    const at = focusRef.current;
    if (!editor || !at || at.seq <= answeredFocus) return;
    const model = editor.getModel();
    if (!model) return;
    answeredFocus = at.seq;
    const { prefix } = lambdaSnippet(useDesigner.getState().history.present, nodeId, field);
    const first = model.getPositionAt(prefix.length).lineNumber;
    editor.focus();
    editor.setPosition({ lineNumber: first + at.line - 1, column: at.column });
  }, [focusSeq, ready, nodeId, field]);

  return (
    <div
      ref={host}
      className="code-field"
      style={{ height: MIN_LINES * LINE_HEIGHT + PADDING }}
      data-testid={`code-${field}`}
      onKeyDown={(e) => e.stopPropagation()}
    />
  );
}

/** The text of a code field (`joiner`, `branches.0.predicate`) of a node; '' when unset. */
function codeAt(doc: TopologyDocument, nodeId: string, field: string): string {
  let v: unknown = doc.nodes.find((n) => n.id === nodeId)?.config;
  for (const key of field.split('.'))
    v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : '';
}

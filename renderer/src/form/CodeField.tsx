import type { TopologyDocument } from '@topograph/document';
import { useEffect, useRef, useState } from 'react';
import { lambdaSnippet } from '../monaco/lambda-wrapper.js';
import { syncLambdaModel } from '../monaco/lambda-check.js';
import { loadMonaco } from '../monaco/load.js';
import type { Monaco } from '../monaco/setup.js';
import { useDesigner } from '../store/store.js';
import { applyToLambda, lambdaIn } from './lambda-edit.js';
import { useUi } from '../store/ui.js';

type Editor = ReturnType<Monaco['editor']['create']>;
type Range = { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number };
/** Monaco's editor can hide lines (used by its folding); not in the public typings, so probed at runtime. */
type HidesLines = { setHiddenAreas(ranges: Range[]): void };

const LINE_HEIGHT = 19;
const MIN_LINES = 4;
const MAX_LINES = 24;
const PADDING = 8;

interface Props {
  nodeId: string;
  field: string;
  value: string;
  focusAt: { line: number; column: number; seq: number } | null;
}

/**
 * A lambda in Monaco. The editor's model is the whole typed snippet (runtime and record types + the function
 * type of the lambda) with everything but the lambda hidden, so completion and squiggles know the types of the
 * records flowing into the node. Selections are kept inside the lambda (select-all selects the lambda), and an
 * edit that still reaches into the hidden context changes only the lambda, so the context can never leak into
 * the stored code nor show.
 */
/**
 * The latest focus request (Problems → this field) a lambda editor answered. Each is answered once: answering
 * it on every render took the keyboard from whatever the user typed into next (a dialog, another field) each
 * time the problems changed.
 */
let answeredFocus = -1;

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
      const bounds = () => lambdaSnippet(useDesigner.getState().history.present, nodeId, field);
      const ref = { nodeId, field };
      const model = syncLambdaModel(monaco, useDesigner.getState().history.present, ref, latest.current);
      const editor = monaco.editor.create(host.current, {
        model,
        minimap: { enabled: false },
        // The hidden context would show as the sticky header of the lambda's enclosing scope.
        stickyScroll: { enabled: false },
        // Retyping a selected lambda (Ctrl+A, then `(`…) must replace it: wrapping the selection in the typed
        // bracket left a closing one nobody typed at the end.
        autoSurround: 'never',
        lineNumbers: 'off',
        glyphMargin: false,
        folding: false,
        scrollBeyondLastLine: false,
        scrollbar: { alwaysConsumeMouseWheel: false },
        wordWrap: 'on',
        fontSize: 13,
        lineHeight: LINE_HEIGHT,
        automaticLayout: true,
        renderLineHighlight: 'none',
        overviewRulerLanes: 0,
        fixedOverflowWidgets: true,
        theme: useUi.getState().theme === 'dark' ? 'vs-dark' : 'vs',
        ariaLabel: `${field} of ${nodeId}`,
      });
      editorRef.current = editor;
      setReady(true);

      /** The lambda's [start, end) offsets in the model, or undefined while the model holds something else. */
      const span = (): { start: number; end: number } | undefined => {
        const { prefix, suffix } = bounds();
        const text = model.getValue();
        const code = lambdaIn(text, prefix, suffix);
        return code === undefined ? undefined : { start: prefix.length, end: prefix.length + code.length };
      };
      const hide = () => {
        const s = span();
        if (!s) return;
        const first = model.getPositionAt(s.start).lineNumber;
        const last = model.getPositionAt(s.end).lineNumber;
        const ranges: Range[] = [
          { startLineNumber: 1, startColumn: 1, endLineNumber: first - 1, endColumn: 1 },
          { startLineNumber: last + 1, startColumn: 1, endLineNumber: model.getLineCount(), endColumn: 1 },
        ];
        if ('setHiddenAreas' in editor) (editor as unknown as HidesLines).setHiddenAreas(ranges);
      };
      const fit = () => {
        const lines = Math.ceil(editor.getContentHeight() / LINE_HEIGHT);
        const height = Math.min(Math.max(lines, MIN_LINES), MAX_LINES) * LINE_HEIGHT + PADDING;
        if (host.current && host.current.style.height !== `${height}px`)
          host.current.style.height = `${height}px`;
      };
      hide();
      fit();

      // What the lambda was before the latest change, to apply an edit that strayed outside it to it alone.
      let before = { code: latest.current, start: bounds().prefix.length };
      let restoring = false;
      const sub = model.onDidChangeContent((e) => {
        if (restoring) return;
        const { prefix, suffix } = bounds();
        let code = lambdaIn(model.getValue(), prefix, suffix);
        if (code === undefined) {
          // Replacing the whole text (a sync from the document) carries no edit of the lambda to keep.
          code = e.isFlush ? latest.current : applyToLambda(before.code, before.start, e.changes);
          const at = prefix.length + code.length;
          restoring = true;
          model.setValue(prefix + code + suffix);
          restoring = false;
          editor.setPosition(model.getPositionAt(at));
        }
        before = { code, start: prefix.length };
        hide();
        if (code !== latest.current) useDesigner.getState().updateConfig(nodeId, field, code);
      });
      // Select-all, Ctrl+Home/End and drags end inside the lambda, never in the hidden context.
      const clamp = editor.onDidChangeCursorSelection((e) => {
        const s = span();
        if (!s) return;
        const lo = s.start;
        const hi = s.end;
        const sel = e.selection;
        const a = model.getOffsetAt({
          lineNumber: sel.selectionStartLineNumber,
          column: sel.selectionStartColumn,
        });
        const b = model.getOffsetAt({ lineNumber: sel.positionLineNumber, column: sel.positionColumn });
        const ca = Math.min(Math.max(a, lo), hi);
        const cb = Math.min(Math.max(b, lo), hi);
        if (ca === a && cb === b) return;
        const pa = model.getPositionAt(ca);
        const pb = model.getPositionAt(cb);
        editor.setSelection({
          selectionStartLineNumber: pa.lineNumber,
          selectionStartColumn: pa.column,
          positionLineNumber: pb.lineNumber,
          positionColumn: pb.column,
        });
      });
      const size = editor.onDidContentSizeChange(fit);
      const unsubTheme = useUi.subscribe((s, prev) => {
        if (s.theme !== prev.theme) monaco.editor.setTheme(s.theme === 'dark' ? 'vs-dark' : 'vs');
      });
      cleanup = () => {
        sub.dispose();
        clamp.dispose();
        size.dispose();
        unsubTheme();
        editor.dispose();
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

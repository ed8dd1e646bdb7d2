import { useEffect, useRef } from 'react';
import { lambdaSnippet } from '../monaco/lambda-wrapper.js';
import { syncLambdaModel } from '../monaco/lambda-check.js';
import { loadMonaco } from '../monaco/load.js';
import type { Monaco } from '../monaco/setup.js';
import { useDesigner } from '../store/store.js';

type Editor = ReturnType<Monaco['editor']['create']>;
type Range = { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number };
/** Monaco's editor can hide lines (used by its folding); not in the public typings, so probed at runtime. */
type HidesLines = { setHiddenAreas(ranges: Range[]): void };

interface Props {
  nodeId: string;
  field: string;
  signature: string;
  value: string;
  focusAt: { line: number; column: number; seq: number } | null;
}

/**
 * A lambda in Monaco. The editor's model is the whole typed snippet (record types + a function type for the
 * lambda's parameters) with everything but the lambda hidden, so completion and squiggles know the types of the
 * records flowing into the node.
 */
export function CodeField({ nodeId, field, signature, value, focusAt }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Editor | null>(null);
  const latest = useRef({ value, nodeId, field, signature });
  latest.current = { value, nodeId, field, signature };

  useEffect(() => {
    let disposed = false;
    let cleanup = (): void => {};
    void loadMonaco().then((monaco) => {
      if (disposed || !host.current) return;
      const doc = useDesigner.getState().history.present;
      const ref = { nodeId, field, signature };
      const model = syncLambdaModel(monaco, doc, ref, latest.current.value);
      const editor = monaco.editor.create(host.current, {
        model,
        minimap: { enabled: false },
        lineNumbers: 'off',
        glyphMargin: false,
        folding: false,
        scrollBeyondLastLine: false,
        wordWrap: 'on',
        fontSize: 13,
        automaticLayout: true,
        renderLineHighlight: 'none',
        overviewRulerLanes: 0,
        fixedOverflowWidgets: true,
        theme: useDesigner.getState().theme === 'dark' ? 'vs-dark' : 'vs',
        ariaLabel: `${field} of ${nodeId}`,
      });
      editorRef.current = editor;
      const bounds = () => {
        const d = useDesigner.getState().history.present;
        return lambdaSnippet(d, nodeId, field, signature);
      };
      const hide = () => {
        const { prefix, suffix } = bounds();
        const text = model.getValue();
        if (!text.startsWith(prefix) || !text.endsWith(suffix)) return;
        const first = prefix.split('\n').length;
        const last = model.getLineCount() - suffix.split('\n').length + 1;
        const ranges: Range[] = [
          { startLineNumber: 1, startColumn: 1, endLineNumber: first - 1, endColumn: 1 },
          { startLineNumber: last + 1, startColumn: 1, endLineNumber: model.getLineCount(), endColumn: 1 },
        ];
        if ('setHiddenAreas' in editor) (editor as unknown as HidesLines).setHiddenAreas(ranges);
        const lines = Math.min(Math.max(last - first + 1, 2), 14);
        if (host.current) host.current.style.height = `${lines * 19 + 8}px`;
      };
      hide();
      let restoring = false;
      const sub = model.onDidChangeContent(() => {
        if (restoring) return;
        const { prefix, suffix } = bounds();
        const text = model.getValue();
        const code = lambdaOf(text, prefix, suffix);
        if (!text.startsWith(prefix) || !text.endsWith(suffix)) {
          // An edit reached into the hidden context (e.g. select-all then type): keep what was typed as the
          // lambda and put the context back around it.
          restoring = true;
          model.setValue(prefix + code + suffix);
          restoring = false;
          const end = model.getPositionAt(prefix.length + code.length);
          editor.setPosition(end);
        }
        hide();
        if (code !== latest.current.value) useDesigner.getState().updateConfig(nodeId, field, code);
      });
      // Select-all selects the lambda, not the hidden context around it.
      editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyA, () => {
        const { prefix, suffix } = bounds();
        const start = model.getPositionAt(prefix.length);
        const end = model.getPositionAt(model.getValue().length - suffix.length);
        editor.setSelection({
          startLineNumber: start.lineNumber,
          startColumn: start.column,
          endLineNumber: end.lineNumber,
          endColumn: end.column,
        });
      });
      const unsubTheme = useDesigner.subscribe((s, prev) => {
        if (s.theme !== prev.theme) monaco.editor.setTheme(s.theme === 'dark' ? 'vs-dark' : 'vs');
      });
      cleanup = () => {
        sub.dispose();
        unsubTheme();
        editor.dispose();
        editorRef.current = null;
      };
    });
    return () => {
      disposed = true;
      cleanup();
    };
  }, [nodeId, field, signature]);

  // Undo, redo and re-import change the value from outside: bring the model in line.
  useEffect(() => {
    if (!editorRef.current) return;
    void loadMonaco().then((monaco) => {
      const doc = useDesigner.getState().history.present;
      syncLambdaModel(monaco, doc, { nodeId, field, signature }, value);
    });
  }, [value, nodeId, field, signature]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !focusAt) return;
    const model = editor.getModel();
    if (!model) return;
    const first = lambdaSnippet(
      useDesigner.getState().history.present,
      nodeId,
      field,
      signature,
    ).prefix.split('\n').length;
    editor.focus();
    editor.setPosition({ lineNumber: first + focusAt.line - 1, column: focusAt.column });
  }, [focusAt, nodeId, field, signature]);

  return (
    <div
      ref={host}
      className="code-field"
      style={{ height: 46 }}
      data-testid={`code-${field}`}
      onKeyDown={(e) => e.stopPropagation()}
    />
  );
}

/** The lambda inside a snippet's text, tolerating edits that cut into the context around it. */
export function lambdaOf(text: string, prefix: string, suffix: string): string {
  let head = 0;
  while (head < prefix.length && head < text.length && text[head] === prefix[head]) head++;
  let tail = 0;
  while (
    tail < suffix.length &&
    tail < text.length - head &&
    text[text.length - 1 - tail] === suffix[suffix.length - 1 - tail]
  )
    tail++;
  // Only a complete prefix/suffix is context; a partial match is the start or end of what the user typed.
  const start = head === prefix.length ? head : 0;
  const end = tail === suffix.length ? text.length - tail : text.length;
  return text.slice(start, Math.max(start, end));
}

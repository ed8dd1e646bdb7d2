import { syncLambdaModel } from '../monaco/lambda-check.js';
import { lambdaSnippet } from '../monaco/lambda-wrapper.js';
import type { Monaco } from '../monaco/setup.js';
import { useDesigner } from '../store/store.js';
import { applyToLambda, lambdaIn } from './lambda-edit.js';

export type Editor = ReturnType<Monaco['editor']['create']>;
type Range = { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number };
/** Monaco's editor can hide lines (used by its folding); not in the public typings, so probed at runtime. */
type HidesLines = { setHiddenAreas(ranges: Range[]): void };

const LINE_HEIGHT = 19;
const MIN_LINES = 4;
const MAX_LINES = 24;
const PADDING = 8;

/**
 * Creates the Monaco editor of one lambda field in `host` (see CodeField): the whole typed snippet as its model
 * with everything but the lambda hidden, selections and edits kept inside the lambda, its height following the
 * code, and every edit of the lambda written to the document. `latest` is the field's value as last rendered.
 */
export function mountLambdaEditor(
  monaco: Monaco,
  host: HTMLElement,
  { nodeId, field, latest }: { nodeId: string; field: string; latest: { readonly current: string } },
): { editor: Editor; dispose(): void } {
  const bounds = () => lambdaSnippet(useDesigner.getState().history.present, nodeId, field);
  const ref = { nodeId, field };
  const model = syncLambdaModel(monaco, useDesigner.getState().history.present, ref, latest.current);
  const editor = monaco.editor.create(host, {
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
    theme: useDesigner.getState().theme === 'dark' ? 'vs-dark' : 'vs',
    ariaLabel: `${field} of ${nodeId}`,
  });

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
    if (host.style.height !== `${height}px`) host.style.height = `${height}px`;
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
  const unsubTheme = useDesigner.subscribe((s, prev) => {
    if (s.theme !== prev.theme) monaco.editor.setTheme(s.theme === 'dark' ? 'vs-dark' : 'vs');
  });
  return {
    editor,
    dispose: () => {
      sub.dispose();
      clamp.dispose();
      size.dispose();
      unsubTheme();
      editor.dispose();
    },
  };
}

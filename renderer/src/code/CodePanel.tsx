import { loadDocument, serializeDocument } from '@topograph/codegen';
import { useEffect, useRef, useState } from 'react';
import type { GenerateResult, StudioClient } from '../api/client.js';
import { loadMonaco } from '../monaco/load.js';
import type { Monaco } from '../monaco/setup.js';
import { useDesigner } from '../store/store.js';

type DiffEditor = ReturnType<Monaco['editor']['createDiffEditor']>;

/**
 * The generated TypeScript, regenerated shortly after each change, shown read-only against the code of the last
 * saved document. Needs a host with the code generator; without one it says so.
 */
export function CodePanel({ studio }: { studio: StudioClient }) {
  const doc = useDesigner((s) => s.history.present);
  const savedText = useDesigner((s) => s.savedText);
  const [result, setResult] = useState<GenerateResult | null>(null);
  const [saved, setSaved] = useState<GenerateResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<{ monaco: Monaco; diff: DiffEditor } | null>(null);
  const [draft, setDraft] = useState<string | null>(null);

  useEffect(() => {
    if (!studio.generate) return;
    const generate = studio.generate;
    const timer = setTimeout(() => {
      generate(doc).then(
        (r) => {
          setResult(r);
          setError(null);
        },
        (e: unknown) => setError((e as Error).message),
      );
    }, 300);
    return () => clearTimeout(timer);
  }, [doc, studio]);

  useEffect(() => {
    if (!studio.generate) return;
    const loaded = savedText === serializeDocument(doc) ? doc : null;
    if (loaded) return setSaved(null);
    const d = loadDocument(savedText).document;
    if (d) studio.generate(d).then(setSaved, () => setSaved(null));
  }, [savedText, studio]);

  const code =
    result?.files.find((f) => f.path.endsWith('topology.ts'))?.text ?? result?.files[0]?.text ?? '';
  const before = saved?.files.find((f) => f.path.endsWith('topology.ts'))?.text ?? code;

  useEffect(() => {
    if (!host.current || !studio.generate) return;
    let disposed = false;
    void loadMonaco().then((monaco) => {
      if (disposed || !host.current) return;
      const diff = monaco.editor.createDiffEditor(host.current, {
        readOnly: true,
        originalEditable: false,
        renderSideBySide: false,
        automaticLayout: true,
        minimap: { enabled: false },
      });
      diff.setModel(codeModels(monaco));
      editor.current = { monaco, diff };
    });
    return () => {
      disposed = true;
      editor.current?.diff.dispose();
      editor.current = null;
    };
  }, [studio]);

  useEffect(() => {
    const e = editor.current;
    const m = e?.diff.getModel();
    if (!m) return;
    if (m.original.getValue() !== before) m.original.setValue(before);
    if (m.modified.getValue() !== code) m.modified.setValue(code);
  }, [code, before]);

  if (!studio.generate)
    return (
      <p className="muted panel-empty">
        Code generation runs in the Topograph host. Start the designer with <code>npm start</code> to see the
        generated TypeScript here.
      </p>
    );
  const parse = studio.parse;
  return (
    <div className="code-panel">
      <div className="code-toolbar">
        <span className="muted">topology.ts — read-only, diff against the last save</span>
        {error && <span className="inline-problem error">{error}</span>}
        {parse && (
          <button type="button" onClick={() => setDraft(draft === null ? code : null)}>
            {draft === null ? 'Edit & re-import…' : 'Cancel edit'}
          </button>
        )}
      </div>
      {draft !== null && parse ? (
        <div className="code-edit">
          <textarea
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            spellCheck={false}
            aria-label="Code to import"
          />
          <button
            type="button"
            onClick={() => {
              void parse(draft, doc).then(({ document, problems }) => {
                if (document) {
                  useDesigner.getState().change(document);
                  setDraft(null);
                } else
                  useDesigner
                    .getState()
                    .notify('error', `Cannot import code: ${problems.map((p) => p.message).join('; ')}`);
              });
            }}
          >
            Re-import into canvas
          </button>
        </div>
      ) : (
        <div ref={host} className="code-view" data-testid="code-view" />
      )}
    </div>
  );
}

/**
 * The diff's two models live as long as the page: disposing them while the TypeScript worker still checks them
 * makes the worker throw.
 */
function codeModels(monaco: Monaco) {
  const get = (name: string) => {
    const uri = monaco.Uri.parse(`file:///generated/${name}/topology.ts`);
    return monaco.editor.getModel(uri) ?? monaco.editor.createModel('', 'typescript', uri);
  };
  return { original: get('saved'), modified: get('live') };
}

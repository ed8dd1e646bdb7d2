import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';

// Workers come from the bundle (Vite `?worker`), never from a CDN: the designer works offline.
self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) =>
    label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker(),
};

monaco.typescript.typescriptDefaults.setCompilerOptions({
  target: monaco.typescript.ScriptTarget.ESNext,
  strict: true,
  noEmit: true,
  // Inferred result types are read from hover text, which TypeScript otherwise cuts at 160 characters.
  noErrorTruncation: true,
});
// Every lambda has a model (the Problems panel needs their errors) and the worker must see them all.
monaco.typescript.typescriptDefaults.setEagerModelSync(true);
// Monaco would also validate each of those models by itself, three requests per model on every load, doubling
// the worker's work behind our own check (lambda-check.ts); it needs to squiggle only the model in an editor.
monaco.typescript.typescriptDefaults.setDiagnosticsOptions({
  ...monaco.typescript.typescriptDefaults.getDiagnosticsOptions(),
  onlyVisible: true,
});

export { monaco };
export type Monaco = typeof monaco;

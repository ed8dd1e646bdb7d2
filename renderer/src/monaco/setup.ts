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
});
// Lambda models are checked one by one: eager checking of every model keeps the worker busy for nothing.
monaco.typescript.typescriptDefaults.setEagerModelSync(true);

export { monaco };
export type Monaco = typeof monaco;

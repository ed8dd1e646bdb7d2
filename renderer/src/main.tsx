import '@xyflow/react/dist/style.css';
import './styles.css';
import { loadDocument, serializeDocument } from '@topograph/codegen';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { connectStudio } from './api/connect.js';
import { TEMPLATES } from './files/templates.js';
import { readRecovery } from './files/recovery.js';
import { useDesigner } from './store/store.js';

const studio = connectStudio();

// First start opens the word-count example (README: "starts the designer with an example topology");
// `?empty` starts blank. Unsaved work from a crash is offered by the recovery banner instead.
const params = new URLSearchParams(location.search);
const example = TEMPLATES.find((t) => t.name === (params.get('example') ?? 'word-count'));
if (!params.has('empty') && example && readRecovery() === null) {
  const { document } = loadDocument(example.text);
  if (document) useDesigner.getState().load(document, null);
}

// Read-only view of the open document as it would be saved, for the devtools console and end-to-end tests.
Object.defineProperty(window, 'topographDocument', {
  get: () => serializeDocument(useDesigner.getState().history.present),
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App studio={studio} />
  </StrictMode>,
);

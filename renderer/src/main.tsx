import '@xyflow/react/dist/style.css';
import './styles.css';
import { serializeDocument } from '@topograph/document';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { connectStudio } from './api/connect.js';
import { PanelErrorBoundary } from './panels/PanelErrorBoundary.js';
import { startDocument } from './files/startup.js';
import { useDesigner } from './store/store.js';

const studio = connectStudio();

// Read-only view of the open document as it would be saved, for the devtools console and end-to-end tests.
Object.defineProperty(window, 'topographDocument', {
  get: () => serializeDocument(useDesigner.getState().history.present),
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// The first render waits for the opening document (or the unsaved work to offer), so it never flashes a blank
// canvas that the example or the recovery banner then replaces.
void startDocument(studio, new URLSearchParams(location.search), localStorage).then((drafts) =>
  createRoot(root).render(
    <StrictMode>
      <PanelErrorBoundary name="designer">
        <App studio={studio} drafts={drafts} />
      </PanelErrorBoundary>
    </StrictMode>,
  ),
);

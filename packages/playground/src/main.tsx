import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
// The view rules come first, so the shared rules of styles.css win where both set a property of one
// element (`.stack` on a `.field`, `.badge` on a `.marker`).
import './views.css';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

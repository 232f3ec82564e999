import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/app/app';
import { startTheme } from '@/lib/use-theme';
import './styles.css';
// Each feature's styles live beside it. They are all loaded here, with the page, in this
// order (later rules win over earlier ones), so a lazily loaded part never shows unstyled.
import './features/home/home.css';
import './features/loop/loop.css';
import './features/scoring/scoring.css';
import './features/review/review.css';
import './features/loop/paired.css';
import './features/workspace-code/code-workspace.css';
import './features/workspace-star/star.css';
import './features/workspace-design/design.css';
import './features/workspace-code/run-panel.css';
import './components/signal-checklist.css';
import './features/review/review-details.css';
import './features/history/history.css';
import './components/reference-solution.css';
import './components/sql-tables.css';

// Before the first render, so the page is never drawn in the other theme first.
startTheme();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

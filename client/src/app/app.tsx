import { HomePage } from '@/features/home/home-page';
import { LoopPage } from '@/app/loop-page';
import { usePath } from '@/lib/router';
import { ThemeSwitch } from '@/components/theme-switch';
import { lazy, Suspense } from 'react';

// Its own chunk: the charts (uPlot) stay out of the first page load.
const HistoryPage = lazy(() => import('@/features/history/history-page'));
// Its own chunk too: the report check (zod/mini) is only needed when importing.
const ImportPage = lazy(() => import('@/features/report-import/import-page'));

const LOADING = (
  <p className="panel" aria-busy="true">
    Loading…
  </p>
);

export function App() {
  const path = usePath();
  const loop = /^\/loop\/([A-Za-z0-9_-]+)\/?$/.exec(path);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <a href="/" className="brand">
          mockloop
        </a>
        <span className="tagline">Amazon ML engineer interview practice</span>
        <nav className="site-nav" aria-label="Main">
          <a href="/history" aria-current={path === '/history' ? 'page' : undefined}>
            History
          </a>
          <a href="/import" aria-current={path === '/import' ? 'page' : undefined}>
            Import a report
          </a>
        </nav>
        <ThemeSwitch />
      </header>
      <main id="main" tabIndex={-1}>
        {path === '/' ? (
          <HomePage />
        ) : path === '/history' ? (
          <Suspense fallback={LOADING}>
            <HistoryPage />
          </Suspense>
        ) : path === '/import' ? (
          <Suspense fallback={LOADING}>
            <ImportPage />
          </Suspense>
        ) : loop ? (
          <LoopPage key={loop[1]} loopId={loop[1]!} />
        ) : (
          <section className="panel">
            <h1>Page not found</h1>
            <p>
              <a href="/">Start a new loop</a>
            </p>
          </section>
        )}
      </main>
    </>
  );
}

import { HomePage } from '@/features/home/home-page';
import { LoopPage } from '@/app/loop-page';
import { usePath } from '@/app/router';

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
      </header>
      <main id="main" tabIndex={-1}>
        {path === '/' ? (
          <HomePage />
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

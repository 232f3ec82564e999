import type { ReactNode } from 'react';
import './scroll-region.css';

/**
 * A wide table on a narrow screen: it scrolls sideways on its own, never the page. The
 * region takes focus, so the keyboard can scroll it too.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="scroll-region" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

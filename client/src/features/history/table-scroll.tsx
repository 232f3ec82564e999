import type { ReactNode } from 'react';

/**
 * A table that may scroll sideways on a narrow screen: the scroll area takes focus so
 * keyboard users can scroll it, and is named for screen readers.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

import { useEffect, useState } from 'react';

/**
 * The local time, refreshed a few times a second and whenever the tab becomes visible
 * again. Values shown are always recomputed from deadlines, so a throttled background
 * tab is right as soon as it renders.
 */
export function useNow(intervalMs = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const timer = setInterval(tick, intervalMs);
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [intervalMs]);
  return now;
}

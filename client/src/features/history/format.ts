/** How the history page writes dates, gaps and ratings. */

const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const formatDate = (iso: string) => DATE.format(new Date(iso));

/** "Loop 3": the loops counted in the progress views, numbered oldest first. */
export const loopLabel = (index: number) => `Loop ${index + 1}`;

/** A signed gap with one decimal: "+1.5", "0.0", "−0.3" (a true minus sign). */
export function formatGap(gap: number): string {
  const text = Math.abs(gap).toFixed(1);
  return gap > 0.05 ? `+${text}` : gap < -0.05 ? `\u2212${text}` : text;
}

export const formatRating = (rating: number | null) => (rating === null ? '—' : String(rating));

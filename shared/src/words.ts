/** Small rules of English the app's sentences share. */

/** "1 minute", "5 minutes": a count with its noun, plural unless the count is one. */
export const plural = (n: number, word: string, words = `${word}s`): string =>
  `${n} ${n === 1 ? word : words}`;

/**
 * The design tokens in styles.css: the dark theme sets every colour the light one does
 * (so no part keeps a light colour in dark), and in both themes every pair of text and
 * background the styles put together is readable.
 */
import { describe, expect, it } from 'vitest';
import { contrast, isColour, themeTokens } from '../helpers/theme-tokens';

/** Text tokens and the backgrounds the styles set them on. */
const TEXT_ON: Record<string, string[]> = {
  '--text': [
    '--bg',
    '--surface',
    '--surface-raised',
    '--code-bg',
    '--selected-bg',
    '--accent-tint',
    '--heat-1-bg',
    '--heat-2-bg',
    '--success-bg',
    '--danger-bg',
  ],
  '--muted': ['--bg', '--surface', '--surface-raised', '--selected-bg', '--accent-tint'],
  '--accent': ['--bg', '--surface', '--selected-bg'],
  '--accent-text': ['--accent'],
  '--info-text': ['--info-bg'],
  '--warning-text': ['--warning-bg'],
  '--danger-text': ['--danger-bg', '--surface', '--bg'],
  '--success-text': ['--success-bg', '--surface'],
  '--heat-3-text': ['--heat-3-bg'],
  '--video-text': ['--video-bg'],
};

/** Parts that are not text but must be seen (WCAG 1.4.11): 3:1. */
const NON_TEXT_ON: Record<string, string[]> = {
  '--focus-ring': ['--bg', '--surface'],
  '--control-border': ['--surface'],
  '--accent': ['--surface'],
  // The history charts' lines, drawn on a panel.
  ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((n) => [`--series-${n}`, ['--surface']])),
};

describe('the design tokens', () => {
  const tokens = themeTokens();

  it('the dark theme sets exactly the colours the light theme sets', () => {
    const colours = (set: Record<string, string>) =>
      Object.keys(set)
        .filter((name) => isColour(set[name]!))
        .sort();
    expect(colours(tokens.light).length).toBeGreaterThan(20);
    expect(colours(tokens.darkOverrides)).toEqual(colours(tokens.light));
    // It overrides nothing the light theme does not declare (a misspelt name would be lost).
    for (const name of Object.keys(tokens.darkOverrides)) expect(tokens.light).toHaveProperty(name);
  });

  /** Every part on each of its backgrounds, in `theme`, at `minimum` contrast or more. */
  function expectContrast(
    theme: 'light' | 'dark',
    pairs: Record<string, string[]>,
    minimum: number,
  ) {
    const set = tokens[theme];
    for (const [part, backgrounds] of Object.entries(pairs))
      for (const background of backgrounds)
        expect(
          contrast(set[part]!, set[background]!),
          `${part} ${set[part]} on ${background} ${set[background]}`,
        ).toBeGreaterThanOrEqual(minimum);
  }

  for (const theme of ['light', 'dark'] as const) {
    it(`every text colour is at least 4.5:1 on its backgrounds, in the ${theme} theme`, () =>
      expectContrast(theme, TEXT_ON, 4.5));

    it(`the focus ring, control borders, accent and chart lines stand out at 3:1, in the ${theme} theme`, () =>
      expectContrast(theme, NON_TEXT_ON, 3));
  }
});

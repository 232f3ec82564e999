/**
 * Every syntax colour of the code editor is readable in both themes: at least 4.5:1 (WCAG
 * AA for text) on the editor, its active line and the page, as styles.css sets them.
 */
import { describe, expect, it } from 'vitest';
import {
  SYNTAX_BACKGROUND_TOKENS,
  SYNTAX_COLOURS,
} from '../../client/src/features/workspace-code/highlight';
import { contrast, themeTokens } from '../helpers/theme-tokens';

describe('the code editor’s syntax colours', () => {
  const tokens = themeTokens();

  for (const theme of ['light', 'dark'] as const)
    it(`are at least 4.5:1 on every background they sit on, in the ${theme} theme`, () => {
      expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
      const backgrounds = SYNTAX_BACKGROUND_TOKENS.map((name) => tokens[theme][name]!);
      expect(backgrounds.every((b) => /^#[0-9a-f]{6}$/i.test(b))).toBe(true);
      for (const [token, colour] of Object.entries(SYNTAX_COLOURS[theme]))
        for (const background of backgrounds)
          expect(
            contrast(colour, background),
            `${token} ${colour} on ${background}`,
          ).toBeGreaterThanOrEqual(4.5);
    });
});

/** Every syntax colour of the code editor is readable: at least 4.5:1 (WCAG AA for text). */
import { describe, expect, it } from 'vitest';
import {
  SYNTAX_BACKGROUNDS,
  SYNTAX_COLOURS,
} from '../../client/src/features/workspace-code/highlight';

/** WCAG's relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
};

describe('the code editor’s syntax colours', () => {
  it('are at least 4.5:1 on every background they sit on', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    for (const [token, colour] of Object.entries(SYNTAX_COLOURS))
      for (const background of SYNTAX_BACKGROUNDS)
        expect(contrast(colour, background), `${token} on ${background}`).toBeGreaterThanOrEqual(
          4.5,
        );
  });
});

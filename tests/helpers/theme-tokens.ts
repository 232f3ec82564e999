/**
 * The design tokens of client/src/styles.css, read from the file: the light set (`:root`)
 * and the dark set (`:root[data-theme='dark']`), and WCAG's contrast between two colours.
 */
import { readFileSync } from 'node:fs';

const STYLES = new URL('../../client/src/styles.css', import.meta.url);

/** The custom properties declared in the first block whose selector is exactly `selector`. */
function declarations(css: string, selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`styles.css has no ${selector} block`);
  const body = css.slice(css.indexOf('{', start) + 1, css.indexOf('}', start));
  return Object.fromEntries(
    [...body.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]),
  );
}

export interface ThemeTokens {
  light: Record<string, string>;
  /** The light set with the dark theme's overrides applied, as the page sees it. */
  dark: Record<string, string>;
  /** Only what the dark block itself declares. */
  darkOverrides: Record<string, string>;
}

export function themeTokens(): ThemeTokens {
  const css = readFileSync(STYLES, 'utf8');
  const light = declarations(css, ':root');
  const darkOverrides = declarations(css, ":root[data-theme='dark']");
  return { light, dark: { ...light, ...darkOverrides }, darkOverrides };
}

/** Whether a token's value is a colour literal (which each theme must then set). */
export const isColour = (value: string) => /^(#[0-9a-f]{3,8}|rgba?\(.*\))$/i.test(value);

/** WCAG's relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG's contrast ratio of two #rrggbb colours, from 1 to 21. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/**
 * The colour theme: what the device chose (System, Light or Dark) and what that means for
 * the page. Pure, so that the choice's meaning is tested without a browser.
 */

/** What a person can choose; `system` follows the operating system's setting. */
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** The theme the page is drawn in. */
export type Theme = 'light' | 'dark';

/** The stored choice if it is one, else System (a device that never chose, or junk). */
export function parseThemeChoice(stored: unknown): ThemeChoice {
  return THEME_CHOICES.find((choice) => choice === stored) ?? 'system';
}

/** The theme a choice gives, where System takes the operating system's preference. */
export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): Theme {
  if (choice === 'system') return systemPrefersDark ? 'dark' : 'light';
  return choice;
}

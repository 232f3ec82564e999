/**
 * The page's colour theme at run time: `data-theme` on <html>, which the tokens in
 * styles.css key on, kept in step with the device's choice and, while that is System,
 * with the operating system's setting as it changes.
 */
import { useSyncExternalStore } from 'react';
import { rememberThemeChoice, themeChoice } from '@/lib/device';
import { resolveTheme, type Theme, type ThemeChoice } from '@/lib/theme';

const DARK_QUERY = '(prefers-color-scheme: dark)';

let choice: ThemeChoice = 'system';
let systemDark: MediaQueryList | null = null;
const listeners = new Set<() => void>();

function apply(): void {
  document.documentElement.dataset.theme = resolveTheme(choice, systemDark?.matches ?? false);
  for (const listener of listeners) listener();
}

/**
 * Puts the remembered theme on the page and follows changes to it from then on: the
 * system's setting, and a choice made in another tab. Called once, before the first render,
 * so the page is never drawn in the other theme first.
 */
export function startTheme(): void {
  choice = themeChoice();
  systemDark = window.matchMedia(DARK_QUERY);
  systemDark.addEventListener('change', apply);
  window.addEventListener('storage', () => {
    const stored = themeChoice();
    if (stored === choice) return;
    choice = stored;
    apply();
  });
  apply();
}

/** Applies `next` and remembers it on this device. */
export function chooseTheme(next: ThemeChoice): void {
  choice = next;
  rememberThemeChoice(next);
  apply();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

const appliedTheme = (): Theme =>
  document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';

/** The theme the page is drawn in now. */
export const useTheme = (): Theme => useSyncExternalStore(subscribe, appliedTheme);

/** What this device chose: System, Light or Dark. */
export const useThemeChoice = (): ThemeChoice => useSyncExternalStore(subscribe, () => choice);

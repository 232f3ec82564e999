import { chooseTheme, useThemeChoice } from '@/lib/use-theme';
import { parseThemeChoice, type ThemeChoice } from '@/lib/theme';

const LABELS: Record<ThemeChoice, string> = {
  system: 'System',
  light: 'Light',
  dark: 'Dark',
};

/** The colour theme, on every page: System follows the device's own setting. */
export function ThemeSwitch() {
  const choice = useThemeChoice();
  return (
    <label className="theme-switch">
      <span className="theme-switch__text">Theme</span>
      <select value={choice} onChange={(e) => chooseTheme(parseThemeChoice(e.target.value))}>
        {Object.entries(LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

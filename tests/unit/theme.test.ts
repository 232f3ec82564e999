/** What a theme choice means: System follows the device's setting, Light and Dark do not. */
import { describe, expect, it } from 'vitest';
import { parseThemeChoice, resolveTheme } from '../../client/src/lib/theme';

describe('the colour theme', () => {
  it('System follows the operating system’s preference', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
  });

  it('Light and Dark hold whatever the operating system prefers', () => {
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('reads a stored choice, and anything else as System', () => {
    expect(parseThemeChoice('dark')).toBe('dark');
    expect(parseThemeChoice('light')).toBe('light');
    expect(parseThemeChoice('system')).toBe('system');
    for (const junk of [null, undefined, 'Dark', 'blue', 1, {}])
      expect(parseThemeChoice(junk)).toBe('system');
  });
});

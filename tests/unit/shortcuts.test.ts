import { describe, expect, it } from 'vitest';
import { SHORTCUTS, shortcutFor, shortcutKeys } from '@/features/loop/shortcuts';

const press = (
  code: string,
  mods: Partial<Record<'alt' | 'shift' | 'ctrl' | 'meta', boolean>>,
) => ({
  code,
  altKey: mods.alt ?? false,
  shiftKey: mods.shift ?? false,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  repeat: false,
});

describe('clock shortcuts', () => {
  it('maps Alt+Shift+letter to its action, by the physical key', () => {
    expect(shortcutFor(press('KeyP', { alt: true, shift: true }))).toBe('pause-resume');
    expect(shortcutFor(press('KeyN', { alt: true, shift: true }))).toBe('next-phase');
    expect(shortcutFor(press('KeyH', { alt: true, shift: true }))).toBe('reveal-hint');
    expect(shortcutFor(press('KeyE', { alt: true, shift: true }))).toBe('extend');
  });

  it('leaves typing alone: a plain letter, one modifier, or another chord is no shortcut', () => {
    expect(shortcutFor(press('KeyP', {}))).toBeNull();
    expect(shortcutFor(press('KeyP', { shift: true }))).toBeNull();
    expect(shortcutFor(press('KeyP', { alt: true }))).toBeNull();
    expect(shortcutFor(press('KeyP', { alt: true, shift: true, ctrl: true }))).toBeNull();
    expect(shortcutFor(press('KeyP', { alt: true, shift: true, meta: true }))).toBeNull();
    expect(shortcutFor(press('KeyZ', { alt: true, shift: true }))).toBeNull();
    expect(shortcutFor({ ...press('KeyP', { alt: true, shift: true }), repeat: true })).toBeNull();
  });

  it('writes each one the way it is pressed, each key once', () => {
    expect(shortcutKeys('pause-resume')).toBe('Alt+Shift+P');
    expect(new Set(SHORTCUTS.map((s) => s.code)).size).toBe(SHORTCUTS.length);
  });
});

/**
 * The keyboard shortcuts of whoever runs the clock. Each is Alt+Shift+<letter>, matched on
 * the physical key (`code`), so it works from inside a text field or the code editor
 * (where a plain letter is typing) and with macOS's Option key (which changes `key`).
 * The table is the one source of both the key handling and the list shown on the page.
 */

export type ShortcutAction = 'pause-resume' | 'next-phase' | 'reveal-hint' | 'extend';

export interface Shortcut {
  action: ShortcutAction;
  /** The letter, as `KeyboardEvent.code` names its key. */
  code: `Key${string}`;
  /** What it does, as the page lists it. */
  label: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'pause-resume', code: 'KeyP', label: 'Pause or resume the clock' },
  { action: 'next-phase', code: 'KeyN', label: 'Next phase' },
  { action: 'reveal-hint', code: 'KeyH', label: 'Reveal the next hint' },
  { action: 'extend', code: 'KeyE', label: 'Add 5 minutes' },
];

/** How a shortcut is written, for people and for `aria-keyshortcuts` alike ("Alt+Shift+P"). */
export function shortcutKeys(action: ShortcutAction): string {
  const { code } = SHORTCUTS.find((s) => s.action === action)!;
  return `Alt+Shift+${code.slice('Key'.length)}`;
}

interface KeyLike {
  code: string;
  altKey: boolean;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  repeat: boolean;
}

/** The action a key press asks for, if it is one of the shortcuts (held keys repeat: no). */
export function shortcutFor(event: KeyLike): ShortcutAction | null {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey || event.repeat)
    return null;
  return SHORTCUTS.find((s) => s.code === event.code)?.action ?? null;
}

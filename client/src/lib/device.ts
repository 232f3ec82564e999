/**
 * What this device remembers: the loops it has joined (with their tokens, so a bare
 * /loop/:id URL still works), the questions practised recently, the level aimed at and
 * the colour theme.
 */
import { DEFAULT_TARGET_LEVEL, TARGET_LEVELS, type TargetLevel } from '@mockloop/shared/levels';
import type { Role } from '@mockloop/shared/loop/state';
import { parseThemeChoice, type ThemeChoice } from '@/lib/theme';

const LOOPS_KEY = 'mockloop.loops';
const RECENT_KEY = 'mockloop.recentQuestions';
const LEVEL_KEY = 'mockloop.targetLevel';
const RECENT_MAX = 200;

export interface KnownLoop {
  id: string;
  token: string;
  role: Role | null;
  savedAt: number;
  /** Links for the other roles, kept on the device that created a paired loop. */
  invites?: Partial<Record<Role, string>>;
}

function readJson<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

export const knownLoops = (): KnownLoop[] => readJson<KnownLoop[]>(LOOPS_KEY, []);

/** Saves what this device knows of a loop, keeping earlier fields not given again. */
export function rememberLoop(loop: KnownLoop): void {
  const all = knownLoops();
  const before = all.find((l) => l.id === loop.id);
  const others = all.filter((l) => l.id !== loop.id);
  localStorage.setItem(
    LOOPS_KEY,
    JSON.stringify([{ ...before, ...loop }, ...others].slice(0, 100)),
  );
}

export const knownLoop = (loopId: string): KnownLoop | undefined =>
  knownLoops().find((l) => l.id === loopId);

/** The token from the URL fragment (#token=…), else the one remembered for this loop. */
export function tokenFor(loopId: string): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  return fromHash ?? knownLoops().find((l) => l.id === loopId)?.token ?? null;
}

export const recentQuestionIds = (): string[] => readJson<string[]>(RECENT_KEY, []);

export function rememberQuestions(ids: string[]): void {
  const merged = [...ids, ...recentQuestionIds().filter((id) => !ids.includes(id))];
  localStorage.setItem(RECENT_KEY, JSON.stringify(merged.slice(0, RECENT_MAX)));
}

/** The level this device last chose to practise for; L5 until one is chosen. */
export function preferredLevel(): TargetLevel {
  const stored = readJson<unknown>(LEVEL_KEY, null);
  return TARGET_LEVELS.find((level) => level === stored) ?? DEFAULT_TARGET_LEVEL;
}

export function rememberLevel(level: TargetLevel): void {
  localStorage.setItem(LEVEL_KEY, JSON.stringify(level));
}

const CALL_PREFS_KEY = 'mockloop.call';
const IN_CALL_KEY = 'mockloop.inCall.';

/**
 * The call's settings on this device: the chosen microphone and camera, relay only, and
 * whether its bar stays in view while the page scrolls.
 */
export interface CallPrefs {
  microphone: string | null;
  camera: string | null;
  relayOnly: boolean;
  keepInView: boolean;
}

export const callPrefs = (): CallPrefs => ({
  microphone: null,
  camera: null,
  relayOnly: false,
  keepInView: false,
  ...readJson<Partial<CallPrefs>>(CALL_PREFS_KEY, {}),
});

export function rememberCallPrefs(prefs: Partial<CallPrefs>): void {
  localStorage.setItem(CALL_PREFS_KEY, JSON.stringify({ ...callPrefs(), ...prefs }));
}

/** How this tab was in a loop's call, so that a refresh rejoins it; null when not in it. */
export interface InCall {
  muted: boolean;
  listenOnly: boolean;
}

export function inCallBefore(loopId: string): InCall | null {
  try {
    const raw = sessionStorage.getItem(IN_CALL_KEY + loopId);
    return raw ? (JSON.parse(raw) as InCall) : null;
  } catch {
    return null;
  }
}

export function rememberInCall(loopId: string, state: InCall | null): void {
  if (state) sessionStorage.setItem(IN_CALL_KEY + loopId, JSON.stringify(state));
  else sessionStorage.removeItem(IN_CALL_KEY + loopId);
}

const THEME_KEY = 'mockloop.theme';

/** The colour theme chosen on this device; System until one is chosen. */
export const themeChoice = (): ThemeChoice => parseThemeChoice(readJson<unknown>(THEME_KEY, null));

export function rememberThemeChoice(choice: ThemeChoice): void {
  localStorage.setItem(THEME_KEY, JSON.stringify(choice));
}

const CONSOLE_KEY = 'mockloop.consolePanes';

/** The interviewer console's panes this device has hidden. */
export const hiddenPanes = (): string[] => {
  const stored = readJson<unknown>(CONSOLE_KEY, []);
  return Array.isArray(stored) ? stored.filter((p): p is string => typeof p === 'string') : [];
};

export function rememberHiddenPanes(panes: string[]): void {
  localStorage.setItem(CONSOLE_KEY, JSON.stringify(panes));
}

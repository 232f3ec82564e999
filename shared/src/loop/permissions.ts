/** What each role may do, by loop mode. The server enforces it in `decide`. */
import { mayRecord } from '../recording';
import type { Mode, Role, ScoreSource } from './state';

export interface Permissions {
  /** Start, pause, resume, extend, skip phases and rounds, end the loop. */
  control: boolean;
  /** Write the round's shared notes and STAR answers. */
  notes: boolean;
  /** Edit the shared code and whiteboard, pick the language, run the tests. */
  collaborate: boolean;
  /** Tick the question's signals as they are heard. */
  tickSignals: boolean;
  /** Reveal the next hint of the question. */
  revealHints: boolean;
  /** Whose score this role submits, or null when it may not score. */
  scoreAs: ScoreSource | null;
  /** Push follow-ups, keep private notes, replace links, start the swapped loop. */
  interview: boolean;
  /** Start the next loop with roles reversed. */
  swap: boolean;
  /** Agree to recording (or withdraw), record answers, delete the loop's recordings. */
  record: boolean;
}

const NONE: Omit<Permissions, 'record'> = {
  control: false,
  notes: false,
  collaborate: false,
  tickSignals: false,
  revealHints: false,
  scoreAs: null,
  interview: false,
  swap: false,
};

/** The solo user runs their own loop; in a pair the interviewer runs the clock. */
export function permissionsFor(mode: Mode, role: Role): Permissions {
  return { ...runningPermissions(mode, role), record: mayRecord(mode, role) };
}

function runningPermissions(mode: Mode, role: Role): Omit<Permissions, 'record'> {
  if (mode === 'solo') {
    return role === 'candidate'
      ? {
          ...NONE,
          control: true,
          notes: true,
          collaborate: true,
          tickSignals: true,
          revealHints: true,
          scoreAs: 'self',
        }
      : NONE;
  }
  switch (role) {
    case 'interviewer':
      return {
        control: true,
        notes: false,
        collaborate: true,
        tickSignals: true,
        revealHints: true,
        scoreAs: 'partner',
        interview: true,
        swap: true,
      };
    case 'candidate':
      return { ...NONE, notes: true, collaborate: true, scoreAs: 'self', swap: true };
    case 'observer':
      return NONE;
  }
}

/**
 * Whether a role sits on the interviewer's side of the table: it reads the interviewer's
 * kit, the private notes and the partner's scores. The one place that says who does.
 */
export const isStaff = (role: Role): boolean => role === 'interviewer' || role === 'observer';

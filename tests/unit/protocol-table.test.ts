/**
 * The protocol's table of client events is the one source: docs/protocol.md lists every
 * event of it, and only those, with the roles the table (and so the server) lets send it.
 */
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../shared/src/loop/commands';
import { CLIENT_EVENT_NAMES, CLIENT_EVENTS, sendersOf } from '../../shared/src/protocol-table';
import type { RouteTable } from '../../server/src/transport/handler';
import { doc } from '../helpers/fuzz/contract';

const sorted = (roles: readonly string[]) => [...roles].sort();

describe('the table of client events', () => {
  it('has a row in docs/protocol.md for every event, and no other row', () => {
    expect(sorted([...doc.events.keys()])).toEqual(sorted(CLIENT_EVENT_NAMES));
  });

  it('names in docs/protocol.md the roles that may send each event, by mode', () => {
    for (const name of CLIENT_EVENT_NAMES) {
      const documented = doc.events.get(name)!;
      expect(sorted(documented.solo), `${name} (solo)`).toEqual(sorted(sendersOf(name, 'solo')));
      expect(sorted(documented.paired), `${name} (paired)`).toEqual(
        sorted(sendersOf(name, 'paired')),
      );
    }
  });

  it('covers every command, rate-limits every command and edit, never the clock or a sync', () => {
    for (const name of COMMAND_NAMES) expect(CLIENT_EVENTS[name].limited, name).toBe(true);
    expect(CLIENT_EVENTS['doc:edit'].limited).toBe(true);
    expect(CLIENT_EVENTS['board:update'].limited).toBe(true);
    expect(CLIENT_EVENTS['clock:ping'].limited).toBe(false);
    expect(CLIENT_EVENTS['loop:sync'].limited).toBe(false);
  });

  it('says who may send each command from the same rule the server decides with', () => {
    expect(sendersOf('followup:push', 'solo')).toEqual([]);
    expect(sendersOf('followup:push', 'paired')).toEqual(['interviewer']);
    expect(sendersOf('round:start', 'solo')).toEqual(['candidate']);
    expect(sendersOf('doc:edit', 'paired')).toEqual(['candidate', 'interviewer']);
    expect(sendersOf('doc:sync', 'paired')).toEqual(['candidate', 'interviewer', 'observer']);
  });
});

/** Type-level checks, run by `npm run typecheck` (`tsc -p tests`); never called. */
export function routeTableTypes(routes: RouteTable) {
  // @ts-expect-error: a table without a route for every event does not compile
  const missing: RouteTable = { 'clock:ping': routes['clock:ping'] };
  const wrongAnswer: RouteTable = {
    ...routes,
    // @ts-expect-error: a route answers what the table says its event acknowledges
    'clock:ping': () => ({ ok: true, data: { version: 1 } }),
  };
  const wrongPayload: RouteTable = {
    ...routes,
    // @ts-expect-error: a route takes the payload its event's schema gives
    'doc:edit': (_socket, payload: { text: string }) => routes['doc:edit'](_socket, payload),
  };
  return [missing, wrongAnswer, wrongPayload];
}

import { describe, expect, it } from 'vitest';
import { Outbox } from '../../client/src/lib/outbox';

type Ack = { ok: boolean; version: number };

/** A fake connection: records what was sent and lets the test answer or drop it. */
function fakeLink() {
  const sent: { name: string; commandId: string; answer: (ack: Ack) => void }[] = [];
  const outbox = new Outbox<Ack>((name, payload, onAck) =>
    sent.push({ name, commandId: payload.commandId, answer: onAck }),
  );
  return { sent, outbox };
}

describe('client outbox', () => {
  it('sends at once when connected and resolves with the ack', async () => {
    const { sent, outbox } = fakeLink();
    const result = outbox.send('timer:pause', { commandId: 'a1', round: 0 }, true);
    expect(sent.map((s) => s.commandId)).toEqual(['a1']);
    sent[0]!.answer({ ok: true, version: 3 });
    expect(await result).toEqual({ ok: true, version: 3 });
    expect(outbox.size).toBe(0);
  });

  it('holds commands while offline and sends them in order, same ids, after reconnecting', () => {
    const { sent, outbox } = fakeLink();
    const tag = (commandId: string, principles: string[]) => ({
      commandId,
      round: 0,
      questionId: 'q',
      principles,
      story: null,
    });
    void outbox.send('star:tag', tag('t1', ['ownership']), false);
    void outbox.send('star:tag', tag('t2', ['ownership', 'dive-deep']), false);
    expect(sent).toHaveLength(0);
    outbox.flush();
    expect(sent.map((s) => s.commandId)).toEqual(['t1', 't2']);
    expect(sent.map((s) => s.name)).toEqual(['star:tag', 'star:tag']);
  });

  it('resends a command whose ack was lost, and resolves once with the first ack that comes', async () => {
    const { sent, outbox } = fakeLink();
    const result = outbox.send('score:submit', { commandId: 's1' }, true);
    // The connection drops before the ack: the command is sent again after the reconnect.
    outbox.flush();
    expect(sent.map((s) => s.commandId)).toEqual(['s1', 's1']);
    sent[1]!.answer({ ok: true, version: 7 });
    sent[0]!.answer({ ok: true, version: 99 });
    expect(await result).toEqual({ ok: true, version: 7 });
    outbox.flush();
    expect(sent).toHaveLength(2);
  });
});

/**
 * A round that is over is read-only: its notes, private notes, code and whiteboard refuse
 * every edit (a conflict that changes nothing), for every role; before it ends they take
 * edits, and the next round's do.
 */
import { describe, expect, it } from 'vitest';
import { commandIds, pairedServer, questionOf } from '../helpers/paired';
import { writeDoc, writeNotes, writePrivateNotes } from '../helpers/docs';

const { client } = pairedServer();
const cid = commandIds('round-over');
const rect = (id: string, version: number) => ({
  id,
  type: 'rectangle',
  version,
  versionNonce: 1,
  isDeleted: false,
  x: 0,
  y: 0,
  width: 10,
  height: 10,
});

describe('a round that is over', () => {
  it('takes no more edits to any of its workspaces', async () => {
    const loop = await client.createPaired([{ id: 'coding' }, { id: 'system-design' }]);
    const { interviewer, candidate } = await client.joinAll(loop);
    const question = questionOf(interviewer.latest, 0);
    const code = { kind: 'code', round: 0, questionId: question.id } as const;
    const start = (round: number) =>
      interviewer.socket.emitWithAck('round:start', { commandId: cid(), round });

    expect((await start(0)).ok).toBe(true);
    expect((await writeNotes(candidate.socket, 0, 'while it runs')).ok).toBe(true);
    expect((await writeDoc(candidate.socket, code, 'def solve(): pass')).ok).toBe(true);
    expect((await writePrivateNotes(interviewer.socket, 0, 'evidence')).ok).toBe(true);

    expect(
      (await interviewer.socket.emitWithAck('round:end', { commandId: cid(), round: 0 })).ok,
    ).toBe(true);
    const refused = { ok: false, error: { code: 'conflict', message: /round 1 is over/ } };
    expect(await writeNotes(candidate.socket, 0, 'after the end')).toMatchObject(refused);
    expect(await writeDoc(candidate.socket, code, 'def solve(): return 1')).toMatchObject(refused);
    expect(await writeDoc(interviewer.socket, code, 'changed by the interviewer')).toMatchObject(
      refused,
    );
    expect(await writePrivateNotes(interviewer.socket, 0, 'more evidence')).toMatchObject(refused);
    const [round] = (await candidate.sync()).rounds;
    expect(round).toMatchObject({ status: 'scoring', notes: 'while it runs' });
    expect(round!.code?.text).toBe('def solve(): pass');

    // The next round's whiteboard takes edits while it runs, and none once it is over.
    expect(
      (await interviewer.socket.emitWithAck('round:next', { commandId: cid(), round: 0 })).ok,
    ).toBe(true);
    expect((await start(1)).ok).toBe(true);
    expect(
      await candidate.emit('board:update', { round: 1, elements: [rect('a', 1)] }),
    ).toMatchObject({ ok: true });
    await interviewer.socket.emitWithAck('round:end', { commandId: cid(), round: 1 });
    expect(
      await candidate.emit('board:update', { round: 1, elements: [rect('a', 2)] }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const board = await candidate.emit('board:load', { round: 1 });
    expect(board).toMatchObject({ ok: true, data: { elements: [{ id: 'a', version: 1 }] } });
  });
});

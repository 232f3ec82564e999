/**
 * A document's history read as text steps: from its stored updates, from what was settled
 * once its round was over, and from both when an update came after the settling. Each way
 * rebuilds the texts as they were after every update.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docHistories, settleHistory } from '../../server/src/workspaces/history';
import { indexDoc, textsAt } from '../../shared/src/replay/replay';
import type { DocHistoryRow } from '../../server/src/store/store';

/** Edits of a STAR answer's two fields at the given instants, as the store keeps them. */
function typed(times: number[], docKey = 'star:0:q'): DocHistoryRow[] {
  const doc = new Y.Doc();
  const rows: DocHistoryRow[] = [];
  let at = 0;
  doc.on('update', (data: Uint8Array) => rows.push({ docKey, at, data }));
  times.forEach((instant, i) => {
    at = instant;
    const field = doc.getText(i % 3 === 2 ? 'task' : 'situation');
    if (i % 4 === 3) field.delete(0, Math.min(2, field.length));
    else field.insert(i % 2 ? 0 : field.length, `w${i} `);
  });
  return rows;
}

/** The texts after each row, by applying the updates one by one. */
function expected(rows: readonly DocHistoryRow[]) {
  const doc = new Y.Doc();
  return rows.map((row) => {
    Y.applyUpdate(doc, row.data);
    return {
      at: row.at,
      situation: doc.getText('situation').toString(),
      task: doc.getText('task').toString(),
    };
  });
}

const TIMES = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

describe("a document's history", () => {
  it('reads each stored update as splices that rebuild the texts as they were after it', () => {
    const rows = typed(TIMES);
    const [history] = docHistories([], rows);
    expect(history!.ref).toEqual({ kind: 'star', round: 0, questionId: 'q' });
    const indexed = indexDoc(history!, 3);
    for (const moment of expected(rows))
      expect(textsAt(indexed, moment.at)).toMatchObject({
        situation: moment.situation,
        task: moment.task,
      });
  });

  it('reads the same once settled, and with an update stored after the settling', () => {
    const rows = typed(TIMES);
    const notes = typed([15, 25], 'notes:0').map((row) => ({ ...row }));
    const settled = settleHistory([], [...rows.slice(0, 6), ...notes]);
    expect(settled.map((doc) => doc.docKey).sort()).toEqual(['notes:0', 'star:0:q']);
    // Settled: the same steps as read from the updates, in far fewer bytes than a step each.
    const fromUpdates = docHistories([], rows.slice(0, 6));
    expect(docHistories(settled, []).find((d) => d.ref.kind === 'star')).toEqual(fromUpdates[0]);
    // The rest came later: read on top of the settled state, then settled again.
    const late = rows.slice(6);
    for (const history of [
      docHistories(settled, late).find((d) => d.ref.kind === 'star')!,
      docHistories(settleHistory(settled, late), []).find((d) => d.ref.kind === 'star')!,
    ]) {
      const indexed = indexDoc(history);
      for (const moment of expected(rows))
        expect(textsAt(indexed, moment.at), `at ${moment.at}`).toMatchObject({
          situation: moment.situation,
          task: moment.task,
        });
    }
    // A document with nothing new keeps what was settled.
    expect(settleHistory(settled, late).map((doc) => doc.docKey)).toEqual(['star:0:q']);
  });
});

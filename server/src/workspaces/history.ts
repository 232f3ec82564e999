/**
 * Documents' histories. While a round runs, every stored update of a document is kept with
 * its instant. Once the round is over they are settled: read once as the replay's text steps
 * (splices), kept compressed in one row per document together with the document's state
 * (compressed too),
 * and the updates let go. A replay reads the settled steps, and reads as steps any update
 * stored after them (an edit that raced the end of the round).
 */
import * as Y from 'yjs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { DOC_TEXTS, parseDocKey, type DocRef } from '@mockloop/shared/docs';
import type { DocHistory, TextStep } from '@mockloop/shared/replay/replay';
import type { DocHistoryRow, SettledDoc } from '../store/store';

/**
 * Steps as stored once settled: each instant as the time since the step before, and each
 * index as the distance from where the step before in the same text ended, so that steady
 * typing is the same few numbers over and over; then compressed.
 */
function encodeSteps(steps: readonly TextStep[]): Uint8Array {
  let lastAt = 0;
  const ends: number[] = [];
  const relative = steps.map(([at, field, index, remove, insert]) => {
    const step = [at - lastAt, field, index - (ends[field] ?? 0), remove, insert];
    lastAt = at;
    ends[field] = index + insert.length;
    return step;
  });
  return deflateRawSync(Buffer.from(JSON.stringify(relative)));
}

function decodeSteps(data: Uint8Array): TextStep[] {
  if (!data.byteLength) return [];
  const relative = JSON.parse(inflateRawSync(data).toString('utf8')) as TextStep[];
  let lastAt = 0;
  const ends: number[] = [];
  return relative.map(([since, field, offset, remove, insert]) => {
    const at = lastAt + since;
    const index = (ends[field] ?? 0) + offset;
    lastAt = at;
    ends[field] = index + insert.length;
    return [at, field, index, remove, insert];
  });
}

/**
 * A document's steps: those settled before, then one for each change every update in
 * `rows` makes to one of its texts, at the instant the update was stored. The document
 * starts from the settled state, so an update that follows it reads as what it changed.
 */
function readSteps(
  ref: DocRef,
  settled: SettledDoc | undefined,
  rows: readonly DocHistoryRow[],
): { doc: Y.Doc; steps: TextStep[] } {
  const doc = new Y.Doc();
  if (settled?.state.byteLength) Y.applyUpdate(doc, inflateRawSync(settled.state));
  const steps = settled ? decodeSteps(settled.steps) : [];
  let at = 0;
  DOC_TEXTS[ref.kind].forEach((name, field) =>
    doc.getText(name).observe((event) => {
      let index = 0;
      for (const op of event.delta) {
        if (op.retain !== undefined) index += op.retain;
        else if (typeof op.insert === 'string') {
          steps.push([at, field, index, 0, op.insert]);
          index += op.insert.length;
        } else if (op.delete !== undefined) steps.push([at, field, index, op.delete, '']);
      }
    }),
  );
  for (const row of rows) {
    at = row.at;
    Y.applyUpdate(doc, row.data);
  }
  return { doc, steps };
}

/** The rows of each document key, in the order given. */
function byDoc<T extends { docKey: string }>(rows: readonly T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const list = grouped.get(row.docKey);
    if (list) list.push(row);
    else grouped.set(row.docKey, [row]);
  }
  return grouped;
}

/** The histories of a round's documents, from what was settled and what was stored since. */
export function docHistories(
  settled: readonly SettledDoc[],
  rows: readonly DocHistoryRow[],
): DocHistory[] {
  const settledOf = new Map(settled.map((doc) => [doc.docKey, doc]));
  const rowsOf = byDoc(rows);
  const keys = [...new Set([...settledOf.keys(), ...rowsOf.keys()])];
  return keys.flatMap((key) => {
    const ref = parseDocKey(key);
    if (!ref) return [];
    const { doc, steps } = readSteps(ref, settledOf.get(key), rowsOf.get(key) ?? []);
    doc.destroy();
    return [{ ref, fields: [...DOC_TEXTS[ref.kind]], steps }];
  });
}

/**
 * Settles a round's history: each document with updates in `rows` gets its steps (the
 * settled ones and those of the updates) and its state, to store in place of the updates.
 */
export function settleHistory(
  settled: readonly SettledDoc[],
  rows: readonly DocHistoryRow[],
): SettledDoc[] {
  const settledOf = new Map(settled.map((doc) => [doc.docKey, doc]));
  return [...byDoc(rows)].flatMap(([key, docRows]) => {
    const ref = parseDocKey(key);
    if (!ref) return [];
    const { doc, steps } = readSteps(ref, settledOf.get(key), docRows);
    const state = deflateRawSync(Y.encodeStateAsUpdate(doc));
    doc.destroy();
    return [{ docKey: key, state, steps: encodeSteps(steps) }];
  });
}

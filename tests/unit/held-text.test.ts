/**
 * The server's copy of a document keeps each text as one string: typing one key at a time
 * must not leave a string node per keystroke in memory. Measured on the heap after full
 * collections: 20 notes of 3,000 characters, typed one character per update, and the same
 * notes loaded from their 3,000 stored updates. And a held copy carries none of the
 * listeners a browser's providers need.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { flattenAll, flattenApplied, heldDoc } from '../../server/src/workspaces/held-text';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const DOCS = 20;
const CHARS = 3_000;

/** The updates of a note typed one character at a time, at its end. */
function typedOneByOne(): Uint8Array[] {
  const doc = new Y.Doc();
  const text = doc.getText('text');
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < CHARS; i++) text.insert(text.length, 'latency p99 '[i % 12]!);
  return updates;
}

const heap = () => {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
};

/** Heap bytes held per document by `make`, after full collections. */
function heapPerDoc(make: () => Y.Doc, count = DOCS, chars = CHARS): number {
  const before = heap();
  const docs = Array.from({ length: count }, make);
  const per = (heap() - before) / count;
  expect(docs.every((doc) => doc.getText('text').length === chars)).toBe(true);
  return per;
}

describe('a text the server holds', () => {
  const updates = typedOneByOne();
  const plain = new Y.Doc();
  updates.forEach((update) => Y.applyUpdate(plain, update));
  const expected = plain.getText('text').toString();

  it('typed one character per update, stays one string (under 24 KB for 3,000 characters)', () => {
    const perDoc = heapPerDoc(() => {
      const doc = new Y.Doc();
      for (const update of updates) {
        Y.applyUpdate(doc, update);
        flattenApplied(doc, Y.decodeUpdate(update).structs);
      }
      return doc;
    });
    // A string node per keystroke would be about 32 bytes × 3,000 = 94 KB more.
    expect(perDoc).toBeLessThan(24 * 1024);
  });

  it('loaded from its stored updates in one transaction, stays one string', () => {
    const perDoc = heapPerDoc(() => {
      const doc = new Y.Doc();
      Y.transact(doc, () => updates.forEach((update) => Y.applyUpdate(doc, update)));
      flattenAll(doc);
      return doc;
    });
    expect(perDoc).toBeLessThan(24 * 1024);
  });

  it('keeps the text as typed', () => {
    const doc = new Y.Doc();
    for (const update of updates) {
      Y.applyUpdate(doc, update);
      flattenApplied(doc, Y.decodeUpdate(update).structs);
    }
    expect(doc.getText('text').toString()).toBe(expected);
    expect(expected).toHaveLength(CHARS);
  });

  it('passes over an update that waits for an earlier one', () => {
    const doc = new Y.Doc();
    const [first, second] = updates as [Uint8Array, Uint8Array];
    Y.applyUpdate(doc, second);
    expect(() => flattenApplied(doc, Y.decodeUpdate(second).structs)).not.toThrow();
    Y.applyUpdate(doc, first);
    flattenApplied(doc, Y.decodeUpdate(first).structs);
    expect(doc.getText('text').toString()).toBe(expected.slice(0, 2));
  });

  it('held by the server, costs less than a copy in a browser and applies updates the same', () => {
    const runs = updates.slice(0, 80);
    const fill = (doc: Y.Doc) => {
      for (const update of runs) Y.applyUpdate(doc, update);
      return doc;
    };
    let i = 0;
    const browser: number[] = [];
    const held: number[] = [];
    for (let round = 0; round < 3; round++) {
      browser.push(heapPerDoc(() => fill(new Y.Doc()), 2_000, runs.length));
      held.push(heapPerDoc(() => fill(heldDoc(`notes:${i++}`)), 2_000, runs.length));
    }
    // The listeners for `load` and `sync` cost about 950 bytes per document.
    expect(Math.min(...browser) - Math.max(...held)).toBeGreaterThan(600);
    expect(fill(heldDoc('notes:0')).getText('text').toString()).toBe(expected.slice(0, 80));
  });
});

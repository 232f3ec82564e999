/**
 * What the rooms send: typing, as the candidate's notes document's Yjs updates, each a
 * short run of characters carrying its sequence number; and a full score card.
 */
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import type { ScoreCardInput } from '@mockloop/shared/loop/commands';

const FILLER = 'clarified the metric then traded recall for latency ';
/** The name of the one text of a notes document (`DOC_TEXTS` in shared/src/docs.ts). */
const NOTES_TEXT = 'text';

/** The candidate's copy of the notes: each `type` appends one run of keystrokes. */
export class NotesTyper {
  private readonly doc = new Y.Doc();
  private readonly text = this.doc.getText(NOTES_TEXT);

  constructor(private readonly chars: number) {}

  /** Applies what the server holds (on opening the document, as the browser client does). */
  load(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update);
  }

  /** The update that appends run `seq`: its number, then filler, `chars` characters in all. */
  type(seq: number): Uint8Array {
    let update: Uint8Array | null = null;
    const take = (u: Uint8Array) => (update = u);
    this.doc.once('update', take);
    const head = `${seq}:`;
    this.text.insert(this.text.length, (head + FILLER.repeat(2)).slice(0, this.chars));
    return update!;
  }
}

/** The interviewer's copy of the notes: applies updates and reads the latest run's number. */
export class NotesReader {
  private readonly doc = new Y.Doc();
  private readonly text = this.doc.getText(NOTES_TEXT);

  constructor(private readonly chars: number) {}

  /** Applies an update; the number of the last run the text now ends with, or null. */
  apply(update: Uint8Array): number | null {
    Y.applyUpdate(this.doc, update);
    const match = /^(\d+):/.exec(this.text.toString().slice(-this.chars));
    return match ? Number(match[1]) : null;
  }
}

/** A score card rating every dimension, as an interviewer would submit it. */
export function scoreCard(dimensions: readonly string[]): ScoreCardInput {
  return {
    ratings: Object.fromEntries(dimensions.map((id) => [id, 3 as const])),
    vote: 3,
    justification: 'Quantified the impact, explained the trade-offs, asked sharp questions.',
  };
}

/** A fresh command id (the server accepts [A-Za-z0-9_-]{8,64}). */
export const newCommandId = () => randomUUID();

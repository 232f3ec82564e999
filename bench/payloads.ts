/** What the rooms send: notes texts carrying a sequence number, and a full score card. */
import { randomUUID } from 'node:crypto';
import type { ScoreCardInput } from '@mockloop/shared/loop/commands';

const FILLER = 'Clarified the metric, then traded recall for latency with a two-stage ranker. ';

/** A notes text of exactly `chars` characters that starts with its room and sequence number. */
export function noteText(room: number, seq: number, chars: number): string {
  const head = `r${room} n${seq} `;
  return (head + FILLER.repeat(Math.ceil(chars / FILLER.length))).slice(0, chars);
}

/** The sequence number of a text made by `noteText`, or null. */
export function noteSeq(text: string): number | null {
  const match = /^r\d+ n(\d+) /.exec(text);
  return match ? Number(match[1]) : null;
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

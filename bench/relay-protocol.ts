/** The baseline relay's wire contract: one event, forwarded to the other socket of a room. */
import type { DocRef } from '@mockloop/shared/docs';
import type { ScoreCardInput } from '@mockloop/shared/loop/commands';

/** The same payloads the mockloop clients send (doc:edit and score:submit bodies). */
export type RelayPayload =
  { doc: DocRef; update: Uint8Array } | { commandId: string; round: number; card: ScoreCardInput };

export interface RelayHandshake {
  room: string;
}

export interface RelayServerToClient {
  relay: (payload: RelayPayload) => void;
}

export interface RelayClientToServer {
  relay: (payload: RelayPayload, ack: (reply: { ok: true }) => void) => void;
}

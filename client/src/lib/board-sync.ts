/**
 * The whiteboard's transport: loads a round's elements, sends local changes and hands
 * on what other participants changed. The whiteboard merges; the server keeps the
 * merged scene.
 */
import type { BoardElement } from '@mockloop/shared/board';
import { connectedSocket, onServerEvent } from '@/lib/loop-connection';

const ACK_TIMEOUT_MS = 10_000;

/** The round's current elements from the server. Rejects on an error reply. */
export async function loadBoard(round: number): Promise<BoardElement[]> {
  const target = await connectedSocket();
  const reply = await target.timeout(ACK_TIMEOUT_MS).emitWithAck('board:load', { round });
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.data.elements;
}

/** Sends elements added or changed locally; resolves true once the server stored them. */
export async function sendBoardElements(round: number, elements: BoardElement[]): Promise<boolean> {
  const target = await connectedSocket();
  try {
    const reply = await target
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('board:update', { round, elements });
    return reply.ok;
  } catch {
    return false;
  }
}

/** Elements other participants changed, merged by the server. Returns an unsubscribe. */
export function onBoardUpdated(
  listener: (round: number, elements: BoardElement[]) => void,
): () => void {
  return onServerEvent('board:updated', ({ round, elements }) => listener(round, elements));
}

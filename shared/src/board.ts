/**
 * The system-design whiteboard's scene, as the server keeps and relays it. An element
 * is an Excalidraw element; the server only reads the fields it needs to merge two
 * copies and treats the rest as opaque data. Zod-free: safe in the browser.
 */

/** Most elements a round's whiteboard may hold (deleted ones included). */
export const BOARD_MAX_ELEMENTS = 2_000;
/** Largest JSON size of one element, in characters. */
export const BOARD_MAX_ELEMENT_CHARS = 32_000;
/** Most elements one update may carry. */
export const BOARD_MAX_UPDATE_ELEMENTS = 500;

/** The fields of an element that decide which of two copies wins. */
export interface BoardElement {
  id: string;
  /** Increases with every edit of the element. */
  version: number;
  /** Random on every edit; breaks ties between two edits of the same version. */
  versionNonce: number;
  isDeleted: boolean;
  [field: string]: unknown;
}

/**
 * Whether `incoming` should replace `current`: the higher version wins, and on a tie
 * the lower nonce, so that every replica picks the same copy whatever the order.
 */
export function elementWins(incoming: BoardElement, current: BoardElement | undefined): boolean {
  if (!current) return true;
  if (incoming.version !== current.version) return incoming.version > current.version;
  return incoming.versionNonce < current.versionNonce;
}

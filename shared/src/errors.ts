/** Error codes shared by REST replies and socket acknowledgements. */
export const ERROR_CODES = [
  'bad-request',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  /** A request's body is over its cap (a chunk of a recording). */
  'too-large',
  'rate-limited',
  /** A cap on what one loop, role or address may hold at once or per day was reached. */
  'limit-reached',
  /** A storage quota (a loop's log, the whole store) is full: nothing more is written. */
  'storage-full',
  'protocol-mismatch',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

/** The one envelope every socket command is acknowledged with. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export const fail = (code: ErrorCode, message: string): { ok: false; error: ErrorBody } => ({
  ok: false,
  error: { code, message },
});

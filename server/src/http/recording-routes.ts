/**
 * The REST routes of a loop's recordings, under /api/loops/:id/recordings, with the loop's
 * token like every route of a loop. Thin: parse, call the recordings, reply. A chunk of
 * audio is the one raw body the API takes, on its route alone.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import {
  chunkSeqSchema,
  createRecordingRequestSchema,
  RECORDING_CHUNK_MAX_BYTES,
  recordingFileName,
  recordingIdSchema,
  type Recording,
} from '@mockloop/shared/recording-api';
import type { Logger } from '../log';
import { NO_RECORDING, type Recordings } from '../loops/recordings';
import { wholeRecording } from '../store/recording-chunks';
import type { Authorize } from './authorize';
import { sendError } from './send-error';
import { describeZodError } from './zod-error';

export interface RecordingRouteDeps {
  recordings: Recordings;
  authorize: Authorize;
  /** Spends one of the request's address's chunks (a token bucket); false when none is left. */
  takeChunk: (req: Request) => boolean;
  log: Logger;
}

type Params = { id: string; recordingId: string; seq: string };

/** The body types a chunk may come as: what a recorder's blob says, or plain bytes. */
const CHUNK_TYPES = ['application/octet-stream', 'audio/*'];
const KB = 1024;

/**
 * Adds the routes to the API's router itself: a router of their own would answer OPTIONS
 * for their paths before the API's catch-all 404.
 */
export function addRecordingRoutes(
  router: Router,
  { recordings, authorize, takeChunk, log }: RecordingRouteDeps,
): void {
  const base = '/loops/:id/recordings';
  const one = `${base}/:recordingId`;

  /** The recording id in the path, checked before any store sees it; or null with a 404 sent. */
  const idOf = (req: Request<Params>, res: Response): string | null => {
    const id = recordingIdSchema.safeParse(req.params.recordingId);
    if (!id.success) sendError(res, 'not-found', NO_RECORDING.error.message);
    return id.success ? id.data : null;
  };
  /** The recording named in the path, of this loop; or null with a 404 sent. */
  const recordingOf = async (req: Request<Params>, res: Response): Promise<Recording | null> => {
    const id = idOf(req, res);
    if (id === null) return null;
    const recording = await recordings.find(req.params.id, id);
    if (!recording) sendError(res, 'not-found', NO_RECORDING.error.message);
    return recording;
  };

  router.post(base, async (req, res) => {
    const role = await authorize(req, res);
    if (!role) return;
    const parsed = createRecordingRequestSchema.safeParse(req.body);
    if (!parsed.success)
      return sendError(
        res,
        'bad-request',
        req.body === undefined
          ? 'send a JSON object body with Content-Type: application/json'
          : describeZodError(parsed.error),
      );
    const created = await recordings.create(req.params.id, role, parsed.data);
    if (!created.ok) return sendError(res, created.error.code, created.error.message);
    res.status(201).json({ recording: created.data });
  });

  router.get(base, async (req, res) => {
    if (!(await authorize(req, res))) return;
    res.json({ recordings: await recordings.list(req.params.id) });
  });

  router.put(
    `${one}/chunks/:seq`,
    chunkRate(takeChunk),
    chunkBody(),
    async (req: Request<Params>, res: Response) => {
      const role = await authorize(req, res);
      if (!role) return;
      if (!Buffer.isBuffer(req.body))
        return sendError(
          res,
          'bad-request',
          `send the chunk's bytes as the body, with Content-Type ${CHUNK_TYPES.join(' or ')}`,
        );
      const seq = chunkSeqSchema.safeParse(req.params.seq);
      if (!seq.success) return sendError(res, 'bad-request', `seq: ${describeZodError(seq.error)}`);
      const id = idOf(req, res);
      if (id === null) return;
      const appended = await recordings.append(req.params.id, role, id, seq.data, req.body);
      if (!appended.ok) return sendError(res, appended.error.code, appended.error.message);
      res.json({ recording: appended.data });
    },
  );

  router.get(`${one}/audio`, async (req: Request<Params>, res: Response) => {
    if (!(await authorize(req, res))) return;
    const recording = await recordingOf(req, res);
    if (!recording) return;
    const { bytes } = recording;
    const asked = bytes > 0 ? req.range(bytes, { combine: true }) : undefined;
    // One range is served as asked; none, several or one past the end, the whole audio.
    const range = Array.isArray(asked) && asked.length === 1 ? asked[0]! : null;
    const sent = range ?? wholeRecording(bytes);
    res.status(range ? 206 : 200).set({
      'Content-Type': recording.mimeType,
      'Content-Length': String(bytes > 0 ? sent.end - sent.start + 1 : 0),
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'private, no-store',
      'Content-Disposition':
        req.query.download === '1'
          ? `attachment; filename="${recordingFileName(recording)}"`
          : 'inline',
      ...(range ? { 'Content-Range': `bytes ${sent.start}-${sent.end}/${bytes}` } : {}),
    });
    if (bytes === 0 || req.method === 'HEAD') return res.end();
    await pipeline(Readable.from(recordings.audio(req.params.id, recording.id, sent)), res).catch(
      (error: Error & { code?: string }) => {
        // A listener who goes away mid-way is no failure; anything else is logged.
        if (error.code !== 'ERR_STREAM_PREMATURE_CLOSE')
          log.warn('sending a recording failed', { loopId: req.params.id, error: error.message });
        res.destroy();
      },
    );
  });

  router.delete(one, async (req: Request<Params>, res: Response) => {
    const role = await authorize(req, res);
    if (!role) return;
    const id = idOf(req, res);
    if (id === null) return;
    const deleted = await recordings.delete(req.params.id, role, id);
    if (!deleted.ok) return sendError(res, deleted.error.code, deleted.error.message);
    res.status(204).end();
  });
}

/** Refuses a chunk past its address's rate, before its body is read. */
function chunkRate(takeChunk: RecordingRouteDeps['takeChunk']): RequestHandler {
  return (req, res, next) => {
    if (takeChunk(req)) return next();
    res.set('Retry-After', '5');
    sendError(
      res,
      'rate-limited',
      'too many chunks of recordings from your address; wait a few seconds and send this one again',
    );
  };
}

/** Reads a chunk's bytes, at most `RECORDING_CHUNK_MAX_BYTES`; a larger one is a 413. */
function chunkBody(): RequestHandler {
  const raw = express.raw({ type: CHUNK_TYPES, limit: RECORDING_CHUNK_MAX_BYTES });
  return (req, res, next) =>
    raw(req, res, (error?: Error & { type?: string }) => {
      if (error?.type === 'entity.too.large')
        return sendError(
          res,
          'too-large',
          `a chunk of a recording is at most ${RECORDING_CHUNK_MAX_BYTES / KB} KB: send shorter chunks`,
        );
      next(error);
    });
}

/** The REST API under /api. Handlers are thin: parse, call the service, reply. */
import { Router, type Request } from 'express';
import { createLoopRequestSchema, type CreateLoopResponse } from '@mockloop/shared/api';
import {
  summarizeQuestion,
  summarizeRound,
  type CatalogIndex,
} from '@mockloop/shared/catalog-index';
import type { Role } from '@mockloop/shared/loop/state';
import { PROTOCOL_VERSION } from '@mockloop/shared/protocol';
import type { Boards } from '../workspaces/boards';
import type { WorkspaceStore } from '../store/store';
import { buildReplay } from '../loops/replay';
import type { LoopService } from '../loops/loop-service';
import type { Recordings } from '../loops/recordings';
import type { Logger } from '../log';
import type { AddressOf } from '../security/rate-limits';
import {
  buildReport,
  reportToJson,
  reportToMarkdown,
  withReplays,
  type Drawings,
} from '../loops/report';
import type { RoundReplay } from '@mockloop/shared/replay/replay';
import { REPORT_AUDIO_MAX_BYTES, type ReportRecording } from '@mockloop/shared/report';
import { PACING_EVENTS } from '@mockloop/shared/review/pacing';
import { loopAuthorizer } from './authorize';
import { linkBase, loopLink } from './links';
import { addRecordingRoutes } from './recording-routes';
import { sendError } from './send-error';
import { describeZodError } from './zod-error';

export interface ApiDeps {
  service: LoopService;
  /** The whiteboards, whose diagrams the reports carry. */
  boards: Boards;
  /** The documents' and whiteboards' histories, which replays read. */
  workspaces: WorkspaceStore;
  content: CatalogIndex;
  publicUrl: string | undefined;
  startedAt: number;
  /** The client address of a request, for the loops-per-day quota. */
  addressOf: AddressOf;
  /** The loops' audio recordings. */
  recordings: Recordings;
  /** Spends one of the request's address's chunks of recordings; false when none is left. */
  takeChunk: (req: Request) => boolean;
  log: Logger;
}

export function apiRouter({
  service,
  boards,
  workspaces,
  content,
  publicUrl,
  startedAt,
  addressOf,
  recordings,
  takeChunk,
  log,
}: ApiDeps): Router {
  const router = Router();

  /**
   * The report of a loop as `role` may see it, with its whiteboards as stored. Only what it
   * shows is read: pacing's events, not everything typed, and diagrams only as they fit.
   */
  const reportFor = async (id: string, role: Role) => {
    const view = (await service.view(id, role))!;
    const events = await service.eventsOfTypes(id, PACING_EVENTS);
    const drawings: Drawings = {
      sizes: await boards.drawingSizes(id),
      read: (round) => boards.drawing(id, round),
    };
    return { report: buildReport(view, content, events), drawings };
  };

  router.get('/health', (_req, res) => {
    res.json({
      status: 'ok',
      protocol: PROTOCOL_VERSION,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    });
  });

  router.get('/rounds', (_req, res) => {
    res.json({
      rounds: content.catalog.rounds.map(summarizeRound),
      principles: content.catalog.principles,
      templates: content.catalog.templates,
    });
  });

  // Public: what a picker shows. A question's kit reaches a loop's interviewer through
  // their loop view, and its candidate only once their round is scored.
  router.get('/rounds/:id', (req, res) => {
    const round = content.round(req.params.id);
    if (!round) return sendError(res, 'not-found', `no round "${req.params.id}"`);
    res.json({ ...summarizeRound(round), questions: round.questions.map(summarizeQuestion) });
  });

  router.get('/rounds/:id/questions', (req, res) => {
    const round = content.round(req.params.id);
    if (!round) return sendError(res, 'not-found', `no round "${req.params.id}"`);
    const topic = typeof req.query.topic === 'string' ? req.query.topic : undefined;
    const questions = round.questions
      .filter((q) => !topic || q.topics.includes(topic))
      .map(summarizeQuestion);
    res.json({ questions });
  });

  router.post('/loops', async (req, res) => {
    if (req.body === undefined) {
      return sendError(
        res,
        'bad-request',
        'send a JSON object body with Content-Type: application/json',
      );
    }
    const parsed = createLoopRequestSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 'bad-request', describeZodError(parsed.error));
    const base = linkBase(publicUrl, { protocol: req.protocol, host: req.get('host') });
    if (!base)
      return sendError(
        res,
        'bad-request',
        'the Host header is not a host name; the server needs PUBLIC_URL set to make links',
      );
    const created = await service.create(parsed.data, addressOf(req));
    if (!created.ok) return sendError(res, created.error.code, created.error.message);
    const { id, tokens } = created.data;
    const links: Partial<Record<Role, string>> = {};
    for (const [role, token] of Object.entries(tokens) as [Role, string][]) {
      links[role] = loopLink(base, id, token);
    }
    const body: CreateLoopResponse = {
      id,
      mode: parsed.data.mode,
      tokens: tokens as CreateLoopResponse['tokens'],
      links: links as CreateLoopResponse['links'],
    };
    // The links go out once the loop is on disk.
    res.status(201).json(body);
  });

  const authorize = loopAuthorizer(service);

  router.get('/loops/:id', async (req, res) => {
    const role = await authorize(req, res);
    if (!role) return;
    res.json(await service.view(req.params.id, role));
  });

  router.get('/loops/:id/report.json', async (req, res) => {
    const role = await authorize(req, res);
    if (!role) return;
    const { report, drawings } = await reportFor(req.params.id, role);
    const json = await reportToJson(report, drawings);
    // Sent as it is built: no copy into a string, no hash of megabytes for an ETag.
    if (req.query.replay !== '1') return res.type('application/json').end(json);
    const replays: RoundReplay[] = [];
    for (const [round] of report.rounds.entries()) {
      const replay = await buildReplay({ service, store: workspaces }, req.params.id, round, role);
      if (replay.ok) replays.push(replay.data);
    }
    if (req.query.audio !== '1')
      return res.type('application/json').end(withReplays(json, replays));
    // With the audio the server keeps: a larger report, read one recording at a time.
    const audio: ReportRecording[] = [];
    const tooLarge: string[] = [];
    let size = json.length;
    for (const {
      loopId: _loop,
      chunks: _chunks,
      createdAt: _created,
      ...recording
    } of await recordings.list(req.params.id)) {
      // Base64 is 4/3 of the bytes: one that cannot fit is not read at all.
      if (size + (recording.bytes * 4) / 3 > REPORT_AUDIO_MAX_BYTES) {
        tooLarge.push(recording.id);
        continue;
      }
      const parts: Buffer[] = [];
      const range = { start: 0, end: Math.max(0, recording.bytes - 1) };
      for await (const part of recordings.audio(req.params.id, recording.id, range))
        parts.push(Buffer.from(part));
      const base64 = Buffer.concat(parts).toString('base64');
      size += base64.length;
      audio.push({ ...recording, audio: base64 });
    }
    res
      .type('application/json')
      .end(withReplays(json, replays, { recordings: audio, tooLarge }, REPORT_AUDIO_MAX_BYTES));
  });

  router.get('/loops/:id/report.md', async (req, res) => {
    const role = await authorize(req, res);
    if (!role) return;
    const { report, drawings } = await reportFor(req.params.id, role);
    res.type('text/markdown; charset=utf-8');
    res.send(reportToMarkdown(report, drawings));
  });

  router.get('/loops/:id/rounds/:round/replay', async (req, res) => {
    const role = await authorize(req, res);
    if (!role) return;
    const round = /^\d{1,2}$/.test(req.params.round) ? Number(req.params.round) : null;
    if (round === null) return sendError(res, 'bad-request', 'the round is a number from 0');
    const replay = await buildReplay({ service, store: workspaces }, req.params.id, round, role);
    if (!replay.ok) return sendError(res, replay.error.code, replay.error.message);
    res.json(replay.data);
  });

  addRecordingRoutes(router, { recordings, authorize, takeChunk, log });

  router.use((_req, res) => sendError(res, 'not-found', 'no such API endpoint'));
  return router;
}

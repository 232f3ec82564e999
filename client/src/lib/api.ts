/** REST calls. Errors come back as `{ error: { code, message } }` and are thrown as ApiError. */
import type { LoopReport } from '@mockloop/shared/report';
import type { RoundReplay } from '@mockloop/shared/replay/replay';
import type { CreateLoopRequest, CreateLoopResponse } from '@mockloop/shared/api';
import type {
  LeadershipPrinciple,
  LoopTemplate,
  QuestionSummary,
  RoundSummary,
} from '@mockloop/shared/content';

export interface RoundsResponse {
  rounds: RoundSummary[];
  principles: LeadershipPrinciple[];
  templates: LoopTemplate[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, init);
  const body = (await response.json().catch(() => null)) as {
    error?: { code: string; message: string };
  } | null;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      body?.error?.code ?? 'internal',
      body?.error?.message ?? response.statusText,
    );
  }
  return body as T;
}

export const fetchRounds = () => request<RoundsResponse>('/api/rounds');

export const fetchQuestions = (roundId: string) =>
  request<{ questions: QuestionSummary[] }>(`/api/rounds/${encodeURIComponent(roundId)}/questions`);

export const createLoop = (body: CreateLoopRequest) =>
  request<CreateLoopResponse>('/api/loops', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Downloads a report with the loop token and returns it as a Blob. */
/** A loop's report as the role of `token` may see it. */
export async function fetchReportJson(loopId: string, token: string): Promise<LoopReport> {
  const blob = await fetchReport(loopId, token, 'json');
  return JSON.parse(await blob.text()) as LoopReport;
}

export async function fetchReport(
  loopId: string,
  token: string,
  format: 'json' | 'md',
  /** With each round's replay, and the recorded audio too (JSON only). */
  extra: 'replay' | 'audio' | null = null,
): Promise<Blob> {
  const query = extra === 'replay' ? '?replay=1' : extra === 'audio' ? '?replay=1&audio=1' : '';
  const response = await fetch(
    `/api/loops/${encodeURIComponent(loopId)}/report.${format}${query}`,
    {
      headers: { Authorization: `Bearer ${token}` },
    },
  );
  if (!response.ok)
    throw new ApiError(response.status, 'internal', 'could not download the report');
  return response.blob();
}

/** A round's replay as the role of `token` may see it. */
export const fetchReplay = (loopId: string, token: string, round: number) =>
  request<RoundReplay>(`/api/loops/${encodeURIComponent(loopId)}/rounds/${round}/replay`, {
    headers: { Authorization: `Bearer ${token}` },
  });

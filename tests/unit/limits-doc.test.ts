/**
 * The README's Limits section lists every setting the server reads for a cap or quota,
 * with the default the server uses.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/src/config';
import { DOC_UPDATE_MAX_BYTES, DOC_WAITING_MAX } from '../../server/src/workspaces/docs';
import { CALL_CANDIDATE_MAX_CHARS, CALL_SDP_MAX_CHARS } from '../../shared/src/call';
import { CODE_MAX_CHARS } from '../../shared/src/code';
import { NOTES_MAX_CHARS } from '../../shared/src/loop/state';
import { RECORDING_CHUNK_MAX_BYTES } from '../../shared/src/recording-api';
import { DEFAULT_RATE_LIMITS as rate } from '../../server/src/security/rate-limits';
import { STAR_FIELD_MAX_CHARS } from '../../shared/src/star';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const limitsSection = readme.split(/^## Limits$/m)[1]?.split(/^## /m)[0] ?? '';
const configSource = readFileSync(new URL('../../server/src/config.ts', import.meta.url), 'utf8');

describe("the README's Limits section", () => {
  it('names every limit setting the server reads, and only those', () => {
    const read = new Set([...configSource.matchAll(/'(MAX_[A-Z_]+)'/g)].map((m) => m[1]!));
    const listed = new Set([...limitsSection.matchAll(/`(MAX_[A-Z_]+)`/g)].map((m) => m[1]!));
    expect(read.size).toBeGreaterThanOrEqual(5);
    expect([...listed].sort()).toEqual([...read].sort());
  });

  it('gives the defaults the server uses', () => {
    const { limits } = readConfig({});
    /** The default column of the row of a setting. */
    const defaultOf = (setting: string) =>
      limitsSection
        .split('\n')
        .find((line) => line.includes(`\`${setting}\``))
        ?.split('|')[2]
        ?.trim() ?? '';
    const number = (value: number) => value.toLocaleString('en');
    expect(defaultOf('MAX_SOCKETS_PER_ROLE')).toBe(number(limits.sockets.perRole));
    expect(defaultOf('MAX_SOCKETS_PER_ADDRESS')).toBe(number(limits.sockets.perAddress));
    expect(defaultOf('MAX_LOOPS_PER_ADDRESS_PER_DAY')).toBe(
      number(limits.quotas.loopsPerAddressPerDay),
    );
    expect(defaultOf('MAX_LOOP_MB')).toMatch(
      new RegExp(`^${number(limits.quotas.loopBytes / 1024 / 1024)} MB`),
    );
    expect(defaultOf('MAX_STORE_MB')).toMatch(
      new RegExp(`^${number(limits.quotas.storeBytes / 1024 / 1024)} MB`),
    );
    expect(defaultOf('MAX_RECORDING_MB_PER_LOOP')).toMatch(
      new RegExp(`^${number(limits.quotas.recordingBytes / 1024 / 1024)} MB`),
    );
  });

  it("gives the documents' and the recordings' fixed caps as the code has them", () => {
    const rowOf = (label: string) =>
      limitsSection
        .split('\n')
        .find((line) => line.startsWith(`| ${label}`))
        ?.split('|')[2]
        ?.trim();
    const chars = (n: number) => `${n.toLocaleString('en')} characters`;
    expect(rowOf('Notes, private notes')).toBe(`${chars(NOTES_MAX_CHARS)} each`);
    expect(rowOf('A field of a STAR answer')).toBe(chars(STAR_FIELD_MAX_CHARS));
    expect(rowOf('Code of a round')).toBe(chars(CODE_MAX_CHARS));
    expect(rowOf('The call: a session description')).toBe(
      `${chars(CALL_SDP_MAX_CHARS)}; ${chars(CALL_CANDIDATE_MAX_CHARS)}`,
    );
    expect(rowOf('A chunk of a recording')).toBe(`${RECORDING_CHUNK_MAX_BYTES / 1024} KB`);
    expect(rowOf('Chunks of recordings per client address')).toBe(
      `${rate.recordingChunks.perSecond} a second, bursts of ${rate.recordingChunks.burst}`,
    );
    expect(rowOf('One edit of a document')).toBe(
      `${DOC_UPDATE_MAX_BYTES / 1024} KB; ${DOC_WAITING_MAX.updates} edits or ${DOC_WAITING_MAX.bytes / 1024} KB`,
    );
  });
});

/**
 * The README's Limits section lists every setting the server reads for a cap or quota,
 * with the default the server uses.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/src/config';

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
  });
});

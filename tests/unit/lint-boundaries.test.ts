/**
 * The lint rules that hold the code's shape bite: a feature importing another feature or a
 * page, a shared component importing a feature, `shared/` importing the server, the server
 * importing the client. Each is linted as a file at that place, with the project's config.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the lint boundaries', () => {
  it('keep features apart and out of the pages', async () => {
    const file = 'client/src/features/home/boundary-probe.ts';
    expect(
      await problems(file, "export { ReviewPage } from '@/features/review/review-page';\n"),
    ).toEqual([expect.stringMatching(/^no-restricted-imports: .*a feature does not import/)]);
    expect(await problems(file, "export { App } from '@/app/app';\n")).toHaveLength(1);
    expect(await problems(file, "export * from '../review/review-page';\n")).toHaveLength(1);
    // Its own files, the shared layers and shared/ are fine.
    expect(
      await problems(
        file,
        "export * from '@/features/home/level-picker';\nexport * from '@/lib/router';\nexport * from './round-plan-editor';\nexport * from '@mockloop/shared/docs';\n",
      ),
    ).toEqual([]);
  });

  it('keep components, lib and store below the features', async () => {
    const file = 'client/src/components/boundary-probe.ts';
    expect(await problems(file, "export * from '@/features/review/review-page';\n")).toHaveLength(
      1,
    );
    expect(await problems(file, "export * from '@/lib/router';\n")).toEqual([]);
  });

  it('keep shared/ pure and the server off the client', async () => {
    expect(
      await problems('shared/src/boundary-probe.ts', "export * from '../../server/src/app';\n"),
    ).toEqual([expect.stringMatching(/shared\/ is pure/)]);
    expect(
      await problems(
        'server/src/boundary-probe.ts',
        "export * from '../../client/src/lib/router';\n",
      ),
    ).toEqual([expect.stringMatching(/the server imports nothing of the client/)]);
  });
});

import { describe, expect, it } from 'vitest';
import { CODE_LANGUAGES, starterCode, toTypeScriptType } from '../../shared/src/code';
import { content } from '../helpers/content';

describe('starter code', () => {
  it('translates the bank type notation into TypeScript', () => {
    expect(toTypeScriptType('list[int]')).toBe('number[]');
    expect(toTypeScriptType('list[int | null]')).toBe('(number | null)[]');
    expect(toTypeScriptType('number | null')).toBe('number | null');
    expect(toTypeScriptType('list[list[str]]')).toBe('string[][]');
    expect(toTypeScriptType('bool')).toBe('boolean');
    expect(toTypeScriptType('Matrix')).toBe('unknown');
  });

  it('starts every coding question in every language from its function', () => {
    for (const question of content.round('coding')!.questions) {
      const signature = question.coding!.signature;
      for (const language of CODE_LANGUAGES) {
        const code = starterCode(signature, language);
        expect(code, `${question.id} ${language}`).toContain(signature.name);
      }
      expect(starterCode(signature, 'python')).toMatch(new RegExp(`^def ${signature.name}\\(`));
      expect(starterCode(signature, 'typescript')).toMatch(
        new RegExp(`^function ${signature.name}\\(`),
      );
    }
  });
});

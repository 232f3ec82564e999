import { describe, expect, it } from 'vitest';
import {
  referenceLanguageFor,
  FUNCTION_LANGUAGES,
  languageFor,
  languagesFor,
  starterCode,
  starterFor,
  toTypeScriptType,
} from '../../shared/src/code';
import { sqlStarter } from '../../shared/src/sql';
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
      if (!question.coding) continue;
      const signature = question.coding.signature;
      for (const language of FUNCTION_LANGUAGES) {
        const code = starterCode(signature, language);
        expect(code, `${question.id} ${language}`).toContain(signature.name);
      }
      expect(starterCode(signature, 'python')).toMatch(new RegExp(`^def ${signature.name}\\(`));
      expect(starterCode(signature, 'typescript')).toMatch(
        new RegExp(`^function ${signature.name}\\(`),
      );
    }
  });

  it('gives a SQL question SQL only, starting from its tables, and never offers SQL elsewhere', () => {
    const questions = content.round('coding')!.questions;
    const sql = questions.find((q) => q.sql)!;
    const coding = questions.find((q) => q.coding)!;
    expect(languagesFor(sql)).toEqual(['sql']);
    expect(languageFor(sql, 'python')).toBe('sql');
    expect(starterFor(sql, 'javascript')).toBe(sqlStarter(sql.sql!));
    expect(languagesFor(coding)).toEqual(FUNCTION_LANGUAGES);
    expect(languageFor(coding, 'sql')).toBe('python');
    expect(languageFor(coding, 'java')).toBe('java');
    expect(starterFor(coding, 'sql')).toBe(starterCode(coding.coding!.signature, 'python'));
    expect(starterFor(coding, undefined)).toBe(starterCode(coding.coding!.signature, 'python'));
    expect(starterFor(undefined, 'python')).toBe('');
  });
});

describe('the reference solution shown first', () => {
  it('is the one in the language written, or the nearest one', () => {
    expect(referenceLanguageFor('python')).toBe('python');
    expect(referenceLanguageFor('javascript')).toBe('javascript');
    expect(referenceLanguageFor('typescript')).toBe('javascript');
    expect(referenceLanguageFor('sql')).toBe('sql');
    expect(referenceLanguageFor('java')).toBeNull();
    expect(referenceLanguageFor('cpp')).toBeNull();
  });
});

/** Languages of the coding workspace and the starter code each begins from. */
import { sqlStarter, type SqlSpec } from './sql';

export const CODE_LANGUAGES = ['python', 'javascript', 'typescript', 'java', 'cpp', 'sql'] as const;
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];

/** The languages a function-writing question may be answered in; a SQL question takes SQL only. */
export const FUNCTION_LANGUAGES = ['python', 'javascript', 'typescript', 'java', 'cpp'] as const;
export type FunctionLanguage = (typeof FUNCTION_LANGUAGES)[number];

export const CODE_LANGUAGE_NAMES: Record<CodeLanguage, string> = {
  python: 'Python',
  javascript: 'JavaScript',
  typescript: 'TypeScript',
  java: 'Java',
  cpp: 'C++',
  sql: 'SQL',
};

/** The languages the question bank writes reference solutions in. */
export type ReferenceLanguage = 'python' | 'javascript' | 'sql';

/**
 * The reference solution that reads closest to code written in `language`: TypeScript's is
 * the JavaScript one; Java and C++ have none of their own.
 */
export function referenceLanguageFor(language: CodeLanguage): ReferenceLanguage | null {
  switch (language) {
    case 'python':
    case 'javascript':
    case 'sql':
      return language;
    case 'typescript':
      return 'javascript';
    case 'java':
    case 'cpp':
      return null;
  }
}

/** Maximum length of the code of one round, in characters. */
export const CODE_MAX_CHARS = 50_000;

/** A question's function signature, as written in the question bank. */
export interface Signature {
  name: string;
  params: { name: string; type: string }[];
  returns: string;
}

const TS_PRIMITIVES: Record<string, string> = {
  int: 'number',
  float: 'number',
  number: 'number',
  str: 'string',
  string: 'string',
  bool: 'boolean',
  boolean: 'boolean',
  null: 'null',
  none: 'null',
  dict: 'Record<string, unknown>',
  object: 'Record<string, unknown>',
};

/** Translates the bank's Python-style type notation (`list[int | null]`) into TypeScript. */
export function toTypeScriptType(type: string): string {
  const parts = splitTopLevel(type.trim(), '|').map((part) => {
    const list = /^list\[(.*)\]$/i.exec(part);
    if (list) {
      const inner = toTypeScriptType(list[1]!);
      return inner.includes('|') ? `(${inner})[]` : `${inner}[]`;
    }
    return TS_PRIMITIVES[part.toLowerCase()] ?? 'unknown';
  });
  return parts.join(' | ');
}

function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '[') depth++;
    if (char === ']') depth--;
    if (char === separator && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  parts.push(current.trim());
  return parts.filter(Boolean);
}

/** The code a candidate starts from: the function to write, with its types as comments. */
export function starterCode(signature: Signature, language: FunctionLanguage): string {
  const { name, params, returns } = signature;
  const names = params.map((p) => p.name).join(', ');
  const described = `${name}(${params.map((p) => `${p.name}: ${p.type}`).join(', ')}) -> ${returns}`;
  switch (language) {
    case 'python':
      return `def ${name}(${names}):\n    # ${described}\n    pass\n`;
    case 'javascript':
      return `// ${described}\nfunction ${name}(${names}) {\n  \n}\n`;
    case 'typescript': {
      const typed = params.map((p) => `${p.name}: ${toTypeScriptType(p.type)}`).join(', ');
      return `function ${name}(${typed}): ${toTypeScriptType(returns)} {\n  \n}\n`;
    }
    case 'java':
      return `// ${described}\nclass Solution {\n    // Write ${name} here.\n}\n`;
    case 'cpp':
      return `// ${described}\n#include <vector>\n\n// Write ${name} here.\n`;
  }
}

/** What decides a question's editor: a function to write, or a SQL query over tables. */
export interface CodeQuestion {
  coding?: { signature: Signature };
  sql?: Pick<SqlSpec, 'tables' | 'tests'>;
}

/** The languages `question` may be answered in, the first being its default. */
export function languagesFor(question: CodeQuestion): readonly CodeLanguage[] {
  return question.sql ? ['sql'] : FUNCTION_LANGUAGES;
}

/** The language the editor shows: `wanted` when the question allows it, else its default. */
export function languageFor(question: CodeQuestion, wanted?: CodeLanguage | null): CodeLanguage {
  const allowed = languagesFor(question);
  return wanted && allowed.includes(wanted) ? wanted : allowed[0]!;
}

/**
 * The text a question's shared editor starts from: the SQL header of a SQL question, the
 * function's starter code in `language` for a coding question, nothing for any other.
 */
export function starterFor(
  question: CodeQuestion | undefined,
  language?: CodeLanguage | null,
): string {
  if (question?.sql) return sqlStarter(question.sql);
  if (!question?.coding) return '';
  const chosen = languageFor(question, language);
  return chosen === 'sql' ? '' : starterCode(question.coding.signature, chosen);
}

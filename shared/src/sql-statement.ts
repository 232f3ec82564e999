/**
 * What a SQL answer may be: exactly one SELECT statement, or WITH … SELECT. Anything else
 * (a second statement, CREATE, INSERT, PRAGMA, a WITH that ends in DELETE…) is refused
 * before it reaches SQLite, with a message that says what to change. Each test case runs
 * on a database of its own, so this is about clear feedback more than safety.
 *
 * A small tokenizer skips comments (`--`, `/* … *\/`), strings ('…' with '' escapes) and
 * quoted identifiers ("…", `…`, […]), so a `;` or a keyword inside them does not count.
 * Pure: no DOM, no database.
 */

interface Token {
  /** A word (keyword or bare identifier) in upper case, a quoted name, or one punctuation character. */
  kind: 'word' | 'name' | 'string' | 'other';
  text: string;
  line: number;
}

const WORD = /[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*/y;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  const advanceTo = (end: number) => {
    for (let k = i; k < end; k++) if (source[k] === '\n') line++;
    i = end;
  };
  const closing = (open: string, close: string, doubledEscapes: boolean) => {
    let k = i + 1;
    for (;;) {
      const at = source.indexOf(close, k);
      if (at === -1) return source.length;
      if (doubledEscapes && source[at + 1] === close && open === close) {
        k = at + 2;
        continue;
      }
      return at + 1;
    }
  };
  while (i < source.length) {
    const char = source[i]!;
    const start = line;
    if (/\s/.test(char)) advanceTo(i + 1);
    else if (source.startsWith('--', i)) {
      const end = source.indexOf('\n', i);
      advanceTo(end === -1 ? source.length : end);
    } else if (source.startsWith('/*', i)) {
      // SQLite lets an unterminated comment run to the end of the input.
      const end = source.indexOf('*/', i + 2);
      advanceTo(end === -1 ? source.length : end + 2);
    } else if (char === "'") {
      const end = closing("'", "'", true);
      tokens.push({ kind: 'string', text: source.slice(i, end), line: start });
      advanceTo(end);
    } else if (char === '"' || char === '`' || char === '[') {
      const end = closing(char, char === '[' ? ']' : char, char !== '[');
      tokens.push({ kind: 'name', text: source.slice(i, end), line: start });
      advanceTo(end);
    } else {
      WORD.lastIndex = i;
      const word = WORD.exec(source);
      if (word) {
        tokens.push({ kind: 'word', text: word[0].toUpperCase(), line: start });
        advanceTo(i + word[0].length);
      } else {
        tokens.push({ kind: 'other', text: char, line: start });
        advanceTo(i + 1);
      }
    }
  }
  return tokens;
}

/** The answer is runnable, or why not. */
export type StatementCheck = { ok: true } | { ok: false; message: string };

const refuse = (message: string): StatementCheck => ({ ok: false, message });

/** Index just past the parenthesised group that opens at `start`, or -1 if it never closes. */
function skipGroup(tokens: Token[], start: number): number {
  let depth = 0;
  for (let k = start; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'other') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')' && --depth === 0) return k + 1;
  }
  return -1;
}

const isWord = (token: Token | undefined, ...words: string[]) =>
  token?.kind === 'word' && words.includes(token.text);

/**
 * Index of the statement that follows `WITH [RECURSIVE] name [(columns)] AS
 * [[NOT] MATERIALIZED] (…) [, …]`, or -1 when the header is not well formed (SQLite then
 * reports the syntax error itself).
 */
function afterCommonTableExpressions(tokens: Token[]): number {
  let k = isWord(tokens[1], 'RECURSIVE') ? 2 : 1;
  for (;;) {
    const name = tokens[k];
    if (!name || name.kind === 'other') return -1;
    k++;
    if (tokens[k]?.text === '(') k = skipGroup(tokens, k);
    if (k === -1 || !isWord(tokens[k], 'AS')) return -1;
    k++;
    if (isWord(tokens[k], 'NOT')) k++;
    if (isWord(tokens[k], 'MATERIALIZED')) k++;
    if (tokens[k]?.text !== '(') return -1;
    k = skipGroup(tokens, k);
    if (k === -1) return -1;
    if (tokens[k]?.text !== ',') return k;
    k++;
  }
}

/** The first INSERT, UPDATE, DELETE or REPLACE INTO outside any parentheses. */
function changingKeyword(tokens: Token[]): Token | undefined {
  let depth = 0;
  return tokens.find((t, k) => {
    if (t.text === '(') depth++;
    if (t.text === ')') depth--;
    if (depth !== 0) return false;
    return (
      isWord(t, 'INSERT', 'UPDATE', 'DELETE') ||
      (isWord(t, 'REPLACE') && isWord(tokens[k + 1], 'INTO'))
    );
  });
}

const ONLY_SELECT = 'Only a query is run here: one SELECT statement (WITH … SELECT is fine).';

/** Whether `source` is one SELECT (or WITH … SELECT) statement, with an optional final `;`. */
export function checkSelectStatement(source: string): StatementCheck {
  const tokens = tokenize(source);
  if (tokens.length === 0) return refuse('Write a SELECT query: the editor holds only comments.');
  const semicolon = tokens.findIndex((t) => t.text === ';');
  if (semicolon !== -1) {
    const extra = tokens.slice(semicolon).find((t) => t.text !== ';');
    if (extra)
      return refuse(
        `Write a single statement: there is more after the ";" on line ${tokens[semicolon]!.line}. ${ONLY_SELECT}`,
      );
    if (semicolon === 0) return refuse('Write a SELECT query: the editor holds only a ";".');
  }
  const first = tokens[0]!;
  if (isWord(first, 'SELECT')) return { ok: true };
  if (!isWord(first, 'WITH'))
    return refuse(`${ONLY_SELECT} This statement starts with ${first.text} (line ${first.line}).`);
  const body = afterCommonTableExpressions(tokens);
  // A header this parser does not follow: any data-changing keyword outside parentheses
  // (they are reserved words, so a bare one is never a name) still gives the statement away.
  const main = body === -1 ? changingKeyword(tokens) : tokens[body];
  if (!main || isWord(main, 'SELECT')) return { ok: true };
  return refuse(
    `${ONLY_SELECT} After its WITH clause this statement runs ${main.text} (line ${main.line}).`,
  );
}

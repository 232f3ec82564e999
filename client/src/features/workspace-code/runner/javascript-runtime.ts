/**
 * Runs JavaScript and TypeScript inside the test-runner worker. TypeScript is stripped of
 * its types with sucrase first (line numbers are kept). The code runs as a sloppy-mode
 * script body, as the reference solutions do in Node's `vm`, so `function f` declared at
 * the top level is found by name; each run gets its own scope.
 */
import type { RunRequest, WorkerReport } from './run-protocol';
import { describeValue, encodeValue, RUN_OUTPUT_LIMIT, type CallOutcome } from './run-results';

type Post = (report: WorkerReport) => void;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** What `console.*` printed during one call, capped so a print in a loop cannot fill memory. */
class Output {
  private parts: string[] = [];
  private size = 0;

  write(args: unknown[]): void {
    if (this.size > RUN_OUTPUT_LIMIT) return;
    const line = `${args.map((a) => (typeof a === 'string' ? a : describeValue(a))).join(' ')}\n`;
    this.parts.push(line.slice(0, RUN_OUTPUT_LIMIT));
    this.size += line.length;
  }

  take(): string {
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    return text;
  }
}

/** Lines a `new Function` body is shifted by in stack traces, measured once in this engine. */
let bodyLineOffset: number | null | undefined;

function stackLine(error: unknown): number | null {
  const stack = error instanceof Error ? String(error.stack ?? '') : '';
  // V8: "<anonymous>:3:11"; Firefox: "Function:3:11"
  const match = /(?:<anonymous>|Function):(\d+):\d+/.exec(stack);
  return match ? Number(match[1]) : null;
}

function lineInCode(error: unknown): number | null {
  if (bodyLineOffset === undefined) {
    try {
      new Function('\nthrow new Error("probe")')();
    } catch (probe) {
      const line = stackLine(probe);
      bodyLineOffset = line === null ? null : line - 2;
    }
  }
  const line = stackLine(error);
  return line === null || bodyLineOffset == null ? null : line - bodyLineOffset;
}

/** "TypeError: x is not a function (line 4)", or what was thrown when it is not an Error. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `Uncaught ${describeValue(error)}`;
  const line = lineInCode(error);
  return `${error.name}: ${error.message}${line !== null && line > 0 ? ` (line ${line})` : ''}`;
}

/** sucrase's "Unexpected token (2:13)" as "Unexpected token (line 2)". */
function sucraseMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\((\d+):\d+\)\s*$/, ' (line $1)');
}

async function stripTypes(code: string): Promise<string> {
  const { transform } = await import('sucrase');
  return transform(code, { transforms: ['typescript'], disableESTransforms: true }).code;
}

/** V8's syntax errors carry no line; sucrase's parser usually finds the same error with one. */
async function locateSyntaxError(code: string, error: SyntaxError): Promise<string> {
  try {
    const { transform } = await import('sucrase');
    transform(code, { transforms: [], disableESTransforms: true });
  } catch (located) {
    return `SyntaxError: ${sucraseMessage(located)}`;
  }
  return `SyntaxError: ${error.message}`;
}

export async function runJavaScript(request: RunRequest, post: Post): Promise<void> {
  const { runId, functionName: name } = request;
  const fail = (message: string) => post({ type: 'failed', runId, message, broken: false });
  if (!IDENTIFIER.test(name)) return fail(`The function name "${name}" is not a valid identifier.`);

  let source = request.code;
  if (request.language === 'typescript') {
    try {
      source = await stripTypes(source);
    } catch (error) {
      return fail(`SyntaxError: ${sucraseMessage(error)}`);
    }
  }

  const output = new Output();
  const saved = CONSOLE_METHODS.map((method) => [method, console[method]] as const);
  for (const method of CONSOLE_METHODS)
    console[method] = (...args: unknown[]) => output.write(args);
  try {
    post({ type: 'started', runId });
    let body: () => unknown;
    try {
      // The code is the candidate's own, run in their own browser; this worker exists for it.
      body = new Function(
        `${source}\n;return typeof ${name} === 'function' ? ${name} : undefined;`,
      ) as () => unknown;
    } catch (error) {
      if (error instanceof SyntaxError) return fail(await locateSyntaxError(source, error));
      throw error;
    }
    let solution: unknown;
    try {
      solution = body();
    } catch (error) {
      return fail(`Your code threw before any test case ran: ${describeError(error)}`);
    }
    output.take();
    if (typeof solution !== 'function')
      return fail(
        `No function named ${name} was found. Define it at the top level: function ${name}(…) { … }`,
      );
    post({ type: 'defined', runId });

    for (const [index, args] of request.inputs.entries()) {
      let outcome: CallOutcome;
      try {
        // A fresh copy per case: a solution that mutates its input cannot affect another case.
        const value: unknown = solution(...structuredClone(args));
        outcome = { index, returned: encodeValue(value), stdout: output.take() };
      } catch (error) {
        outcome = { index, threw: describeError(error), stdout: output.take() };
      }
      post({ type: 'case', runId, outcome });
    }
    post({ type: 'finished', runId });
  } finally {
    for (const [method, original] of saved) console[method] = original;
  }
}

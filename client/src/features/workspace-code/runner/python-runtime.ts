/**
 * Runs Python inside the test-runner worker with Pyodide, loaded once per worker from
 * this server's `/vendor/pyodide/` (never a CDN). A small harness written in Python
 * compiles the code, finds the function and calls it once per case, catching what it
 * prints and raises, and hands back plain JSON text.
 */
import type { RunRequest, WorkerReport } from './run-protocol';
import { RUN_OUTPUT_LIMIT, type CallOutcome, type EncodedValue } from './run-results';

type Post = (report: WorkerReport) => void;

/** Where the server serves the pyodide package (server/src/http/vendor-assets.ts). */
const PYODIDE_PATH = '/vendor/pyodide/';

/** The Python side: exported so unit tests can run it under a plain python3 as well. */
export const PYTHON_HARNESS = `
import contextlib, io, json, traceback

_OUTPUT_LIMIT = ${RUN_OUTPUT_LIMIT}
_SOURCE = "<solution>"


class _Output(io.TextIOBase):
    """What the code printed, capped so a print in a loop cannot fill memory."""

    def __init__(self):
        self._parts, self._size = [], 0

    def writable(self):
        return True

    def write(self, text):
        if self._size <= _OUTPUT_LIMIT:
            self._parts.append(text[:_OUTPUT_LIMIT])
        self._size += len(text)
        return len(text)

    def take(self):
        text = "".join(self._parts)
        self._parts, self._size = [], 0
        return text


def _describe(error):
    if isinstance(error, SyntaxError) and error.filename == _SOURCE:
        return f"{type(error).__name__}: {error.msg} (line {error.lineno})"
    lines = [f.lineno for f in traceback.extract_tb(error.__traceback__) if f.filename == _SOURCE]
    where = f" (line {lines[-1]})" if lines else ""
    return f"{type(error).__name__}: {error}{where}"


def _shown(value):
    try:
        return repr(value)[:_OUTPUT_LIMIT]
    except BaseException:
        return "<a value that cannot be shown>"


_state = {"solution": None, "output": _Output()}


def _mockloop_load(source, name):
    _state["solution"] = None
    output = _state["output"]
    try:
        code = compile(source, _SOURCE, "exec")
    except SyntaxError as error:
        return json.dumps({"error": _describe(error)})
    scope = {"__name__": "__main__"}
    try:
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            exec(code, scope)
    except BaseException as error:
        return json.dumps({"error": "Your code raised an exception before any test case ran: " + _describe(error)})
    finally:
        output.take()
    solution = scope.get(name)
    if not callable(solution):
        return json.dumps({"error": f"No function named {name} was found. Define it at the top level: def {name}(…):"})
    _state["solution"] = solution
    return json.dumps({"ok": True})


def _mockloop_call(args_json):
    output = _state["output"]
    args = json.loads(args_json)
    try:
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            value = _state["solution"](*args)
    except BaseException as error:
        return json.dumps({"threw": _describe(error), "stdout": output.take()})
    stdout = output.take()
    try:
        text = json.dumps(value, allow_nan=False, separators=(",", ":"))
        return json.dumps({"json": text, "stdout": stdout})
    except (TypeError, ValueError, RecursionError):
        return json.dumps({"text": _shown(value), "stdout": stdout})
`;

interface Pyodide {
  runPython(code: string): unknown;
  globals: { get(name: string): unknown };
}
interface PyodideModule {
  loadPyodide(options: {
    indexURL: string;
    packageBaseUrl: string;
    stdin: () => string | null;
    stdout: (text: string) => void;
    stderr: (text: string) => void;
  }): Promise<Pyodide>;
}
interface Harness {
  load(source: string, name: string): string;
  call(argsJson: string): string;
}

let pythonLoad: Promise<Harness> | null = null;
let loaded = false;

/** Python, loading or loaded; a load that failed is forgotten, so the next run tries again. */
function loadPython(): Promise<Harness> {
  if (pythonLoad) return pythonLoad;
  const loading = loadHarness();
  pythonLoad = loading;
  loading.catch(() => {
    if (pythonLoad === loading) pythonLoad = null;
  });
  return loading;
}

/**
 * Starts loading Python before any run needs it. A run waits for this same load; if it
 * fails, the run's own load (tried again) reports why.
 */
export function preloadPython(): void {
  void loadPython();
}

async function loadHarness(): Promise<Harness> {
  const base = new URL(PYODIDE_PATH, self.location.href).href;
  const { loadPyodide } = (await import(/* @vite-ignore */ `${base}pyodide.mjs`)) as PyodideModule;
  const pyodide = await loadPyodide({
    indexURL: base,
    packageBaseUrl: base,
    // input() gets end-of-file; anything printed outside a call is dropped.
    stdin: () => null,
    stdout: () => {},
    stderr: () => {},
  });
  pyodide.runPython(PYTHON_HARNESS);
  const load = pyodide.globals.get('_mockloop_load') as Harness['load'];
  const call = pyodide.globals.get('_mockloop_call') as Harness['call'];
  loaded = true;
  return { load, call };
}

/** One harness reply (JSON text) as a call outcome. */
export function toOutcome(index: number, reply: string): CallOutcome {
  const parsed = JSON.parse(reply) as
    { threw: string; stdout: string } | ({ stdout: string } & EncodedValue);
  if ('threw' in parsed) return { index, threw: parsed.threw, stdout: parsed.stdout };
  const returned: EncodedValue = 'json' in parsed ? { json: parsed.json } : { text: parsed.text };
  return { index, returned, stdout: parsed.stdout };
}

export async function runPython(request: RunRequest, post: Post): Promise<void> {
  const { runId } = request;
  const broken = (what: string, error: unknown) =>
    post({
      type: 'failed',
      runId,
      message: `${what}: ${error instanceof Error ? error.message : String(error)}`,
      broken: true,
    });

  if (!loaded) post({ type: 'loading', runId, runtime: 'Python' });
  let python: Harness;
  try {
    python = await loadPython();
  } catch (error) {
    return broken('Python could not be loaded', error);
  }

  post({ type: 'started', runId });
  try {
    const defined = JSON.parse(python.load(request.code, request.functionName)) as
      { ok: true } | { error: string };
    if ('error' in defined)
      return post({ type: 'failed', runId, message: defined.error, broken: false });
    post({ type: 'defined', runId });
    for (const [index, args] of request.inputs.entries())
      post({ type: 'case', runId, outcome: toOutcome(index, python.call(JSON.stringify(args))) });
  } catch (error) {
    // The harness catches every Python exception; this is Pyodide itself failing.
    return broken('Python stopped unexpectedly', error);
  }
  post({ type: 'finished', runId });
}

/**
 * Right answers, too slowly: the quadratic (or exponential) solution a candidate writes
 * first, for every question whose prompt sets a size. Each must pass the question's small
 * cases and must not finish a generated (large) case within the runner's time limit.
 */
import type { WrongSolution } from './coding';

const slow = (
  question: string,
  language: WrongSolution['language'],
  flaw: string,
  source: string,
): WrongSolution => ({ question, language, flaw, slow: true, source });

export const slowWrongSolutions: WrongSolution[] = [
  slow(
    'cd-longest-k-distinct',
    'javascript',
    'extends a window from every start position',
    `
function longest_substring_k_distinct(s, k) {
  if (k <= 0) return 0;
  const chars = Array.from(s);
  let best = 0;
  for (let start = 0; start < chars.length && chars.length - start > best; start++) {
    const seen = new Set();
    let end = start;
    while (end < chars.length && (seen.has(chars[end]) || seen.size < k)) seen.add(chars[end++]);
    best = Math.max(best, end - start);
  }
  return best;
}`,
  ),
  slow(
    'cd-longest-k-distinct',
    'python',
    'extends a window from every start position',
    `
def longest_substring_k_distinct(s, k):
    if k <= 0: return 0
    best = 0
    for start in range(len(s)):
        if len(s) - start <= best: break
        seen, end = set(), start
        while end < len(s) and (s[end] in seen or len(seen) < k):
            seen.add(s[end]); end += 1
        best = max(best, end - start)
    return best
`,
  ),
  slow(
    'cd-dedupe-linked-list',
    'javascript',
    'remembers kept values in an array and searches it',
    `
function remove_duplicates(values, nextIndex, head) {
  const links = [...nextIndex], kept = [];
  let last = -1;
  for (let node = head; node !== -1; ) {
    const following = links[node];
    if (kept.includes(values[node])) { links[last] = following; links[node] = -1; }
    else { kept.push(values[node]); last = node; }
    node = following;
  }
  return links;
}`,
  ),
  slow(
    'cd-dedupe-linked-list',
    'python',
    'remembers kept values in a list and searches it',
    `
def remove_duplicates(values, next_index, head):
    links, kept, last, node = list(next_index), [], -1, head
    while node != -1:
        following = links[node]
        if values[node] in kept:
            links[last] = following; links[node] = -1
        else:
            kept.append(values[node]); last = node
        node = following
    return links
`,
  ),
  slow(
    'cd-model-rollout-time',
    'javascript',
    'Dijkstra that scans every server for the next closest one',
    `
function time_to_reach_all(n, links, source) {
  const isServer = (v) => Number.isInteger(v) && v >= 0 && v < n;
  if (!Number.isInteger(n) || n < 1 || !isServer(source)) return null;
  if (!links.every((l) => Array.isArray(l) && l.length === 3 && isServer(l[0]) && isServer(l[1]) && Number.isInteger(l[2]) && l[2] >= 0)) return null;
  const out = Array.from({ length: n }, () => []);
  for (const [a, b, m] of links) out[a].push([b, m]);
  const time = new Array(n).fill(Infinity), done = new Array(n).fill(false);
  time[source] = 0;
  for (let round = 0; round < n; round++) {
    let u = -1;
    for (let v = 0; v < n; v++) if (!done[v] && (u === -1 || time[v] < time[u])) u = v;
    if (time[u] === Infinity) return -1;
    done[u] = true;
    for (const [b, m] of out[u]) time[b] = Math.min(time[b], time[u] + m);
  }
  return Math.max(...time);
}`,
  ),
  slow(
    'cd-model-rollout-time',
    'python',
    'Dijkstra that scans every server for the next closest one',
    `
def time_to_reach_all(n, links, source):
    ok = lambda v: isinstance(v, int) and not isinstance(v, bool)
    if not ok(n) or n < 1 or not ok(source) or not 0 <= source < n: return None
    for l in links:
        if not isinstance(l, list) or len(l) != 3 or not all(map(ok, l)) or not (0 <= l[0] < n and 0 <= l[1] < n and l[2] >= 0): return None
    out = [[] for _ in range(n)]
    for a, b, m in links: out[a].append((b, m))
    inf = float("inf"); time = [inf] * n; done = [False] * n; time[source] = 0
    for _ in range(n):
        u = min((v for v in range(n) if not done[v]), key=lambda v: time[v])
        if time[u] == inf: return -1
        done[u] = True
        for b, m in out[u]: time[b] = min(time[b], time[u] + m)
    return max(time)
`,
  ),
  slow(
    'cd-first-regressed-version',
    'javascript',
    'evaluates every version in turn',
    `
function first_regressed_version(thresholds, scores, minCaught) {
  const num = (v) => typeof v === 'number';
  if (!Array.isArray(thresholds) || !Array.isArray(scores) || !thresholds.every(num) || !scores.every(num)) return null;
  if (thresholds.some((t, i) => i > 0 && t < thresholds[i - 1]) || !Number.isInteger(minCaught) || minCaught < 0) return null;
  for (let v = 0; v < thresholds.length; v++) {
    let caught = 0;
    for (const s of scores) if (s >= thresholds[v]) caught++;
    if (caught < minCaught) return v;
  }
  return -1;
}`,
  ),
  slow(
    'cd-first-regressed-version',
    'python',
    'evaluates every version in turn',
    `
def first_regressed_version(thresholds, fraud_scores, min_caught):
    num = lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)
    if not isinstance(thresholds, list) or not isinstance(fraud_scores, list): return None
    if not all(map(num, thresholds)) or not all(map(num, fraud_scores)): return None
    if any(b < a for a, b in zip(thresholds, thresholds[1:])): return None
    if not isinstance(min_caught, int) or isinstance(min_caught, bool) or min_caught < 0: return None
    for v, t in enumerate(thresholds):
        if sum(1 for s in fraud_scores if s >= t) < min_caught: return v
    return -1
`,
  ),
  slow(
    'cd-build-order',
    'javascript',
    'rescans every step for a ready one after each step runs',
    `
function build_order(steps, deps) {
  const known = new Set(steps), wait = new Map(), after = new Map();
  for (const s of known) { wait.set(s, 0); after.set(s, []); }
  for (const [a, b] of deps) {
    if (!known.has(a) || !known.has(b)) return null;
    after.get(a).push(b); wait.set(b, wait.get(b) + 1);
  }
  const cmp = (a, b) => { for (let i = 0; i < a.length && i < b.length; ) { const x = a.codePointAt(i), y = b.codePointAt(i); if (x !== y) return x - y; i += x > 0xffff ? 2 : 1; } return a.length - b.length; };
  const done = new Set(), order = [];
  while (order.length < known.size) {
    let next = null;
    for (const s of known) if (!done.has(s) && wait.get(s) === 0 && (next === null || cmp(s, next) < 0)) next = s;
    if (next === null) return [];
    done.add(next); order.push(next);
    for (const b of after.get(next)) wait.set(b, wait.get(b) - 1);
  }
  return order;
}`,
  ),
  slow(
    'cd-lru-cache',
    'javascript',
    'keeps keys in an array in order of use and searches it',
    `
function lru_cache(capacity, operations) {
  const order = [], values = new Map();
  return operations.map(([kind, key, value]) => {
    if (kind === 'get') {
      if (!values.has(key)) return -1;
      order.splice(order.indexOf(key), 1); order.push(key);
      return values.get(key);
    }
    if (capacity === 0) return null;
    if (values.has(key)) order.splice(order.indexOf(key), 1);
    else if (values.size === capacity) values.delete(order.shift());
    order.push(key); values.set(key, value);
    return null;
  });
}`,
  ),
  slow(
    'cd-lfu-cache',
    'javascript',
    'scans every cached key to choose the one to evict',
    `
function lfu_cache(capacity, operations) {
  const cache = new Map();
  let clock = 0;
  return operations.map(([kind, key, value]) => {
    clock++;
    const entry = cache.get(key);
    if (kind === 'get') {
      if (!entry) return -1;
      entry.count++; entry.used = clock;
      return entry.value;
    }
    if (capacity === 0) return null;
    if (entry) { entry.value = value; entry.count++; entry.used = clock; return null; }
    if (cache.size === capacity) {
      let victim = null;
      for (const [k, e] of cache) if (!victim || e.count < victim[1].count || (e.count === victim[1].count && e.used < victim[1].used)) victim = [k, e];
      cache.delete(victim[0]);
    }
    cache.set(key, { value, count: 1, used: clock });
    return null;
  });
}`,
  ),
  slow(
    'cd-gpu-job-scheduler',
    'javascript',
    'scans every GPU for each job',
    `
function assign_gpus(numGpus, jobs) {
  const freeAt = new Array(numGpus).fill(0), out = new Array(jobs.length);
  const order = jobs.map((_, i) => i).sort((a, b) => jobs[a][0] - jobs[b][0]);
  for (const i of order) {
    const [start, duration] = jobs[i];
    let gpu = -1;
    for (let g = 0; g < numGpus; g++) if (freeAt[g] <= start) { gpu = g; break; }
    if (gpu === -1) { gpu = 0; for (let g = 1; g < numGpus; g++) if (freeAt[g] < freeAt[gpu]) gpu = g; }
    freeAt[gpu] = Math.max(start, freeAt[gpu]) + duration;
    out[i] = gpu;
  }
  return out;
}`,
  ),
  slow(
    'cd-word-search-grid',
    'javascript',
    'searches the board separately for every word',
    `
function find_words(board, words) {
  const grid = board.map((row) => [...row]);
  const h = grid.length, w = h ? grid[0].length : 0;
  const spell = (word, i, r, c) => {
    if (r < 0 || r >= h || c < 0 || c >= w || grid[r][c] !== word[i]) return false;
    if (i === word.length - 1) return true;
    const char = grid[r][c];
    grid[r][c] = null;
    const found = spell(word, i + 1, r + 1, c) || spell(word, i + 1, r - 1, c) || spell(word, i + 1, r, c + 1) || spell(word, i + 1, r, c - 1);
    grid[r][c] = char;
    return found;
  };
  const found = new Set();
  for (const word of words) {
    if (found.has(word)) continue;
    search: for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) if (spell(word, 0, r, c)) { found.add(word); break search; }
  }
  return [...found];
}`,
  ),
  slow(
    'cd-pair-for-budget',
    'javascript',
    'checks every pair',
    `
function pair_for_budget(prices, budget) {
  for (let j = 1; j < prices.length; j++)
    for (let i = 0; i < j; i++) if (prices[i] + prices[j] === budget) return [i, j];
  return [];
}`,
  ),
  slow(
    'cd-longest-improving-run',
    'javascript',
    'the O(n²) recurrence over all earlier checkpoints',
    `
function longest_improving_run(scores) {
  const best = [];
  let longest = 0;
  for (let i = 0; i < scores.length; i++) {
    best[i] = 1;
    for (let j = 0; j < i; j++) if (scores[j] < scores[i] && best[j] + 1 > best[i]) best[i] = best[j] + 1;
    longest = Math.max(longest, best[i]);
  }
  return longest;
}`,
  ),
  slow(
    'cd-first-bracket-error',
    'javascript',
    'searches back for the matching opener of every closing bracket',
    `
function first_bracket_error(text) {
  const chars = Array.from(text), pairs = { ')': '(', ']': '[', '}': '{' }, closed = new Array(chars.length).fill(false);
  for (let i = 0; i < chars.length; i++) {
    if (!(chars[i] in pairs)) continue;
    let j = i - 1;
    while (j >= 0 && (closed[j] || !'([{'.includes(chars[j]))) j--;
    if (j < 0 || chars[j] !== pairs[chars[i]]) return i;
    closed[j] = closed[i] = true;
  }
  for (let i = 0; i < chars.length; i++) if ('([{'.includes(chars[i]) && !closed[i]) return i;
  return -1;
}`,
  ),
  slow(
    'cd-common-free-slots',
    'javascript',
    'merges each busy interval into a list by scanning it',
    `
function common_free_slots(calendars, dayStart, dayEnd, minLength) {
  const merged = [];
  for (const [s, e] of calendars.flat()) {
    let start = s, end = e, i = 0;
    while (i < merged.length) {
      if (merged[i][0] <= end && start <= merged[i][1]) { start = Math.min(start, merged[i][0]); end = Math.max(end, merged[i][1]); merged.splice(i, 1); }
      else i++;
    }
    let at = 0;
    while (at < merged.length && merged[at][0] < start) at++;
    merged.splice(at, 0, [start, end]);
  }
  const out = [];
  let cursor = dayStart;
  for (const [s, e] of merged) {
    if (s > cursor && Math.min(s, dayEnd) - cursor >= minLength && cursor < dayEnd) out.push([cursor, Math.min(s, dayEnd)]);
    cursor = Math.max(cursor, e);
  }
  if (dayEnd - cursor >= minLength) out.push([cursor, dayEnd]);
  return out;
}`,
  ),
  slow(
    'cd-top-products-by-buyers',
    'python',
    "keeps each product's buyers in a list and searches it",
    `
def top_products(purchases, k):
    buyers = {}
    for r in purchases:
        if not isinstance(r, list) or len(r) != 2 or not all(isinstance(v, str) and v for v in r): continue
        customers = buyers.setdefault(r[1], [])
        if r[0] not in customers: customers.append(r[0])
    ranked = sorted(buyers.items(), key=lambda item: (-len(item[1]), item[0]))
    return [[p, len(c)] for p, c in ranked[:k]]
`,
  ),
  slow(
    'cd-knapsack',
    'python',
    'tries every subset of items',
    `
def knapsack_max_value(weights, values, capacity):
    ok = lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0
    if len(weights) != len(values) or not ok(capacity) or not all(map(ok, weights)) or not all(map(ok, values)): return None
    def best(i, room):
        if i == len(weights): return 0
        skip = best(i + 1, room)
        return max(skip, values[i] + best(i + 1, room - weights[i])) if weights[i] <= room else skip
    return best(0, capacity)
`,
  ),
  slow(
    'cd-edit-distance',
    'javascript',
    'plain recursion without memoisation',
    `
function edit_distance(source, target) {
  const a = Array.from(source), b = Array.from(target);
  const d = (i, j) => {
    if (i === 0) return j;
    if (j === 0) return i;
    if (a[i - 1] === b[j - 1]) return d(i - 1, j - 1);
    return 1 + Math.min(d(i - 1, j), d(i, j - 1), d(i - 1, j - 1));
  };
  return d(a.length, b.length);
}`,
  ),
  slow(
    'cd-regex-match',
    'python',
    'backtracking recursion without memoisation',
    `
def regex_match(text, pattern):
    if any(c == "*" and (i == 0 or pattern[i - 1] == "*") for i, c in enumerate(pattern)): return None
    def match(i, j):
        if j == len(pattern): return i == len(text)
        first = i < len(text) and pattern[j] in (".", text[i])
        if j + 1 < len(pattern) and pattern[j + 1] == "*":
            return match(i, j + 2) or (first and match(i + 1, j))
        return first and match(i + 1, j + 1)
    return match(0, 0)
`,
  ),
];

/**
 * Wrong solutions that return a wrong value (or crash) on an edge the prompt defines.
 * Written as compactly as a candidate would write them under time pressure.
 */
import type { WrongSolution } from './coding';

const py = (question: string, flaw: string, source: string): WrongSolution => ({
  question,
  language: 'python',
  flaw,
  source,
});
const js = (question: string, flaw: string, source: string): WrongSolution => ({
  question,
  language: 'javascript',
  flaw,
  source,
});

/** A level-order tree builder that skips a child when `if value` is false: 0 disappears. */
const PY_BUILD_TREE_DROPPING_ZERO = `
class Node:
    def __init__(self, value):
        self.value, self.left, self.right = value, None, None

def build(level_order):
    if not level_order or level_order[0] is None:
        return None
    root = Node(level_order[0])
    queue, i = [root], 1
    for node in queue:
        if i >= len(level_order):
            break
        if level_order[i]:
            node.left = Node(level_order[i]); queue.append(node.left)
        i += 1
        if i < len(level_order) and level_order[i]:
            node.right = Node(level_order[i]); queue.append(node.right)
        i += 1
    return root
`;

export const edgeWrongSolutions: WrongSolution[] = [
  js(
    'cd-balanced-tree',
    'tree builder treats 0 as a missing child',
    `
function is_balanced(tree) {
  if (tree.length === 0 || !tree[0]) return true;
  const nodes = [{ left: null, right: null, height: 0 }];
  let index = 1;
  for (let head = 0; head < nodes.length && index < tree.length; head++) {
    for (const side of ['left', 'right']) {
      const value = tree[index++];
      if (!value) continue;
      nodes[head][side] = { left: null, right: null, height: 0 };
      nodes.push(nodes[head][side]);
    }
  }
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i];
    const l = n.left ? n.left.height : 0, r = n.right ? n.right.height : 0;
    if (Math.abs(l - r) > 1) return false;
    n.height = 1 + Math.max(l, r);
  }
  return true;
}`,
  ),
  py(
    'cd-balanced-tree',
    'recursive height check, deeper than Python allows on a 1,200-deep chain',
    `
from collections import deque
def is_balanced(tree):
    class Node:
        def __init__(self, v): self.left = self.right = None
    if not tree or tree[0] is None:
        return True
    root = Node(tree[0]); queue = deque([root]); i = 1
    while queue and i < len(tree):
        node = queue.popleft()
        if i < len(tree) and tree[i] is not None:
            node.left = Node(tree[i]); queue.append(node.left)
        i += 1
        if i < len(tree) and tree[i] is not None:
            node.right = Node(tree[i]); queue.append(node.right)
        i += 1
    def height(node):
        if node is None: return 0
        l, r = height(node.left), height(node.right)
        if l < 0 or r < 0 or abs(l - r) > 1: return -1
        return 1 + max(l, r)
    return height(root) >= 0
`,
  ),
  py(
    'cd-lowest-common-ancestor',
    'tree builder treats 0 as a missing child',
    `${PY_BUILD_TREE_DROPPING_ZERO}
def lowest_common_ancestor(tree, p, q):
    parents, stack = {}, []
    root = build(tree)
    if root: parents[root.value] = None; stack.append(root)
    while stack:
        node = stack.pop()
        for child in (node.left, node.right):
            if child: parents[child.value] = node.value; stack.append(child)
    if p not in parents or q not in parents: return None
    seen, node = set(), p
    while node is not None: seen.add(node); node = parents[node]
    node = q
    while node not in seen: node = parents[node]
    return node
`,
  ),
  py(
    'cd-iou',
    'booleans accepted as numbers',
    `
def iou(a, b):
    def ok(box):
        return isinstance(box, list) and len(box) == 4 and all(isinstance(v, (int, float)) for v in box) and box[0] <= box[2] and box[1] <= box[3]
    if not (ok(a) and ok(b)): return None
    area = lambda x1, y1, x2, y2: max(0, x2 - x1) * max(0, y2 - y1)
    inter = area(max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))
    union = area(*a) + area(*b) - inter
    return 0 if union == 0 else inter / union
`,
  ),
  js(
    'cd-iou',
    'rounds the IoU to 4 decimals',
    `
function iou(a, b) {
  const ok = (box) => Array.isArray(box) && box.length === 4 && box.every((v) => typeof v === 'number') && box[0] <= box[2] && box[1] <= box[3];
  if (!ok(a) || !ok(b)) return null;
  const area = (x1, y1, x2, y2) => Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const inter = area(Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3]));
  const union = area(...a) + area(...b) - inter;
  return union === 0 ? 0 : Math.round((inter / union) * 10000) / 10000;
}`,
  ),
  py(
    'cd-knapsack',
    'booleans accepted as integers',
    `
def knapsack_max_value(weights, values, capacity):
    ok = lambda v: isinstance(v, int) and v >= 0
    if len(weights) != len(values) or not ok(capacity) or not all(map(ok, weights)) or not all(map(ok, values)):
        return None
    best = [0] * (capacity + 1)
    for w, v in zip(weights, values):
        for c in range(capacity, w - 1, -1):
            best[c] = max(best[c], best[c - w] + v)
    return best[capacity]
`,
  ),
  js(
    'cd-knapsack',
    'greedy by value per kilogram',
    `
function knapsack_max_value(weights, values, capacity) {
  const ok = (v) => Number.isInteger(v) && v >= 0;
  if (weights.length !== values.length || !ok(capacity) || !weights.every(ok) || !values.every(ok)) return null;
  const items = weights.map((w, i) => [w, values[i]]).sort((a, b) => b[1] / (b[0] || 1e-9) - a[1] / (a[0] || 1e-9));
  let left = capacity, total = 0;
  for (const [w, v] of items) if (w <= left) { left -= w; total += v; }
  return total;
}`,
  ),
  py(
    'cd-model-rollout-time',
    'booleans accepted as server ids and minutes',
    `
import heapq
def time_to_reach_all(n, links, source):
    ok = lambda v: isinstance(v, int)
    if not ok(n) or n < 1 or not ok(source) or not 0 <= source < n: return None
    for link in links:
        if not isinstance(link, list) or len(link) != 3 or not all(map(ok, link)): return None
        if not (0 <= link[0] < n and 0 <= link[1] < n and link[2] >= 0): return None
    out = [[] for _ in range(n)]
    for a, b, m in links: out[a].append((b, m))
    arrival, heap = [None] * n, [(0, source)]
    while heap:
        t, s = heapq.heappop(heap)
        if arrival[s] is not None: continue
        arrival[s] = t
        for b, m in out[s]:
            if arrival[b] is None: heapq.heappush(heap, (t + m, b))
    return -1 if None in arrival else max(arrival)
`,
  ),
  js(
    'cd-model-rollout-time',
    'breadth-first search by hops, ignoring minutes',
    `
function time_to_reach_all(n, links, source) {
  const isServer = (v) => Number.isInteger(v) && v >= 0 && v < n;
  if (!Number.isInteger(n) || n < 1 || !isServer(source)) return null;
  if (!links.every((l) => Array.isArray(l) && l.length === 3 && isServer(l[0]) && isServer(l[1]) && Number.isInteger(l[2]) && l[2] >= 0)) return null;
  const out = Array.from({ length: n }, () => []);
  for (const [a, b, m] of links) out[a].push([b, m]);
  const arrival = new Array(n).fill(null);
  arrival[source] = 0;
  const queue = [source];
  for (let head = 0; head < queue.length; head++) {
    for (const [b, m] of out[queue[head]]) {
      if (arrival[b] === null) { arrival[b] = arrival[queue[head]] + m; queue.push(b); }
    }
  }
  return arrival.includes(null) ? -1 : Math.max(...arrival);
}`,
  ),
  py(
    'cd-first-regressed-version',
    'booleans accepted as scores and counts',
    `
def first_regressed_version(thresholds, fraud_scores, min_caught):
    num = lambda v: isinstance(v, (int, float))
    if not isinstance(thresholds, list) or not isinstance(fraud_scores, list): return None
    if not all(map(num, thresholds)) or not all(map(num, fraud_scores)): return None
    if any(b < a for a, b in zip(thresholds, thresholds[1:])): return None
    if not isinstance(min_caught, int) or min_caught < 0: return None
    low, high = 0, len(thresholds)
    while low < high:
        mid = (low + high) // 2
        if sum(1 for s in fraud_scores if s >= thresholds[mid]) < min_caught: high = mid
        else: low = mid + 1
    return low if low < len(thresholds) else -1
`,
  ),
  py(
    'cd-parse-latency-log',
    'str.isdigit() and str.split(), which accept non-ASCII digits and spaces',
    `
def latency_summary(lines):
    by_service, malformed = {}, 0
    for line in lines:
        fields = line.split() if isinstance(line, str) else []
        ok = len(fields) == 4
        if ok:
            _, service, latency, status = fields
            ok = (all(c in "abcdefghijklmnopqrstuvwxyz0123456789-" for c in service)
                  and latency.endswith("ms") and latency[:-2].isdigit() and len(latency) <= 11
                  and status.isdigit() and len(status) == 3 and 100 <= int(status) <= 599)
        if not ok:
            malformed += 1
            continue
        by_service.setdefault(service, []).append(int(latency[:-2]))
    out = {}
    for service, values in by_service.items():
        values.sort()
        out[service] = {"count": len(values), "p90_ms": values[(9 * len(values) + 9) // 10 - 1]}
    out["_malformed"] = malformed
    return out
`,
  ),
  js(
    'cd-parse-latency-log',
    'trim() and \\s+, which also take Unicode spaces',
    `
function latency_summary(lines) {
  const byService = new Map();
  let malformed = 0;
  for (const line of lines) {
    const fields = typeof line === 'string' ? line.trim().split(/\\s+/) : [];
    const m = fields.length === 4 && /^[0-9]{1,9}ms$/.test(fields[2]);
    if (!m || !/^[a-z0-9-]+$/.test(fields[1]) || !/^[1-5][0-9][0-9]$/.test(fields[3])) { malformed++; continue; }
    if (!byService.has(fields[1])) byService.set(fields[1], []);
    byService.get(fields[1]).push(parseInt(fields[2], 10));
  }
  const out = {};
  for (const [s, v] of byService) {
    v.sort((a, b) => a - b);
    out[s] = { count: v.length, p90_ms: v[Math.ceil((9 * v.length) / 10) - 1] };
  }
  out._malformed = malformed;
  return out;
}`,
  ),
  py(
    'cd-category-stats',
    'rounds each line to a whole cent before summing',
    `
def category_stats(orders):
    ok = lambda v, lo, hi: isinstance(v, int) and not isinstance(v, bool) and lo <= v <= hi
    lines, units, skipped = {}, {}, 0
    for r in orders:
        if not isinstance(r, dict) or not isinstance(r.get("category"), str) or r.get("category") == "":
            skipped += 1; continue
        p, q, d = r.get("price_cents"), r.get("quantity"), r.get("discount_pct", 0)
        if not (ok(p, 0, 10**6) and ok(q, 1, 1000) and ok(d, 0, 100)):
            skipped += 1; continue
        cents = (2 * p * q * (100 - d) + 100) // 200
        lines.setdefault(r["category"], []).append(cents)
        units[r["category"]] = units.get(r["category"], 0) + q
    out = {}
    for c, v in lines.items():
        v.sort(); m = len(v) // 2
        median = v[m] if len(v) % 2 else (v[m - 1] + v[m] + 1) // 2
        out[c] = {"orders": len(v), "units": units[c], "revenue_cents": sum(v), "median_line_cents": median}
    return {"categories": out, "skipped": skipped}
`,
  ),
  py(
    'cd-category-stats',
    'computes in floating point and rounds with round(), which rounds halves to even',
    `
from statistics import median
def category_stats(orders):
    ok = lambda v, lo, hi: isinstance(v, int) and not isinstance(v, bool) and lo <= v <= hi
    lines, units, skipped = {}, {}, 0
    for r in orders:
        if not isinstance(r, dict) or not isinstance(r.get("category"), str) or r.get("category") == "":
            skipped += 1; continue
        p, q, d = r.get("price_cents"), r.get("quantity"), r.get("discount_pct", 0)
        if not (ok(p, 0, 10**6) and ok(q, 1, 1000) and ok(d, 0, 100)):
            skipped += 1; continue
        lines.setdefault(r["category"], []).append(p * q * (1 - d / 100))
        units[r["category"]] = units.get(r["category"], 0) + q
    out = {c: {"orders": len(v), "units": units[c], "revenue_cents": round(sum(v)), "median_line_cents": round(median(v))}
           for c, v in lines.items()}
    return {"categories": out, "skipped": skipped}
`,
  ),
  js(
    'cd-category-stats',
    'accumulates into a plain object, where a category named "__proto__" disappears',
    `
function category_stats(orders) {
  const ok = (v, lo, hi) => Number.isInteger(v) && v >= lo && v <= hi;
  const lines = {}, units = {};
  let skipped = 0;
  for (const r of orders) {
    if (r === null || typeof r !== 'object' || Array.isArray(r) || typeof r.category !== 'string' || r.category === '') { skipped++; continue; }
    const d = 'discount_pct' in r ? r.discount_pct : 0;
    if (!ok(r.price_cents, 0, 1e6) || !ok(r.quantity, 1, 1000) || !ok(d, 0, 100)) { skipped++; continue; }
    (lines[r.category] ??= []).push(r.price_cents * r.quantity * (100 - d));
    units[r.category] = (units[r.category] ?? 0) + r.quantity;
  }
  const half = (n, d) => Math.floor((2 * n + d) / (2 * d));
  const categories = {};
  for (const c of Object.keys(lines)) {
    const v = [...lines[c]].sort((a, b) => a - b), m = Math.floor(v.length / 2);
    categories[c] = { orders: v.length, units: units[c], revenue_cents: half(v.reduce((s, x) => s + x, 0), 100),
      median_line_cents: v.length % 2 ? half(v[m], 100) : half(v[m - 1] + v[m], 200) };
  }
  return { categories, skipped };
}`,
  ),
  py(
    'cd-dedupe-linked-list',
    'de-duplicates the values in storage order and never follows the links',
    `
def remove_duplicates(values, next_index, head):
    links, seen, last = list(next_index), set(), -1
    for i, v in enumerate(values):
        if v in seen:
            links[last] = links[i]; links[i] = -1
        else:
            seen.add(v); last = i
    return links
`,
  ),
  js(
    'cd-string-permutations',
    'indexes the string by UTF-16 unit, splitting emoji',
    `
function unique_permutations(s) {
  const out = [];
  const used = new Array(s.length).fill(false);
  const chars = s.split('').sort();
  (function extend(prefix) {
    if (prefix.length === s.length) { out.push(prefix); return; }
    for (let i = 0; i < chars.length; i++) {
      if (used[i] || (i > 0 && chars[i] === chars[i - 1] && !used[i - 1])) continue;
      used[i] = true; extend(prefix + chars[i]); used[i] = false;
    }
  })('');
  return out;
}`,
  ),
  js(
    'cd-longest-k-distinct',
    'indexes the string by UTF-16 unit',
    `
function longest_substring_k_distinct(s, k) {
  if (k <= 0) return 0;
  const counts = new Map();
  let start = 0, best = 0;
  for (let end = 0; end < s.length; end++) {
    counts.set(s[end], (counts.get(s[end]) ?? 0) + 1);
    while (counts.size > k) {
      const c = counts.get(s[start]) - 1;
      if (c === 0) counts.delete(s[start]); else counts.set(s[start], c);
      start++;
    }
    best = Math.max(best, end - start + 1);
  }
  return best;
}`,
  ),
  js(
    'cd-edit-distance',
    'indexes the strings by UTF-16 unit',
    `
function edit_distance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] : 1 + Math.min(prev[j], cur[j - 1], prev[j - 1]);
    prev = cur;
  }
  return prev[b.length];
}`,
  ),
  js(
    'cd-build-order',
    "sorts ready steps with JavaScript's default UTF-16 order",
    `
function build_order(steps, deps) {
  const known = new Set(steps), after = new Map(), wait = new Map();
  for (const s of known) { after.set(s, []); wait.set(s, 0); }
  for (const [a, b] of deps) {
    if (!known.has(a) || !known.has(b)) return null;
    after.get(a).push(b); wait.set(b, wait.get(b) + 1);
  }
  let ready = [...known].filter((s) => wait.get(s) === 0).sort();
  const order = [];
  while (ready.length) {
    const s = ready.shift(); order.push(s);
    for (const b of after.get(s)) { wait.set(b, wait.get(b) - 1); if (wait.get(b) === 0) ready.push(b); }
    ready.sort();
  }
  return order.length < known.size ? [] : order;
}`,
  ),
  js(
    'cd-bought-together',
    'compares item names with < (UTF-16 units)',
    `
function top_bought_together(purchases) {
  const orders = new Map();
  for (const r of purchases) {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) continue;
    if (typeof r.order_id !== 'string' || !r.order_id || typeof r.item !== 'string' || !r.item) continue;
    if (!orders.has(r.order_id)) orders.set(r.order_id, new Set());
    orders.get(r.order_id).add(r.item);
  }
  const counts = new Map();
  for (const items of orders.values()) {
    const s = [...items].sort();
    for (let i = 0; i < s.length; i++) for (let j = i + 1; j < s.length; j++) {
      const key = JSON.stringify([s[i], s[j]]);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].map(([k, c]) => [...JSON.parse(k), c])
    .sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .slice(0, 3);
}`,
  ),
  js(
    'cd-bought-together',
    'groups orders in a plain object, so an order id "__proto__" misbehaves',
    `
function top_bought_together(purchases) {
  const orders = {};
  for (const r of purchases) {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) continue;
    if (typeof r.order_id !== 'string' || !r.order_id || typeof r.item !== 'string' || !r.item) continue;
    (orders[r.order_id] ??= new Set()).add(r.item);
  }
  const cmp = (a, b) => { const x = [...a], y = [...b]; for (let i = 0; i < x.length && i < y.length; i++) { const d = x[i].codePointAt(0) - y[i].codePointAt(0); if (d) return d; } return x.length - y.length; };
  const counts = new Map();
  for (const items of Object.values(orders)) {
    const s = [...items].sort(cmp);
    for (let i = 0; i < s.length; i++) for (let j = i + 1; j < s.length; j++) {
      const key = JSON.stringify([s[i], s[j]]);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].map(([k, c]) => [...JSON.parse(k), c]).sort((a, b) => b[2] - a[2] || cmp(a[0], b[0]) || cmp(a[1], b[1])).slice(0, 3);
}`,
  ),
  py(
    'cd-toll-vouchers',
    'cheapest route first, then cancels its most expensive tolls',
    `
import heapq
def min_toll(n, roads, source, target, vouchers):
    ok = lambda v: isinstance(v, int) and not isinstance(v, bool)
    if not all(map(ok, (n, source, target, vouchers))) or n < 1 or vouchers < 0: return None
    if not (0 <= source < n and 0 <= target < n): return None
    for r in roads:
        if not isinstance(r, list) or len(r) != 3 or not all(map(ok, r)) or not (0 <= r[0] < n and 0 <= r[1] < n and r[2] >= 0): return None
    out = [[] for _ in range(n)]
    for a, b, t in roads: out[a].append((b, t))
    best, heap = {source: (0, [])}, [(0, source, [])]
    while heap:
        cost, node, tolls = heapq.heappop(heap)
        if node == target:
            return cost - sum(sorted(tolls, reverse=True)[:vouchers])
        if cost > best[node][0]: continue
        for b, t in out[node]:
            if b not in best or cost + t < best[b][0]:
                best[b] = (cost + t, tolls + [t]); heapq.heappush(heap, (cost + t, b, tolls + [t]))
    return -1
`,
  ),
  py(
    'cd-lfu-cache',
    'evicts the least recently used key, ignoring use counts',
    `
from collections import OrderedDict
def lfu_cache(capacity, operations):
    cache, out = OrderedDict(), []
    for op in operations:
        if op[0] == "get":
            if op[1] in cache: cache.move_to_end(op[1]); out.append(cache[op[1]])
            else: out.append(-1)
            continue
        out.append(None)
        if capacity == 0: continue
        if op[1] in cache: cache.move_to_end(op[1])
        elif len(cache) == capacity: cache.popitem(last=False)
        cache[op[1]] = op[2]
    return out
`,
  ),
  py(
    'cd-regex-match',
    "hands the pattern to Python's re module",
    `
import re
def regex_match(text, pattern):
    if pattern.startswith("*") or "**" in pattern: return None
    return re.fullmatch(pattern, text) is not None
`,
  ),
  py(
    'cd-alien-dictionary',
    'misses the rule that a word cannot come before its own prefix',
    `
import heapq
def alien_order(words):
    letters = {c for w in words for c in w}
    after, wait = {c: set() for c in letters}, {c: 0 for c in letters}
    for a, b in zip(words, words[1:]):
        for x, y in zip(a, b):
            if x != y:
                if y not in after[x]: after[x].add(y); wait[y] += 1
                break
    ready = [c for c in letters if wait[c] == 0]; heapq.heapify(ready); out = []
    while ready:
        c = heapq.heappop(ready); out.append(c)
        for d in after[c]:
            wait[d] -= 1
            if wait[d] == 0: heapq.heappush(ready, d)
    return "".join(out) if len(out) == len(letters) else None
`,
  ),
  py(
    'cd-gpu-job-scheduler',
    'a waiting job still ends at its submission time plus its duration',
    `
import heapq
def assign_gpus(num_gpus, jobs):
    out, free, busy = [None] * len(jobs), list(range(num_gpus)), []
    for i in sorted(range(len(jobs)), key=lambda i: jobs[i][0]):
        start, duration = jobs[i]
        while busy and busy[0][0] <= start: heapq.heappush(free, heapq.heappop(busy)[1])
        gpu = heapq.heappop(free) if free else heapq.heappop(busy)[1]
        heapq.heappush(busy, (start + duration, gpu)); out[i] = gpu
    return out
`,
  ),
  js(
    'cd-first-bracket-error',
    'reports the last unclosed bracket instead of the earliest',
    `
function first_bracket_error(text) {
  const pairs = { ')': '(', ']': '[', '}': '{' };
  const stack = [];
  let i = 0;
  for (const c of text) {
    if ('([{'.includes(c)) stack.push([c, i]);
    else if (c in pairs) { if (!stack.length || stack[stack.length - 1][0] !== pairs[c]) return i; stack.pop(); }
    i++;
  }
  return stack.length ? stack[stack.length - 1][1] : -1;
}`,
  ),
  py(
    'cd-pair-for-budget',
    'stores every price first, then pairs an item with itself',
    `
def pair_for_budget(prices, budget):
    position = {p: i for i, p in enumerate(prices)}
    for j, p in enumerate(prices):
        i = position.get(budget - p)
        if i is not None:
            return sorted([i, j])
    return []
`,
  ),
  py(
    'cd-common-free-slots',
    'keeps the zero-length slot where two busy intervals touch',
    `
def common_free_slots(calendars, day_start, day_end, min_length):
    busy = sorted(i for c in calendars for i in c)
    out, cursor = [], day_start
    for s, e in busy:
        if cursor >= day_end: break
        if s >= cursor and min(s, day_end) - cursor >= 0:
            if min(s, day_end) - cursor >= min_length or s == cursor: out.append([cursor, min(s, day_end)])
        cursor = max(cursor, e)
    if cursor < day_end and day_end - cursor >= min_length: out.append([cursor, day_end])
    return out
`,
  ),
  py(
    'cd-outage-clusters',
    'recursive flood fill, one call deeper per rack',
    `
def outage_clusters(grid):
    w = len(grid[0]) if grid else 0
    if any(len(r) != w or set(r) - {"#", "."} for r in grid): return None
    seen = set()
    def fill(r, c):
        if not (0 <= r < len(grid) and 0 <= c < w) or grid[r][c] != "#" or (r, c) in seen: return 0
        seen.add((r, c))
        return 1 + fill(r + 1, c) + fill(r - 1, c) + fill(r, c + 1) + fill(r, c - 1)
    sizes = [fill(r, c) for r in range(len(grid)) for c in range(w) if grid[r][c] == "#" and (r, c) not in seen]
    return [len(sizes), max(sizes, default=0)]
`,
  ),
  js(
    'cd-top-products-by-buyers',
    'counts units bought instead of distinct buyers',
    `
function top_products(purchases, k) {
  const counts = new Map();
  for (const r of purchases) {
    if (!Array.isArray(r) || r.length !== 2 || !r.every((v) => typeof v === 'string' && v !== '')) continue;
    counts.set(r[1], (counts.get(r[1]) ?? 0) + 1);
  }
  const cmp = (a, b) => { const x = [...a], y = [...b]; for (let i = 0; i < x.length && i < y.length; i++) { const d = x[i].codePointAt(0) - y[i].codePointAt(0); if (d) return d; } return x.length - y.length; };
  return [...counts].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])).slice(0, k);
}`,
  ),
  js(
    'cd-lru-cache',
    'a get does not make the key recently used',
    `
function lru_cache(capacity, operations) {
  const cache = new Map();
  return operations.map(([kind, key, value]) => {
    if (kind === 'get') return cache.has(key) ? cache.get(key) : -1;
    if (capacity === 0) return null;
    if (cache.has(key)) cache.delete(key);
    else if (cache.size === capacity) cache.delete(cache.keys().next().value);
    cache.set(key, value);
    return null;
  });
}`,
  ),
  py(
    'cd-longest-improving-run',
    'bisect_right, so equal scores count as an improvement',
    `
from bisect import bisect_right
def longest_improving_run(scores):
    ends = []
    for s in scores:
        i = bisect_right(ends, s)
        if i == len(ends): ends.append(s)
        else: ends[i] = s
    return len(ends)
`,
  ),
  js(
    'cd-word-search-grid',
    'lets a word use the same bin twice',
    `
function find_words(board, words) {
  const found = new Set();
  const h = board.length, w = h ? board[0].length : 0;
  const spell = (word, i, r, c) => {
    if (r < 0 || r >= h || c < 0 || c >= w || board[r][c] !== word[i]) return false;
    if (i === word.length - 1) return true;
    return spell(word, i + 1, r + 1, c) || spell(word, i + 1, r - 1, c) || spell(word, i + 1, r, c + 1) || spell(word, i + 1, r, c - 1);
  };
  for (const word of words)
    for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) if (spell(word, 0, r, c)) found.add(word);
  return [...found];
}`,
  ),
];

/** "Did you mean" for misspelt keys: the closest candidate by edit distance, if it is close enough. */

/** One row of the edit-distance table, reused between calls (it only grows). */
let row = new Int32Array(64);

export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (row.length < b.length + 1) row = new Int32Array(b.length + 1);
  const previous = row;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ac = a.charCodeAt(i - 1);
    let diagonal = previous[0] as number;
    previous[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] as number;
      const left = (previous[j - 1] as number) + 1;
      const replace = diagonal + (ac === b.charCodeAt(j - 1) ? 0 : 1);
      const value = above + 1 < left ? (above + 1 < replace ? above + 1 : replace) : left < replace ? left : replace;
      previous[j] = value;
      diagonal = above;
      if (value < rowMin) rowMin = value;
    }
    // Every later row is at least this row's minimum: past the limit, the exact value does not matter.
    if (rowMin > limit) return rowMin;
  }
  return previous[b.length] as number;
}

/**
 * Character counts by UTF-16 code unit, the unit the edit distance works in (counting code points
 * would overstate the bound for astral characters): ASCII in a flat array (names are almost always
 * ASCII), the rest in a map. `codes` lists the distinct ASCII units, so a comparison walks only those.
 */
interface Counts {
  ascii: Int32Array;
  codes: number[];
  other: Map<number, number> | undefined;
}

function charCounts(text: string): Counts {
  const counts: Counts = { ascii: new Int32Array(128), codes: [], other: undefined };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      if (counts.ascii[code] === 0) counts.codes.push(code);
      counts.ascii[code] = (counts.ascii[code] as number) + 1;
    } else {
      counts.other ??= new Map();
      counts.other.set(code, (counts.other.get(code) ?? 0) + 1);
    }
  }
  return counts;
}

/** How many characters of `a` have no partner in `b` and vice versa (the larger): a lower bound of the edit distance. */
function bagDistance(a: Counts, aLength: number, b: Counts, bLength: number): number {
  let shared = 0;
  for (const code of b.codes) {
    const x = a.ascii[code] as number;
    const y = b.ascii[code] as number;
    shared += x < y ? x : y;
  }
  if (a.other && b.other) for (const [char, count] of b.other) shared += Math.min(count, a.other.get(char) ?? 0);
  return Math.max(aLength - shared, bLength - shared);
}

interface Prepared {
  lower: string[];
  counts: Counts[];
  /** No candidate farther than the largest allowance can be the answer. */
  ceiling: number;
  /** By needle length: the candidates whose length is within their own allowance of it. */
  byLength: Map<number, number[]>;
}
/** Candidate lists are usually module constants asked many times (one per unknown name): prepare them once. */
const preparedLists = new WeakMap<readonly string[], Prepared>();

const allowedDistance = (candidate: string) => Math.max(2, Math.floor(candidate.length / 3));

function prepare(candidates: readonly string[]): Prepared {
  let prepared = preparedLists.get(candidates);
  if (!prepared) {
    const lower = candidates.map((c) => c.toLowerCase());
    prepared = { lower, counts: lower.map(charCounts), ceiling: candidates.reduce((max, c) => Math.max(max, allowedDistance(c)), 0), byLength: new Map() };
    preparedLists.set(candidates, prepared);
  }
  return prepared;
}

/** Whether some candidate is within its own allowance of the needle (an exact test, by cheap bounds first). */
function anyWithinAllowance(needle: string, needleCounts: Counts, candidates: readonly string[], prepared: Prepared): boolean {
  let near = prepared.byLength.get(needle.length);
  if (!near) {
    near = [];
    for (let i = 0; i < candidates.length; i++) {
      if (Math.abs(needle.length - (prepared.lower[i] as string).length) <= allowedDistance(candidates[i] as string)) near.push(i);
    }
    prepared.byLength.set(needle.length, near);
  }
  for (const i of near) {
    const lower = prepared.lower[i] as string;
    const allowed = allowedDistance(candidates[i] as string);
    if (bagDistance(needleCounts, needle.length, prepared.counts[i] as Counts, lower.length) > allowed) continue;
    if (editDistance(needle, lower, allowed) <= allowed) return true;
  }
  return false;
}

/**
 * The first candidate at the smallest edit distance, if that distance is within what its length
 * allows. Most names asked about are not misspellings at all: when no candidate is within its own
 * allowance, the answer is none whatever the nearest is, and only candidates of a fitting length are
 * looked at to prove it. Otherwise candidates that cannot beat the best so far are ruled out by cheap
 * lower bounds (length and character counts) before any edit distance.
 */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.toLowerCase().replaceAll('-', '_');
  const needleCounts = charCounts(needle);
  const prepared = prepare(candidates);
  if (!anyWithinAllowance(needle, needleCounts, candidates, prepared)) return undefined;
  const { lower: lowers, counts: countsList, ceiling } = prepared;
  let bestIndex = -1;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let i = 0; i < candidates.length; i++) {
    const lower = lowers[i] as string;
    // Only a distance below the best so far (and within the ceiling) changes the answer.
    const limit = Math.min(ceiling, bestDistance - 1);
    if (Math.abs(needle.length - lower.length) > limit) continue;
    if (bagDistance(needleCounts, needle.length, countsList[i] as Counts, lower.length) > limit) continue;
    const distance = editDistance(needle, lower, limit);
    if (distance <= limit) {
      bestIndex = i;
      bestDistance = distance;
    }
  }
  if (bestIndex < 0) return undefined;
  const best = candidates[bestIndex] as string;
  return bestDistance <= allowedDistance(best) ? best : undefined;
}

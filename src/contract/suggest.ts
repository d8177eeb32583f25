/** "Did you mean" for misspelt keys: the closest candidate by edit distance, if it is close enough. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
      if ((previous[j] ?? 0) < rowMin) rowMin = previous[j] ?? 0;
    }
    // Every later row is at least this row's minimum: past the limit, the exact value does not matter.
    if (rowMin > limit) return rowMin;
  }
  return previous[b.length] ?? 0;
}

/** How many characters of `a` have no partner in `b` and vice versa (the larger): a lower bound of the edit distance. */
function bagDistance(a: Map<string, number>, aLength: number, b: Map<string, number>, bLength: number): number {
  let shared = 0;
  for (const [char, count] of a) shared += Math.min(count, b.get(char) ?? 0);
  return Math.max(aLength - shared, bLength - shared);
}

function charCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  return counts;
}

interface Prepared {
  lower: string;
  counts: Map<string, number>;
}
/** Candidate lists are usually module constants asked many times (one per unknown name): prepare them once. */
const preparedLists = new WeakMap<readonly string[], Prepared[]>();

function prepare(candidates: readonly string[]): Prepared[] {
  let prepared = preparedLists.get(candidates);
  if (!prepared) {
    prepared = candidates.map((c) => ({ lower: c.toLowerCase(), counts: charCounts(c.toLowerCase()) }));
    preparedLists.set(candidates, prepared);
  }
  return prepared;
}

const allowedDistance = (candidate: string) => Math.max(2, Math.floor(candidate.length / 3));

/**
 * The first candidate at the smallest edit distance, if that distance is within what its length
 * allows. Candidates that cannot beat the best so far, or cannot be close enough for any candidate,
 * are ruled out by cheap lower bounds (length and character counts) before any edit distance.
 */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.toLowerCase().replaceAll('-', '_');
  const needleCounts = charCounts(needle);
  const prepared = prepare(candidates);
  // No candidate farther than the largest allowance can be the answer.
  const ceiling = candidates.reduce((max, c) => Math.max(max, allowedDistance(c)), 0);
  let best: { candidate: string; distance: number } | undefined;
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i] as string;
    const { lower, counts } = prepared[i] as Prepared;
    // Only a distance below the best so far (and within the ceiling) changes the answer.
    const limit = Math.min(ceiling, (best?.distance ?? Number.POSITIVE_INFINITY) - 1);
    if (Math.abs(needle.length - lower.length) > limit) continue;
    if (bagDistance(needleCounts, needle.length, counts, lower.length) > limit) continue;
    const distance = editDistance(needle, lower, limit);
    if (distance <= limit) best = { candidate, distance };
  }
  if (!best) return undefined;
  return best.distance <= allowedDistance(best.candidate) ? best.candidate : undefined;
}

/**
 * closest() rules candidates out by lower bounds before computing edit distances (1,000 unknown env
 * names used to cost seconds); it must answer exactly as the plain search over every candidate.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../src/contract/suggest.js';
import { FIELD_KEYS } from '../../src/targets/keys.js';

function plainDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

function plainClosest(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.toLowerCase().replaceAll('-', '_');
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = plainDistance(needle, candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  if (!best) return undefined;
  return best.distance <= Math.max(2, Math.floor(best.candidate.length / 3)) ? best.candidate : undefined;
}

const word = fc.stringMatching(/^[A-Za-z_-]{0,14}$/);

describe('closest', () => {
  it('answers as the plain search over every candidate', () => {
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 12 }), (input, candidates) => {
        expect(closest(input, candidates)).toBe(plainClosest(input, candidates));
      }),
      { numRuns: 3000 },
    );
  });

  it('answers as the plain search for any characters, astral ones included', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'B', '_', '-', 'é', 'É', '😀', 'ß', 'İ'), maxLength: 10 });
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 8 }), (input, candidates) => {
        expect(closest(input, candidates)).toBe(plainClosest(input, candidates));
      }),
      { numRuns: 2000 },
    );
  });

  it('answers as the plain search for misspelt contract keys', () => {
    const misspelt = FIELD_KEYS.flatMap((k) => [k, `${k}s`, k.slice(1), k.replace('_', ''), k.toUpperCase(), `x${k.slice(0, -2)}`]);
    for (const input of [...misspelt, 'project', 'zzz', '']) expect(closest(input, FIELD_KEYS)).toBe(plainClosest(input, FIELD_KEYS));
  });

  it('a bounded distance is exact within the limit', () => {
    fc.assert(
      fc.property(word, word, fc.nat(16), (a, b, limit) => {
        const exact = plainDistance(a, b);
        const bounded = editDistance(a, b, limit);
        if (exact <= limit) expect(bounded).toBe(exact);
        else expect(bounded).toBeGreaterThan(limit);
      }),
    );
  });
});

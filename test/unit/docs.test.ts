import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contractReference } from '../../src/targets/contract.js';

describe('docs/contract.md', () => {
  it('is generated from the contract and up to date', () => {
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync('docs/contract.md', contractReference());
    expect(readFileSync('docs/contract.md', 'utf8')).toBe(contractReference());
  });
});

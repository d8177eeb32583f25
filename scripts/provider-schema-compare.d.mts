// Types of scripts/provider-schema-compare.mjs (imported by the tests).
export declare function compareWithReal(ours: unknown, real: unknown): { checks: number; disagreements: string[] };

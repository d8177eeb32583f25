// Types of scripts/build-time-modules.mjs (imported by vitest.config.ts).
export declare const SCHEMA_OPTIONS: Record<string, { formats: boolean }>;
export declare const SUFFIXES: readonly string[];
export declare function validatorModule(path: string): Promise<string>;
export declare function yamlModule(path: string, version: '1.1' | '1.2'): Promise<string>;
export declare function moduleFor(path: string, suffix: string): Promise<string>;
export declare function splitSuffix(id: string): { path: string; suffix: string } | undefined;
export declare const esbuildBuildTimeModules: { name: string; setup(build: unknown): void };

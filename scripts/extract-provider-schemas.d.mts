// Types of scripts/extract-provider-schemas.mjs (imported by the tests).
export declare const ROOT: string;
export declare const CACHE: string;
export declare const OUT_DIR: string;
export declare const PROVIDER_PACKAGES: Record<'aws' | 'google' | 'azurerm', { name: string; version: string; provider: string }>;
export declare const SOURCE_DIRS: readonly string[];
export declare function typesInSources(root?: string): Map<string, Set<string>>;
export declare function assemblyPath(provider: string): string;
export declare function readAssembly(provider: string): unknown;
export declare function schemaText(schema: unknown): string;
export declare function extractAll(root?: string): Map<string, string>;

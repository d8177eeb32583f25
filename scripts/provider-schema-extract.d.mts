// Types of scripts/provider-schema-extract.mjs (imported by the tests).
export declare function extractProviderSchema(assembly: unknown, options?: { wanted?: ReadonlySet<string> }): unknown;
export declare function declaredTypes(texts: Iterable<string>): Map<string, Set<string>>;

/** Types of renderer-build.mjs for the TypeScript callers (the e2e global setup). */
export function rendererSourceHash(root: string): string;
export function rendererIsStale(root: string, sourceHash?: string): boolean;
/** Builds when the sources differ from the last build's; throws when the build fails. */
export function ensureRendererBuilt(root: string): void;

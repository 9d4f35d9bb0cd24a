// Types of scripts/build-cjs.mjs for the TypeScript that imports it (the tests' global setup and its test).
/** Every TypeScript module of the CommonJS build, relative to root (the repository). */
export function commonJsSources(root?: string): string[];
/** A declaration file's relative specifiers pointed at the `.cjs` modules (see the script). */
export function toCommonJsDeclaration(text: string): string;
/** Writes dist/'s .cjs modules, their maps and .d.cts declarations after tsc's build; resolves to how many modules. */
export function buildCommonJs(root?: string): Promise<number>;

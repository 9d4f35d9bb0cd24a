// Types of scripts/prune-dist.mjs for the TypeScript that imports it (the tests' global setup and its test).
/** Deletes every file under <root>/dist whose source is gone (root: the repository); returns their paths relative to root. */
export function pruneDist(root?: string): string[];

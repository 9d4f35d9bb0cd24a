// Where the gateways put a finished video's URL. The same task may come back in several shapes
// (new-api fetch responses (new-api source)): Ark's `content.video_url`, new-api's `result_url` on its TaskDto and
// `metadata.url` on its OpenAI video object, OctopusX's top-level `video_url` and generic `url`,
// and the job object's `result.video_url` / `result.outputs[]`. The first one present wins.
type Path = readonly (string | number)[];

const PLACES: readonly Path[] = [
  ['video_url'],
  ['content', 'video_url'],
  ['result', 'video_url'],
  ['result', 'outputs', 0],
  ['metadata', 'url'],
  ['result_url'],
  ['url'],
  ['data', 'content', 'video_url'],
];

function at(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>)[key] : undefined), value);
}

/** The video URL in a task body, wherever this dialect family puts it; undefined when none is there yet. */
export function findVideoUrl(...bodies: unknown[]): string | undefined {
  for (const body of bodies) {
    for (const path of PLACES) {
      const found = at(body, path);
      if (typeof found === 'string' && found.length > 0) return found;
    }
  }
  return undefined;
}

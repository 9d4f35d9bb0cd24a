// content-metadata's asset library, one per simulator: groups and assets, an asset becoming
// Active once its processing time passes. Bounded by count and by the bytes its strings hold.
import type { components } from '../../generated/content-metadata.ts';

export interface SimAsset {
  id: string;
  taskId: string;
  groupId: string;
  name: string;
  url: string;
  type: components['schemas']['AssetType'];
  createdAt: number;
}

export class AssetLibrary {
  private readonly groups = new Set<string>();
  private readonly assets = new Map<string, { asset: SimAsset; bytes: number }>();
  private bytes = 0;

  constructor(
    private readonly maxAssets = 10_000,
    private readonly maxBytes = 16 * 1024 * 1024,
  ) {}

  addGroup(id: string): void {
    if (this.groups.size < this.maxAssets) this.groups.add(id);
  }

  /** Stores an asset by its task id, forgetting the oldest ones past the limits. */
  add(asset: SimAsset): void {
    const bytes = asset.name.length + asset.url.length + asset.groupId.length + 256;
    this.assets.set(asset.taskId, { asset, bytes });
    this.bytes += bytes;
    for (const [key, entry] of this.assets) {
      if (this.assets.size <= this.maxAssets && this.bytes <= this.maxBytes) break;
      this.assets.delete(key);
      this.bytes -= entry.bytes;
    }
  }

  get(taskId: string): SimAsset | undefined {
    return this.assets.get(taskId)?.asset;
  }
}

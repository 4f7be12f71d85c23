/**
 * What a founder's media item is (`media_assets.asset_category`). Plain data
 * without zod, so the CLI can offer the choices (`files add --category`)
 * without loading the bundle schemas (schema.ts re-exports it).
 */
export const assetCategories = ['logo', 'photo', 'team', 'product', 'document'] as const;
export type AssetCategory = (typeof assetCategories)[number];

-- =============================================================================
-- media_assets.width / height are the image as people see it: EXIF orientation
-- applied. Sections choose images by shape (a wide hero takes landscape photos,
-- a portrait frame portrait ones), and a phone photo stored sideways with
-- "rotate 90°" in its EXIF is portrait although its stored pixels are not.
-- `dreamseed files add` stores the upright size from now on; rows it added
-- before kept the stored size, and file_buckets.metadata has always recorded
-- the upright one (upright_width, upright_height): copy it over.
--
-- file_buckets.ai_description holds a description drafted from the image by a
-- vision model; it is a draft until the founder confirms it (then it becomes
-- media_assets.description, the alt text). Only that column is the alt text.
-- =============================================================================

update public.media_assets m
   set width  = (f.metadata ->> 'upright_width')::integer,
       height = (f.metadata ->> 'upright_height')::integer
  from public.file_buckets f
 where f.id = m.file_bucket_id
   and f.user_id = m.user_id
   and f.metadata ->> 'upright_width' ~ '^[1-9][0-9]*$'
   and f.metadata ->> 'upright_height' ~ '^[1-9][0-9]*$'
   and (m.width is distinct from (f.metadata ->> 'upright_width')::integer
     or m.height is distinct from (f.metadata ->> 'upright_height')::integer);

comment on column public.media_assets.width is
  'Width in pixels as displayed (EXIF orientation applied).';
comment on column public.media_assets.height is
  'Height in pixels as displayed (EXIF orientation applied).';
comment on column public.file_buckets.ai_description is
  'A description drafted from the image by a vision model: a draft, never alt text, until the founder confirms it (metadata.ai_description records model, time and confirmation).';

import { expect, it } from 'vitest';
import { assetRefsIn, withoutAssets } from '../../../generator/content/asset-refs.ts';

const content = {
  headline: 'Our work',
  image: { asset: 'a', alt: 'A wedding' },
  images: [
    { asset: 'b', alt: 'A dress' },
    { asset: 'c', alt: 'A cake' },
  ],
  cta: { label: 'Book', href: '/contact/' },
};

it('finds every image reference, wherever it sits', () => {
  expect(assetRefsIn(content)).toEqual(['a', 'b', 'c']);
  expect(assetRefsIn({ headline: 'x', items: [{ name: 'y' }] })).toEqual([]);
  expect(assetRefsIn(null)).toEqual([]);
});

it('removes the references to removed images: a field goes, a list item is dropped, the rest stays', () => {
  expect(withoutAssets(content, new Set(['a', 'c']))).toEqual({
    headline: 'Our work',
    images: [{ asset: 'b', alt: 'A dress' }],
    cta: { label: 'Book', href: '/contact/' },
  });
  expect(withoutAssets(content, new Set())).toEqual(content);
});

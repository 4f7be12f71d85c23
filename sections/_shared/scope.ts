/**
 * The scope a shared part renders in. Astro scopes a variant's <style> to the
 * elements the variant renders by giving each of them the variant's scope
 * class (`astro-…`; `scopedStyleStrategy: 'class'` in astro.config.mjs), and
 * adds that class to the `class` prop the variant passes to a component. A part
 * (`sections/_shared/*.astro`, no <style> of its own) reads it from there and
 * puts it on every element it renders, so the variant's styles reach them and
 * the part renders exactly the HTML of the same markup written in the variant.
 */
export function scopeOf(className: string | undefined): string {
  const scope = className?.split(/\s+/).find((name) => name.startsWith('astro-'));
  if (!scope) {
    throw new Error(
      `A shared section part got class "${className ?? ''}" without a scope class: use it from a variant that has a <style>.`,
    );
  }
  return scope;
}

/** `class` of an element a part renders: its own names, then the variant's scope (Astro's order). */
export function scoped(scope: string, ...names: string[]): string {
  return [...names, scope].join(' ');
}

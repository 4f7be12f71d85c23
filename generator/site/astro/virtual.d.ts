declare module 'virtual:dreamseed/spec' {
  const spec: import('../spec.ts').SiteSpec;
  export default spec;
}

declare module 'virtual:dreamseed/sections' {
  /** Every section component, keyed `type/variant` (spec-integration.ts). */
  const components: Record<string, (props: Record<string, unknown>) => unknown>;
  export default components;
}

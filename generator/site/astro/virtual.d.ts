declare module 'virtual:dreamseed/spec' {
  const spec: import('../spec.ts').SiteSpec;
  export default spec;
}

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../generator/config.ts';
import { DreamseedError } from '../../generator/errors.ts';

/** The environment is validated as one schema: a bad value names its variable. */
describe('loadConfig', () => {
  it('accepts DREAMSEED_RENDERER_BUNDLE on, off or blank, and refuses anything else by name', () => {
    for (const value of ['on', 'off', '', undefined])
      expect(() => loadConfig({ DREAMSEED_RENDERER_BUNDLE: value })).not.toThrow();
    let thrown: unknown;
    try {
      loadConfig({ DREAMSEED_RENDERER_BUNDLE: 'maybe' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DreamseedError);
    expect(String((thrown as Error).message)).toMatch(/DREAMSEED_RENDERER_BUNDLE/);
    expect((thrown as DreamseedError).code).toBe('INVALID_INPUT');
  });
});

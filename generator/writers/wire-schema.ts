import { z } from 'zod';

/**
 * The section's content schema as structured outputs accept it. Strict
 * structured outputs require every property, so an optional field becomes
 * `.nullable()` (the model answers null for "leave it out"); object-level
 * refinements are left to the real schema, which every answer is parsed with
 * after `fromWire` turns those nulls back into absent fields.
 */
type Def = {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  checks?: unknown[];
};

export function wireSchema(schema: z.ZodType): z.ZodType {
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  switch (def.type) {
    case 'optional':
      return wireSchema(def.innerType!).nullable();
    case 'nullable':
      return wireSchema(def.innerType!).nullable();
    case 'default':
    case 'prefault':
      return wireSchema(def.innerType!);
    case 'object': {
      const shape = (schema as z.ZodObject).shape as Record<string, z.ZodType>;
      return z.strictObject(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, wireSchema(v)])));
    }
    case 'array': {
      const array = schema as z.ZodArray;
      // Keep min/max item counts: clone with the wire element.
      return array.clone({ ...array._zod.def, element: wireSchema(def.element!) } as typeof array._zod.def);
    }
    default:
      return schema;
  }
}

/** An answer in wire form → content: nulls are absent fields; nothing else changes. */
export function fromWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromWire);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, fromWire(v)]),
    );
  }
  return value;
}

/** Content → wire form, with every property of the wire schema present (null when absent). */
export function toWire(schema: z.ZodType, value: unknown): unknown {
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  if (def.type === 'optional' || def.type === 'nullable')
    return value === undefined || value === null ? null : toWire(def.innerType!, value);
  if (def.type === 'default' || def.type === 'prefault') return toWire(def.innerType!, value);
  if (def.type === 'object' && value && typeof value === 'object') {
    const shape = (schema as z.ZodObject).shape as Record<string, z.ZodType>;
    return Object.fromEntries(
      Object.entries(shape).map(([k, v]) => [k, toWire(v, (value as Record<string, unknown>)[k])]),
    );
  }
  if (def.type === 'array' && Array.isArray(value)) return value.map((v) => toWire(def.element!, v));
  return value;
}

import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeFrame,
  frameReader,
  fromWireError,
  MAX_FRAME_BYTES,
  type Reply,
  toWireError,
} from '../../../generator/db/share-wire.ts';
import { errors, isDreamseedError } from '../../../generator/errors.ts';

const reply = (id: number, value: unknown): Reply => ({ id, ok: true, value });

describe('the frames of the shared-database socket', () => {
  it('reads back every frame, whatever the chunks the socket delivers them in', () => {
    const value = fc.oneof(
      fc.string(),
      fc.double(),
      fc.bigInt(),
      fc.date({ noInvalidDate: true }),
      fc.uint8Array(),
      fc.constant(null),
      fc.array(fc.oneof(fc.integer(), fc.string(), fc.constant(null))),
      fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string(), fc.boolean()), {
        noNullPrototype: true,
      }), // as JSON.parse makes them
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (values, cuts) => {
          const stream = Buffer.concat(values.map((v, i) => encodeFrame(reply(i, v))));
          const received: unknown[] = [];
          const read = frameReader((m) => received.push(m));
          const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
          let from = 0;
          for (const to of [...points, stream.length]) {
            read(stream.subarray(from, to));
            from = to;
          }
          expect(received).toStrictEqual(values.map((v, i) => reply(i, v)));
        },
      ),
    );
  });

  it('refuses a frame that claims more than the limit (not one of our clients)', () => {
    const read = frameReader(() => {});
    const header = Buffer.alloc(4);
    header.writeUInt32BE(MAX_FRAME_BYTES + 1, 0);
    expect(() => read(header)).toThrow(/exceeds the limit/);
  });

  it("carries PGlite's DatabaseError and our own errors across as the same classes with the same fields", async () => {
    const db = await PGlite.create();
    try {
      await db.exec('create table t (id int primary key)');
      await db.query('insert into t values (1)');
      const original = (await db.query('insert into t values ($1)', [1]).catch((e: unknown) => e)) as Error &
        Record<string, unknown>;
      const copy = fromWireError(toWireError(original)) as Error & Record<string, unknown>;
      expect(copy.constructor).toBe(original.constructor);
      for (const key of [
        'message',
        'code',
        'detail',
        'constraint',
        'table',
        'severity',
        'query',
        'params',
        'length',
      ])
        expect([key, copy[key]]).toEqual([key, original[key]]);
    } finally {
      await db.close();
    }
    const ours = fromWireError(toWireError(errors.dbTransactionIdle(60)));
    expect(isDreamseedError(ours) && ours.toJSON()).toEqual(errors.dbTransactionIdle(60).toJSON());
    const plain = fromWireError(toWireError(new TypeError('bad')));
    expect([plain.name, plain.message]).toEqual(['TypeError', 'bad']);
  });
});

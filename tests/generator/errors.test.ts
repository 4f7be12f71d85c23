import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue, type ErrorCode } from '../../generator/error-catalogue.ts';
import { DreamseedError, errors, isDreamseedError } from '../../generator/errors.ts';
import { repoRoot } from '../../generator/paths.ts';

const codes = Object.keys(catalogue) as ErrorCode[];

describe('DreamseedError', () => {
  it.each(codes)(
    '%s takes its kind and HTTP status from the catalogue, and exits 2 only for usage and input',
    (code) => {
      const error = new DreamseedError({ code, message: 'm' });
      expect(isDreamseedError(error)).toBe(true);
      expect(error.kind).toBe(catalogue[code].kind);
      expect(error.httpStatus).toBe(catalogue[code].http);
      expect(error.exitCode).toBe(error.kind === 'usage' || error.kind === 'input' ? 2 : 1);
    },
  );

  it('refuses a code that is not in the catalogue, at compile time and at run time', () => {
    // @ts-expect-error an unknown code does not compile
    expect(() => new DreamseedError({ code: 'NO_SUCH_CODE', message: 'm' })).toThrow(
      /Unknown error code NO_SUCH_CODE: add it to generator\/error-catalogue\.ts/,
    );
  });

  it('prints as JSON with code, kind, message, hint and data', () => {
    const error = errors.notFound('founder', 'nobody', 'Run `dreamseed demo list` to see founders.');
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: 'NOT_FOUND',
      kind: 'input',
      message: 'No founder "nobody".',
      hint: 'Run `dreamseed demo list` to see founders.',
      data: { id: 'nobody' },
    });
  });

  it('keeps the cause for DREAMSEED_DEBUG without printing it', () => {
    const cause = new Error('connection refused');
    const error = errors.dbUnreachable('postgres://u:***@db:5432/x', cause);
    expect(error.cause).toBe(cause);
    expect(error.message).toBe(
      'Cannot connect to PostgreSQL at postgres://u:***@db:5432/x: connection refused.',
    );
    expect(error.hint).toBe(catalogue.DB_UNREACHABLE.hint);
    expect(Object.keys(error.toJSON())).not.toContain('cause');
  });
});

describe('errors.buildChanged', () => {
  it('says what the run was doing when the build changed, and what to run again', () => {
    const publishing = errors.buildChanged('publishing', '/b/site');
    expect(publishing.message).toMatch(/^The build in \/b\/site changed while it was being published: /);
    expect(publishing.hint).toMatch(/^Publish again/);
    expect(errors.buildChanged('checking', 'bakery').message).toBe(
      'The build of bakery changed while it was being checked.',
    );
    const scoring = errors.buildChanged('scoring', '/b/site');
    expect(scoring.message).toMatch(/being scored; the measurements are discarded\.$/);
    expect(scoring.hint).toMatch(/^Score it again/);
    for (const e of [publishing, scoring]) expect(e).toMatchObject({ code: 'BUILD_CHANGED', kind: 'build' });
  });
});

describe('errors.storageFailed', () => {
  const request = { action: 'upload', bucket: 'media', path: 'u/a.png', target: 'supabase://media/u/a.png' };

  it('gives the advice for the status, a generic one for other 5xx and 4xx', () => {
    expect(errors.storageFailed(request, 413, 'too big', null).hint).toMatch(/file size limit/);
    expect(errors.storageFailed(request, 503, 'down', null).message).toMatch(/: Supabase Storage failed\.$/);
    expect(errors.storageFailed(request, 418, 'teapot', null).hint).toBe(
      'Check the Supabase project settings.',
    );
  });
});

it('errors are made only by the named constructors in generator/errors.ts', () => {
  const offenders: string[] = [];
  for (const root of ['generator', 'scripts', 'sections', 'templates', 'themes']) {
    for (const file of readdirSync(join(repoRoot, root), { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      const path = join(repoRoot, root, file);
      if (readFileSync(path, 'utf8').includes('new DreamseedError(') && !path.endsWith('generator/errors.ts'))
        offenders.push(relative(repoRoot, path));
    }
  }
  expect(offenders).toEqual([]);
});

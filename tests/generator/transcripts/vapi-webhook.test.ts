import { describe, expect, it } from 'vitest';
import { vapiSignature, verifyVapiRequest } from '../../../generator/transcripts/vapi-webhook.ts';

const SECRET = 'a-shared-secret-of-some-length';
const body = JSON.stringify({ message: { type: 'end-of-call-report' } });

describe('verifyVapiRequest', () => {
  it('accepts the secret in X-Vapi-Secret, as a Bearer token, or as an HMAC of the body', () => {
    expect(verifyVapiRequest({ 'X-Vapi-Secret': SECRET }, body, SECRET)).toEqual({
      accepted: true,
      by: 'x-vapi-secret',
    });
    expect(verifyVapiRequest({ authorization: `Bearer ${SECRET}` }, body, SECRET)).toEqual({
      accepted: true,
      by: 'bearer',
    });
    expect(
      verifyVapiRequest(new Headers({ 'x-vapi-signature': vapiSignature(body, SECRET) }), body, SECRET),
    ).toEqual({ accepted: true, by: 'hmac' });
    expect(
      verifyVapiRequest(
        { 'x-vapi-signature': `sha256=${vapiSignature(Buffer.from(body), SECRET).toUpperCase()}` },
        Buffer.from(body),
        SECRET,
      ).accepted,
    ).toBe(true);
  });

  it('refuses a request without the secret, with a wrong one, or with a signature of another body', () => {
    expect(verifyVapiRequest({}, body, SECRET)).toEqual({
      accepted: false,
      reason: 'the request carries no X-Vapi-Secret, Authorization or x-vapi-signature header',
    });
    expect(verifyVapiRequest({ 'x-vapi-secret': `${SECRET}x` }, body, SECRET).accepted).toBe(false);
    expect(verifyVapiRequest({ authorization: SECRET }, body, SECRET).accepted).toBe(false);
    expect(
      verifyVapiRequest({ 'x-vapi-signature': vapiSignature(`${body} `, SECRET) }, body, SECRET),
    ).toEqual({
      accepted: false,
      reason: 'the x-vapi-signature is not the HMAC-SHA256 of the body with the shared secret',
    });
  });

  it('refuses everything when no secret is configured', () => {
    expect(verifyVapiRequest({ 'x-vapi-secret': '' }, body, undefined)).toEqual({
      accepted: false,
      reason: 'no shared secret is configured (DREAMSEED_VAPI_SECRET)',
    });
    expect(verifyVapiRequest({ 'x-vapi-secret': '' }, body, '').accepted).toBe(false);
  });
});

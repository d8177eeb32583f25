import { describe, expect, it } from 'vitest';
import { amzDateOf, signV4 } from '../../../src/secrets/probes/sigv4.js';

describe('SigV4', () => {
  it('signs GetSecretValue exactly as botocore does (signature computed with botocore 1.43 for the same request)', () => {
    const headers = signV4({
      method: 'POST',
      url: new URL('https://secretsmanager.eu-west-1.amazonaws.com/'),
      region: 'eu-west-1',
      service: 'secretsmanager',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'secretsmanager.GetSecretValue' },
      body: '{"SecretId":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:auth-signing-AbCdEf"}',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'SESSIONTOKEN' },
      amzDate: '20261202T013530Z',
    });
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261202/eu-west-1/secretsmanager/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=b750ce5212602b705bdc68031d3e2cf9218ca8d0e22564eecbc34a4e4b3cc79c',
    );
    expect(headers['x-amz-security-token']).toBe('SESSIONTOKEN');
  });

  it('formats the request date as AWS wants it', () => {
    expect(amzDateOf(new Date('2015-08-30T12:36:00.123Z'))).toBe('20150830T123600Z');
  });
});

import { strict as assert } from 'node:assert';
import { accountIdFromKeyId, isAccessKeyId, maskKeyId, maskSecret } from '../../src/core/keys';
import { redactSecrets } from '../../src/core/redact';

describe('key ids', () => {
  it('decodes the account id encoded in newer key ids', () => {
    assert.equal(accountIdFromKeyId('ASIAY34FZKBOKMUTVV7A'), '609629065308');
  });

  it('returns no account id for older keys (fifth character I or J) and for non-ids', () => {
    assert.equal(accountIdFromKeyId('AKIAIOSFODNN7EXAMPLE'), undefined);
    assert.equal(accountIdFromKeyId('AKIAJ2345672345672XY'), undefined);
    assert.equal(accountIdFromKeyId('not a key'), undefined);
  });

  it('accepts only credential prefixes with 16 base32 characters', () => {
    assert.ok(isAccessKeyId('AKIAY34FZKBOKMUTVV7A'));
    assert.ok(!isAccessKeyId('AIDAY34FZKBOKMUTVV7A'), 'user ids are not keys');
    assert.ok(!isAccessKeyId('AKIAY34FZKBOKMUTVV70'), '0 is not base32');
    assert.ok(!isAccessKeyId('AKIAY34FZKBOKMUTVV7'), 'too short');
  });

  it('masks key ids keeping the prefix and last four characters', () => {
    assert.equal(maskKeyId('AKIAY34FZKBOKMUTWXYZ'), 'AKIA************WXYZ');
  });

  it('masks secrets without revealing their middle', () => {
    const secret = 'abcdEFGHijklMNOPqrstUVWXyz0123456789+/ab';
    const masked = maskSecret(secret);
    assert.ok(!masked.includes('EFGH'));
    assert.equal(masked.slice(0, 2), 'ab');
  });
});

describe('redactSecrets', () => {
  it('masks key ids and removes secret-shaped values from free text', () => {
    const text = 'failed for AKIAY34FZKBOKMUTWXYZ with secret abcdEFGHijklMNOPqrstUVWXyz0123456789+/ab.';
    const out = redactSecrets(text);
    assert.ok(out.includes('AKIA************WXYZ'));
    assert.ok(!out.includes('abcdEFGHijkl'));
    assert.ok(!out.includes('KBOKMUT'));
  });

  it('removes private key blocks and provider tokens', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----';
    assert.equal(redactSecrets(pem), '[private key redacted]');
    assert.ok(!redactSecrets('token ghp_' + 'a1B2'.repeat(9)).includes('a1B2a1B2'));
  });

  const secret = 'abcdEFGHijklMNOPqrstUVWXyz0123456789+/ab';
  const token = 'IQoJb3JpZ2luX2VjEJr' + 'x7Yq2LmP8vRt4YwZ'.repeat(8);
  for (const text of [
    `aws_secret_access_key=${secret}`,
    `AWS_SECRET_ACCESS_KEY="${secret}"`,
    `{"SecretAccessKey":"${secret}"}`,
    `aws_session_token=${token}`,
    `X-Amz-Security-Token=${token}&X-Amz-Date=20261129`,
    `password: hunter2hunter2`,
  ]) {
    it(`removes the value of a named secret: ${text.slice(0, 24)}…`, () => {
      const out = redactSecrets(text);
      for (const value of [secret, token, 'hunter2hunter2']) assert.ok(!out.includes(value), out);
    });
  }

  it('masks key ids glued to other characters, and keeps key ids after a name masked, not dropped', () => {
    assert.equal(redactSecrets('X_AKIAY34FZKBOKMUTWXYZ'), 'X_AKIA************WXYZ');
    assert.equal(redactSecrets('aws_access_key_id=AKIAY34FZKBOKMUTWXYZ'), 'aws_access_key_id=AKIA************WXYZ');
  });

  it('leaves ordinary text alone', () => {
    const text = 'Rotated profile prod in 2.3 s (user alice, account 123456789012).';
    assert.equal(redactSecrets(text), text);
  });
});

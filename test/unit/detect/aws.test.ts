import assert from 'node:assert/strict';
import { detectSecrets } from '../../../src/core/detect';
import { accountIdFromKeyId } from '../../../src/core/keys';
import { FakeRandom, fakeKeyId, fakeSecretAccessKey, fakeSessionToken, fakeSha1, fakeBase64 } from './fakes';
import { detectSpans, spanOf } from './helpers';

describe('detector: AWS access key ids', () => {
  const rng = new FakeRandom(11);

  for (const prefix of ['AKIA', 'ASIA', 'ABIA', 'ACCA']) {
    it(`finds ${prefix} key ids with the exact range`, () => {
      const id = fakeKeyId(rng, prefix);
      const text = `key = "${id}"`;
      assert.deepEqual(detectSpans(text), [spanOf(text, id, 'aws-access-key-id')]);
    });
  }

  for (const prefix of ['AIDA', 'AROA', 'AGPA', 'AIPA', 'ANPA', 'ANVA', 'APKA', 'ASCA']) {
    it(`ignores ${prefix} identifiers`, () => {
      assert.deepEqual(detectSpans(`"UserId": "${fakeKeyId(rng, prefix)}"`), []);
    });
  }

  it('decodes the account id and masks the key id', () => {
    const [f] = detectSecrets('id=AKIAQYLPMN5HHHFPZAM2');
    assert.equal(f.accountId, accountIdFromKeyId('AKIAQYLPMN5HHHFPZAM2'));
    assert.match(f.accountId ?? '', /^\d{12}$/);
    assert.equal(f.masked, 'AKIA************ZAM2');
  });

  it('gives no account id for old keys (fifth character I or J)', () => {
    const [f] = detectSecrets('id=AKIAJQABLZS4A3QDU576');
    assert.equal(f.ruleId, 'aws-access-key-id');
    assert.equal(f.accountId, undefined);
  });

  it('respects word boundaries and the base32 alphabet', () => {
    const id = fakeKeyId(rng);
    assert.deepEqual(detectSpans(`x${id}`), [], 'letter before');
    assert.deepEqual(detectSpans(`${id}9`), [], 'digit after');
    assert.deepEqual(detectSpans(`${id}A`), [], 'too long');
    assert.deepEqual(detectSpans(id.slice(0, 19)), [], 'too short');
    assert.deepEqual(detectSpans('AKIA1234567890ABCDEF'), [], 'digits outside base32');
    assert.deepEqual(detectSpans('akia' + id.slice(4)), [], 'lower case prefix');
  });

  it('finds key ids after escapes and inside URLs', () => {
    const id = fakeKeyId(rng);
    const json = `"creds": "[default]\\naws_access_key_id=${id}\\n"`;
    assert.deepEqual(detectSpans(json), [spanOf(json, id, 'aws-access-key-id')]);
    const url = `https://example.com/upload?AWSAccessKeyId=${id}&Expires=1`;
    assert.deepEqual(detectSpans(url), [spanOf(url, id, 'aws-access-key-id')]);
  });

  it('skips placeholders', () => {
    for (const p of ['AKIAXXXXXXXXXXXXXXXX', 'AKIAAAAAAAAAAAAAAAAA', 'AKIAABCDEFGHIJKLMNOP', 'AKIAYOURACCESSKEYIDX']) {
      assert.deepEqual(detectSpans(`aws_access_key_id = ${p}`), [], p);
    }
  });

  it('reports documentation examples as kind example, or not at all when asked', () => {
    for (const id of ['AKIAIOSFODNN7EXAMPLE', 'ASIAIOSFODNN7EXAMPLE', 'AKIAI44QH8DHBEXAMPLE']) {
      const text = `aws_access_key_id = ${id}`;
      const found = detectSecrets(text);
      assert.deepEqual(found.map((f) => [f.ruleId, f.kind]), [['aws-example-key', 'example']], id);
      assert.deepEqual(detectSecrets(text, { includeExamples: false }), []);
    }
  });
});

describe('detector: AWS secret access keys', () => {
  const rng = new FakeRandom(22);
  const names = [
    'aws_secret_access_key = %s',
    'AWS_SECRET_ACCESS_KEY=%s',
    'export AWS_SECRET_ACCESS_KEY="%s"',
    'AWS_SECRET_KEY: %s',
    'secret_key = "%s"',
    'aws-secret-access-key: \'%s\'',
    '"SecretAccessKey": "%s",',
    'const secretAccessKey = \'%s\';',
    'client = boto3.client("s3", aws_secret_access_key="%s")',
    '<add key="AWSSecretKey" value="%s" />',
    'aws.secretKey=%s',
    '$secret = "%s";',
    'AWS Secret Access Key [None]: %s',
    '# the secret key is %s',
    'ENV AWS_SECRET_ACCESS_KEY %s',
  ];
  for (const template of names) {
    it(`finds the secret in: ${template.replace('%s', '<secret>')}`, () => {
      const secret = fakeSecretAccessKey(rng);
      const text = template.replace('%s', secret);
      assert.deepEqual(detectSpans(text), [spanOf(text, secret, 'aws-secret-access-key')]);
    });
  }

  it('finds a value on the line after its name (YAML block)', () => {
    const secret = fakeSecretAccessKey(rng);
    const text = `aws_secret_access_key: >-\n  ${secret}\n`;
    assert.deepEqual(detectSpans(text), [spanOf(text, secret, 'aws-secret-access-key')]);
  });

  it('finds and pairs an unnamed secret next to its key id (CSV, code)', () => {
    const id = fakeKeyId(rng);
    const secret = fakeSecretAccessKey(rng);
    const csv = `Access key ID,Secret access key\n${id},${secret}\n`;
    const found = detectSecrets(csv);
    assert.deepEqual(found.map((f) => f.ruleId), ['aws-access-key-id', 'aws-secret-access-key']);
    assert.deepEqual(found[0].pairedWith?.range, found[1].range);
    assert.deepEqual(found[1].pairedWith?.range, found[0].range);
    assert.equal(found[1].confidence, 'high');
    const go = `creds := credentials.NewStaticCredentials("${id}", "${secret}", "")`;
    assert.deepEqual(detectSpans(go), [spanOf(go, id, 'aws-access-key-id'), spanOf(go, secret, 'aws-secret-access-key')]);
  });

  it('pairs several profiles one-to-one', () => {
    const a = [fakeKeyId(rng), fakeSecretAccessKey(rng)];
    const b = [fakeKeyId(rng, 'ASIA'), fakeSecretAccessKey(rng)];
    const text = `[a]\naws_access_key_id=${a[0]}\naws_secret_access_key=${a[1]}\n[b]\naws_access_key_id=${b[0]}\naws_secret_access_key=${b[1]}\n`;
    const found = detectSecrets(text);
    assert.equal(found.length, 4);
    assert.deepEqual(found[0].pairedWith?.range.line, 2);
    assert.deepEqual(found[2].pairedWith?.range.line, 5);
    assert.equal(found[2].confidence, 'high', 'a paired ASIA key is usable');
  });

  it('finds a URL-encoded secret in a URL next to its key id', () => {
    const id = fakeKeyId(rng);
    const secret = 'wJalrXUtnFEMIzK7MDENGzbPxRfiCYzEXAMPLEKE'.replace(/z/g, '/').replace('EXAMPLE', 'Q1x9Ab2');
    const encoded = secret.replace(/\//g, '%2F');
    const text = `s3://${id}:${encoded}@my-bucket/path`;
    assert.deepEqual(detectSpans(text), [spanOf(text, id, 'aws-access-key-id'), spanOf(text, encoded, 'aws-secret-access-key')]);
  });

  it('treats the documentation example secret as an example', () => {
    const text = 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    assert.deepEqual(detectSecrets(text).map((f) => f.kind), ['example']);
  });

  it('ignores hashes, paths, identifiers, placeholders and wrong lengths under secret names', () => {
    const negatives = [
      `secret_key = "${fakeSha1(rng)}"`,
      `secret_key = "${fakeSha1(rng).toUpperCase()}"`,
      'secret_key = "/home/ubuntu/Projects/MyApp/src/Config12"',
      'secret_key = "AbstractSingletonProxyFactoryBeanImplTwo"',
      'secret_key = "ThisIsNotARealSecretJustSomePlaceholders"',
      'aws_secret_access_key = XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
      'aws_secret_access_key = <your-secret-access-key>',
      'aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}',
      'aws_secret_access_key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}',
      'aws_secret_access_key = os.environ["AWS_SECRET_ACCESS_KEY"]',
      'aws_secret_access_key = process.env.AWS_SECRET_ACCESS_KEY',
      `aws_secret_access_key = ${fakeBase64(rng, 39)}`,
      `aws_secret_access_key = ${fakeBase64(rng, 41)}`,
      `aws_secret_access_key = ${fakeBase64(rng, 40)}==`,
      `secret_hash = "${fakeBase64(rng, 40)}"`,
      `secretName: "${fakeBase64(rng, 40)}"`,
    ];
    negatives.forEach((text, i) => assert.deepEqual(detectSpans(text), [], `negative #${i}`));
  });

  it('ignores a random 40-character value with no context', () => {
    assert.deepEqual(detectSpans(`nonce = "${fakeSecretAccessKey(rng)}"`), []);
    assert.deepEqual(detectSpans(`const x = "${fakeSecretAccessKey(rng)}";`), []);
  });

  it('ignores a JWT and its 40-character segments under a secret name', () => {
    const jwt = `eyJhbGciOiJIUzI1NiJ9.${fakeBase64(rng, 40).replace(/[+/]/g, 'x')}.${fakeBase64(rng, 40).replace(/[+/]/g, 'y')}`;
    assert.deepEqual(detectSpans(`jwt_secret = "${jwt}"`), []);
  });

  it('does not pair a key id with a second, unnamed 40-character value', () => {
    const id = fakeKeyId(rng);
    const secret = fakeSecretAccessKey(rng);
    const text = `aws_access_key_id=${id}\naws_secret_access_key=${secret}\nrequest_nonce=${fakeSecretAccessKey(rng)}\n`;
    assert.deepEqual(detectSpans(text), [spanOf(text, id, 'aws-access-key-id'), spanOf(text, secret, 'aws-secret-access-key')]);
  });
});

describe('detector: AWS session tokens', () => {
  const rng = new FakeRandom(33);

  it('finds tokens by their fixed prefixes, with padding', () => {
    for (const prefix of ['IQoJb3JpZ2luX2Vj', 'FwoGZXIvYXdz', 'FQoGZXIvYXdz']) {
      const token = prefix + fakeBase64(rng, 300) + '==';
      const text = `aws_session_token = ${token}\n`;
      assert.deepEqual(detectSpans(text), [spanOf(text, token, 'aws-session-token')], prefix);
    }
  });

  it('finds a named token without a known prefix, and URL-encoded tokens', () => {
    const token = 'AgoJ' + fakeBase64(rng, 296);
    const text = `"SessionToken": "${token}"`;
    assert.deepEqual(detectSpans(text), [spanOf(text, token, 'aws-session-token')]);
    const encoded = fakeSessionToken(rng).replace(/\//g, '%2F').replace(/\+/g, '%2B');
    const url = `https://b.s3.amazonaws.com/k?X-Amz-Security-Token=${encoded}&X-Amz-Signature=abc`;
    assert.deepEqual(detectSpans(url), [spanOf(url, encoded, 'aws-session-token')]);
  });

  it('finds a named token starting anywhere in the 120 characters after its name', () => {
    for (const gap of [1, 2, 19, 20, 21, 99, 100, 101, 118, 119]) {
      const token = 'AgoJ' + fakeBase64(rng, 196);
      const text = `SessionToken${' '.repeat(gap)}${token}`;
      assert.deepEqual(detectSpans(text), [spanOf(text, token, 'aws-session-token')], `gap ${gap}`);
      // Shorter than a token, at the edge of the window: nothing.
      assert.deepEqual(detectSpans(`SessionToken${' '.repeat(gap)}${token.slice(0, 99)}`), [], `short, gap ${gap}`);
    }
    const tooFar = 'AgoJ' + fakeBase64(rng, 196);
    assert.deepEqual(detectSpans(`SessionToken${' '.repeat(120)}${tooFar}`), []);
  });

  it('ignores short or placeholder tokens and examples', () => {
    assert.deepEqual(detectSpans('aws_session_token = IQoJb3JpZ2luX2Vj<rest of token>'), []);
    assert.deepEqual(detectSpans(`aws_session_token = ${'A'.repeat(400)}`), []);
    const example = 'IQoJb3JpZ2luX2Vj' + fakeBase64(rng, 200) + 'EXAMPLETOKEN';
    assert.deepEqual(detectSecrets(`token: ${example}`).map((f) => f.kind), ['example']);
  });
});

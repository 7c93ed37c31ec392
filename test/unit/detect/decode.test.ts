import assert from 'node:assert/strict';
import { detectSecrets } from '../../../src/core/detect';
import { maskSecret } from '../../../src/core/keys';
import { derivedTexts } from '../../../src/core/detect/decode';
import * as fake from './fakes';

const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');

/** `rule@line:col-endLine:endCol` of every finding, plus its masked text. */
function found(text: string): Array<{ at: string; masked: string }> {
  return detectSecrets(text).map((f) => ({
    at: `${f.ruleId}@${f.range.line}:${f.range.startColumn}-${f.range.endLine}:${f.range.endColumn}`,
    masked: f.masked,
  }));
}

function spanOf(text: string, part: string): string {
  const start = text.indexOf(part);
  assert.ok(start >= 0, `${part} is in the text`);
  const before = text.slice(0, start).split('\n');
  const lines = part.split('\n');
  const endLine = before.length - 1 + lines.length - 1;
  const endCol = lines.length === 1 ? before[before.length - 1].length + part.length : lines[lines.length - 1].length;
  return `${before.length - 1}:${before[before.length - 1].length}-${endLine}:${endCol}`;
}

describe('detector: decoded values (base64, escapes, split literals)', () => {
  const rng = new fake.FakeRandom(2024);
  const keyId = fake.fakeKeyId(rng);
  const secret = fake.fakeSecretAccessKey(rng);
  const github = fake.fakeGithubToken(rng);
  const noLeak = (text: string): void => {
    for (const f of found(text)) for (const v of [keyId, secret, github]) assert.ok(!f.masked.includes(v));
  };

  describe('base64', () => {
    it('a Kubernetes Secret: each data value is reported on its encoded span, saying what it decodes to', () => {
      const idB64 = b64(keyId);
      const secretB64 = b64(secret);
      const text = `apiVersion: v1\nkind: Secret\ntype: Opaque\ndata:\n  AWS_ACCESS_KEY_ID: ${idB64}\n  AWS_SECRET_ACCESS_KEY: ${secretB64}\n`;
      const f = found(text);
      assert.deepEqual(
        f.map((x) => x.at),
        [`aws-access-key-id@${spanOf(text, idB64)}`, `aws-secret-access-key@${spanOf(text, secretB64)}`],
      );
      assert.equal(f[0].masked, `base64 of AWS access key ID: AKIA************${keyId.slice(-4)}`);
      assert.match(f[1].masked, /^base64 of AWS secret access key: \S{2}\*{36}\S{2}$/);
      noLeak(text);
    });

    it('.dockerconfigjson and a blob holding a credentials file', () => {
      const docker = b64(JSON.stringify({ auths: { 'ghcr.io': { username: 'ci', password: github } } }));
      const text1 = `data:\n  .dockerconfigjson: ${docker}\n`;
      assert.deepEqual(found(text1).map((x) => x.at), [`github-classic-token@${spanOf(text1, docker)}`]);
      const blob = b64(`[default]\naws_access_key_id = ${keyId}\naws_secret_access_key = ${secret}\n`);
      const text2 = `script:\n  - echo "${blob}" | base64 -d > ~/.aws/credentials\n`;
      const f2 = found(text2);
      assert.equal(f2.length, 1);
      assert.match(f2[0].at, new RegExp(`@${spanOf(text2, blob)}$`));
      const env = b64(`export AWS_SECRET_ACCESS_KEY=${secret}\n`);
      assert.equal(found(`HELM_VALUE=${env}\n`).length, 1);
    });

    it('hard negatives: base64 of images, fonts, certificates, public keys, random bytes and plain text stay quiet', () => {
      const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(fake.fakeBase64(rng, 300), 'base64')]);
      const woff = Buffer.concat([Buffer.from('wOF2'), Buffer.from(fake.fakeBase64(rng, 300), 'base64')]);
      const cert = `-----BEGIN CERTIFICATE-----\n${fake.fakeBase64(rng, 64)}\n${fake.fakeBase64(rng, 64)}\n-----END CERTIFICATE-----\n`;
      const pub = `ssh-ed25519 ${fake.fakeBase64(rng, 68)} user@host\n`;
      const text = [
        `logo: data:image/png;base64,${b64(png)}`,
        `font: url(data:font/woff2;base64,${b64(woff)})`,
        `ca.crt: ${b64(cert)}`,
        `id.pub: ${b64(pub)}`,
        `random: ${fake.fakeBase64(rng, 88)}`,
        `readme: ${b64('This service reads its settings from the environment at startup.')}`,
        `doc: ${b64('aws_access_key_id = AKIAIOSFODNN7EXAMPLE')}`,
        `iam: ${b64('AIDAJQABLZS4A3QDU576Q AROAJQABLZS4A3QDU576Q')}`,
      ].join('\n');
      assert.deepEqual(found(text).filter((f) => !f.at.startsWith('aws-example-key')), []);
    });

    it('decodes one level only, and skips runs too long to be a credential', () => {
      const twice = b64(b64(`aws_secret_access_key = ${secret}`));
      assert.deepEqual(found(`v: ${twice}`), []);
      const huge = b64(`aws_secret_access_key = ${secret}\n` + 'x'.repeat(20_000));
      assert.deepEqual(found(`v: ${huge}`), []);
    });
  });

  describe('escapes', () => {
    const withSlash = secret.slice(0, 10) + '/' + secret.slice(11);
    it('JSON \\/ and \\u002F escapes, doubled escapes of JSON inside JSON, HTML entities', () => {
      const cases = [
        `{"aws_secret_access_key": "${withSlash.replace('/', '\\/')}"}`,
        `{"aws_secret_access_key": "${withSlash.replace('/', '\\u002F')}"}`,
        `{"config": "{\\"aws_secret_access_key\\":\\"${withSlash.replace('/', '\\\\/')}\\"}"}`,
        `<property name="aws.secretKey" value="${withSlash.replace('/', '&#x2F;')}"/>`,
        `<add key="AwsSecretAccessKey" value="${withSlash.replace('/', '&#47;')}" />`,
      ];
      for (const text of cases) {
        const f = found(text);
        assert.equal(f.length, 1, text);
        assert.match(f[0].at, /^aws-secret-access-key@0:/, text);
        assert.match(f[0].masked, /^escaped AWS secret access key: /);
      }
      // The span covers the escaped value in the source.
      const text = cases[1];
      const value = withSlash.replace('/', '\\u002F');
      assert.equal(found(text)[0].at, `aws-secret-access-key@${spanOf(text, value)}`);
    });

    it('hard negatives: escaped URLs, paths and hashes stay quiet; unescaped values are reported once, as before', () => {
      const text = [
        `{"url": "https:\\/\\/example.com\\/a\\/b\\/c", "path": "C:\\\\Users\\\\dev\\\\project"}`,
        `<a href="/docs?x=1&amp;y=2&amp;sha=${fake.fakeSha1(rng)}">docs</a>`,
        `{"integrity": "sha512-${fake.fakeBase64(rng, 40)}\\/${fake.fakeBase64(rng, 44)}"}`,
      ].join('\n');
      assert.deepEqual(found(text), []);
      const plain = `{"aws_secret_access_key": "${secret}", "note": "a\\/b"}`;
      assert.equal(found(plain).length, 1);
      assert.doesNotMatch(found(plain)[0].masked, /escaped/);
    });
  });

  describe('split literals', () => {
    const cases: Array<[string, string]> = [
      ['JS + concatenation', `const key = "${keyId.slice(0, 8)}" + "${keyId.slice(8)}";`],
      ['+ across lines', `key = "${keyId.slice(0, 6)}" +\n      "${keyId.slice(6, 14)}" +\n      "${keyId.slice(14)}"`],
      ['Python adjacent literals', `KEY = ("${keyId.slice(0, 10)}"\n       "${keyId.slice(10)}")`],
      ['C adjacent literals', `const char *k = "${keyId.slice(0, 10)}" "${keyId.slice(10)}";`],
      ['"".join([...])', `k = "".join(["${keyId.slice(0, 4)}", "${keyId.slice(4, 12)}", "${keyId.slice(12)}"])`],
      ["[...].join('')", `const k = ['${keyId.slice(0, 7)}', '${keyId.slice(7)}'].join('');`],
      ['template literal with empty interpolations', 'const k = `' + keyId.slice(0, 4) + "${''}" + keyId.slice(4, 9) + '${""}' + keyId.slice(9) + '`;'],
      ['String.fromCharCode', `const k = String.fromCharCode(${[...keyId].map((c) => c.charCodeAt(0)).join(', ')});`],
      ['bytes([...])', `k = bytes([${[...keyId].map((c) => c.charCodeAt(0)).join(',')}]).decode()`],
      ['a secret split under its name', `aws_secret_access_key = "${secret.slice(0, 20)}" + "${secret.slice(20)}"`],
    ];
    for (const [label, text] of cases) {
      it(`${label}: the whole expression is the finding`, () => {
        const f = found(text);
        assert.equal(f.length, 1, `${label}: ${JSON.stringify(f)}`);
        assert.match(f[0].masked, /^split literals of AWS /);
        noLeak(text);
      });
    }

    it('a literal left open on one line neither joins across it nor hides the split on the next line', () => {
      const text = [`a = "${keyId.slice(0, 8)}`, `b = "${keyId.slice(0, 10)}" + "${keyId.slice(10)}";`, `c = 'it's "${keyId.slice(0, 3)}`].join('\n');
      assert.deepEqual(found(text).map((f) => f.at), [`aws-access-key-id@1:5-1:${5 + keyId.length + 5}`]);
    });

    it('the span runs from the first piece to the last', () => {
      const text = `key = "${keyId.slice(0, 6)}" +\n  "${keyId.slice(6)}";`;
      assert.deepEqual(found(text).map((f) => f.at), [`aws-access-key-id@0:7-1:${3 + keyId.length - 6}`]);
    });

    it('hard negatives: concatenated words, identifiers, hashes, IAM ids and documentation examples stay quiet', () => {
      const text = [
        `const msg = "Hello, " + name + "! Your order " + "has shipped.";`,
        `const cls = ["btn", "btn-primary", "btn-lg", "active"].join(" ");`,
        `url = "https://api.example.com/" + "v2/" + "orders"`,
        `h = "${fake.fakeSha1(rng).slice(0, 20)}" + "${fake.fakeSha1(rng).slice(0, 20)}"`,
        `user = "AIDA" + "JQABLZS4A3QDU576Q"`,
        `doc = "AKIAIOSF" + "ODNN7EXAMPLE"`,
        `codes = [200, 201, 204, 301, 302, 304, 400, 401, 403, 404, 409, 410, 500, 502, 503, 504]`,
        'const t = `${prefix}AKIA${suffix}`;',
      ].join('\n');
      assert.deepEqual(
        found(text).filter((f) => !f.at.startsWith('aws-example-key')),
        [],
      );
    });
  });

  describe('the name one level up', () => {
    it('an HCL variable default and a CloudFormation parameter Default under a secret-named block', () => {
      const hcl = `variable "aws_secret_access_key" {\n  type      = string\n  sensitive = true\n  default   = "${secret}"\n}\n`;
      assert.deepEqual(found(hcl).map((f) => f.at), [`aws-secret-access-key@${spanOf(hcl, secret)}`]);
      const cfn = `Parameters:\n  AwsSecretAccessKey:\n    Type: String\n    NoEcho: true\n    Default: ${secret}\n`;
      assert.deepEqual(found(cfn).map((f) => f.at), [`aws-secret-access-key@${spanOf(cfn, secret)}`]);
      const json = `{"Parameters": {\n  "SecretAccessKey": {\n    "Type": "String",\n    "Default": "${secret}"\n  }\n}}`;
      assert.deepEqual(found(json).map((f) => f.at), [`aws-secret-access-key@${spanOf(json, secret)}`]);
    });

    it('XML <property name=… value=…/> and <entry key=…>…</entry> under secret names; other names stay quiet', () => {
      const prop = `<property name="s3.secretKey" value="${secret}"/>`;
      assert.deepEqual(found(prop).map((f) => f.at), [`aws-secret-access-key@${spanOf(prop, secret)}`]);
      const entry = `<entry key="aws.secretKey">${secret}</entry>`;
      assert.deepEqual(found(entry).map((f) => f.at), [`aws-secret-access-key@${spanOf(entry, secret)}`]);
      assert.deepEqual(found(`<entry key="cache.key">${fake.fakeSecretAccessKey(rng)}</entry>`), []);
    });

    it('XML with the name and the value on separate lines: Hadoop <property>, <entry>, split attributes, plist', () => {
      const token = fake.fakeSessionToken(rng);
      const cases = [
        `<property>\n  <name>fs.s3a.secret.key</name>\n  <value>${secret}</value>\n</property>`,
        `<property>\n  <name>fs.s3a.bucket.logs.secret.key</name>\n  <description>logs</description>\n  <!-- rotated -->\n  <value>\n    ${secret}\n  </value>\n</property>`,
        `<property>\n  <name>fs.s3a.secret.key</name>\n  <value><![CDATA[${secret}]]></value>\n</property>`,
        `<entry>\n <key>aws.secretKey</key>\n <value>${secret}</value>\n</entry>`,
        `<entry key="aws.secret.key">\n  <value>${secret}</value>\n</entry>`,
        `<constructor-arg name="aws.secretKey"\n    type="java.lang.String"\n    value="${secret}"/>`,
        `<dict>\n\t<key>AWSSecretAccessKey</key>\n\t<string>${secret}</string>\n</dict>`,
      ];
      for (const xml of cases) assert.deepEqual(found(xml).map((f) => f.at), [`aws-secret-access-key@${spanOf(xml, secret)}`], xml);
      const tokenXml = `<property>\n  <name>fs.s3a.session.token</name>\n  <value>${token.slice(16)}</value>\n</property>`;
      assert.deepEqual(found(tokenXml).map((f) => f.at), [`aws-session-token@${spanOf(tokenXml, token.slice(16))}`]);
      // An entity in the value (`&#x2F;` for `/`) is undone; the finding covers the escaped span.
      const withSlash = secret.slice(0, 12) + '/' + secret.slice(13);
      const escaped = withSlash.replace('/', '&#x2F;');
      const entity = `<property name="aws.secretKey"\n    value="${escaped}"/>`;
      assert.deepEqual(found(entity), [{ at: `aws-secret-access-key@${spanOf(entity, escaped)}`, masked: `escaped AWS secret access key: ${maskSecret(withSlash)}` }]);
      noLeak(cases.join('\n'));
    });

    it('XML: a secret under its <name> pairs with the access key id of the property above; an ordinary name does not', () => {
      const xml = `<property>\n  <name>fs.s3a.access.key</name>\n  <value>${keyId}</value>\n</property>\n<property>\n  <name>fs.s3a.secret.key</name>\n  <value>${secret}</value>\n</property>`;
      const [id, sk] = detectSecrets(xml);
      assert.equal(id.ruleId, 'aws-access-key-id');
      assert.equal(sk.ruleId, 'aws-secret-access-key');
      assert.deepEqual(sk.pairedWith?.range, id.range);
      const other = `<property>\n  <name>fs.s3a.access.key</name>\n  <value>${keyId}</value>\n</property>\n<property>\n  <name>yarn.cluster.id</name>\n  <value>${fake.fakeSecretAccessKey(rng)}</value>\n</property>`;
      assert.deepEqual(detectSecrets(other).map((f) => f.ruleId), ['aws-access-key-id']);
    });

    it('XML hard negatives: ordinary names, placeholders, hashes, IAM ids, values under other elements', () => {
      const random = (): string => fake.fakeSecretAccessKey(rng);
      const text = [
        `<property>\n  <name>yarn.resourcemanager.cluster-id</name>\n  <value>${random()}</value>\n</property>`,
        `<property>\n  <name>fs.s3a.secret.key</name>\n  <value>\${env.AWS_SECRET_ACCESS_KEY}</value>\n</property>`,
        `<property>\n  <name>fs.s3a.secret.key</name>\n  <value>${fake.fakeSha1(rng)}</value>\n</property>`,
        `<property>\n  <name>fs.s3a.secret.key</name>\n  <value>${fake.fakeKeyId(rng, 'AIDA')}</value>\n</property>`,
        `<property>\n  <name>fs.s3a.secret.key</name>\n  <source>${random()}</source>\n</property>`,
        `<property>\n  <name>fs.s3a.secret.key</name>\n</property>\n<property>\n  <name>fs.s3a.endpoint.id</name>\n  <value>${random()}</value>\n</property>`,
        `<dict>\n\t<key>AWSSecretAccessKey</key>\n\t<key>InstallationId</key>\n\t<string>${random()}</string>\n</dict>`,
        `<entry key="aws.secretKey">\n  ${fake.fakeKeyId(rng, 'AROA')}\n</entry>`,
        `<property name="secretKeyHash"\n    value="${random()}"/>`,
        `<property name="cacheKey"\n    value="${random()}"/>`,
      ];
      for (const xml of text) assert.deepEqual(found(xml), [], xml);
    });

    it('XML pairs stay bounded on hostile input', () => {
      const text = [
        '<key>secret</key>'.repeat(50_000),
        '<name>secret</name><value>'.repeat(50_000),
        `<name>aws.secret</name><value>${'x'.repeat(300_000)}`,
        ' key="secret" '.repeat(50_000),
        `<p name="secret"${' a="b"\n'.repeat(50_000)}`,
        '<name>secret</name><value><![CDATA['.repeat(50_000),
        '<name>secret</name><!--'.repeat(50_000),
        '<name>secret</name><a>'.repeat(50_000),
      ].join('\n');
      const start = process.hrtime.bigint();
      assert.deepEqual(found(text), []);
      assert.ok(Number(process.hrtime.bigint() - start) / 1e6 < 10_000, 'no hang');
    });

    it('hard negatives: defaults under ordinary names stay quiet', () => {
      const text = [
        `variable "region" {\n  default = "${fake.fakeBase64(rng, 40)}"\n}`,
        `Parameters:\n  BucketName:\n    Type: String\n    Default: ${fake.fakeBase64(rng, 40)}`,
        `variable "secret_name" {\n  default = "prod/app/${fake.fakeBase64(rng, 20)}"\n}`,
        `variable "aws_secret_access_key" {\n  default = ""\n}`,
      ].join('\n');
      assert.deepEqual(found(text), []);
    });
  });

  it('derived texts map back into the source and stay bounded on hostile input', () => {
    // The long quote-ridden line once made every quote search the rest of its line (quadratic).
    const text = `a = "${'x\\/'.repeat(50_000)}"\n${'"a" + '.repeat(50_000)}\n${'65, '.repeat(50_000)}\n${b64('k'.repeat(100_000))}\n${'"ab, '.repeat(250_000)}`;
    for (const d of derivedTexts(text)) {
      assert.ok(d.srcStart.length > 0 && d.srcStart.length <= d.text.length - d.from && d.srcEnd.length === d.srcStart.length);
      for (const i of [0, d.srcStart.length - 1]) assert.ok(d.srcStart[i] >= 0 && d.srcEnd[i] <= text.length && d.srcStart[i] < d.srcEnd[i]);
    }
    const start = process.hrtime.bigint();
    detectSecrets(text);
    assert.ok(Number(process.hrtime.bigint() - start) / 1e6 < 10_000, 'no hang');
  });
});

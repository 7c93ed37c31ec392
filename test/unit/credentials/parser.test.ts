import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import {
  configFilePath,
  credentialsFilePath,
  getProperty,
  mergeProfiles,
  parseCredentialsText,
  type AmbiguityCode,
  type CredentialsDocument,
  type CredentialsFileKind,
} from '../../../src/core/credentials';
import { OLD_ID, OLD_SECRET } from './helpers';

const parse = (text: string, kind: CredentialsFileKind = 'credentials') => parseCredentialsText(text, { path: `/tmp/${kind}`, kind });
const codes = (doc: CredentialsDocument) => doc.ambiguities.map((a) => `${a.line}:${a.code}`);

describe('credentials parser: lines', () => {
  it('keeps every character: lines with their endings rebuild the text exactly', () => {
    const text = `\uFEFF# c\r\n[a]\nk = v\r\r\n\n  x=y\rz\nlast`;
    const doc = parse(text);
    assert.equal(doc.lines.map((l) => text.slice(l.start, l.end) + l.eol).join(''), text);
    assert.deepEqual(doc.lines.map((l) => l.eol), ['\r\n', '\n', '\r\n', '\n', '\n', '']);
    assert.ok(doc.hasBom);
  });

  it('classifies lines and gives the exact offsets of key and value', () => {
    const text = `# c\n[default]\n  Key\t=  value # note\n\n; x\ngarbage\n   more\n`;
    const doc = parse(text);
    assert.deepEqual(doc.lines.map((l) => l.kind), ['comment', 'section', 'property', 'blank', 'comment', 'unparseable', 'continuation']);
    const p = doc.lines[2].property!;
    assert.equal(text.slice(p.keyStart, p.keyEnd), 'Key');
    assert.equal(text.slice(p.valueStart, p.valueEnd), 'value');
    assert.equal(text[p.equalsAt], '=');
    assert.equal(doc.lines[2].indent, '  ');
  });

  it('strips an inline comment only after whitespace, as the SDK does', () => {
    const doc = parse('[a]\nk1 = v#1\nk2 = v #2\nk3 = v;3\nk4 = v\t;4\n');
    assert.deepEqual(doc.profiles[0].properties, { k1: 'v#1', k2: 'v', k3: 'v;3', k4: 'v' });
  });

  it('reads nested settings as parent.key, like the SDK', () => {
    const doc = parse('[a]\ns3 =\n  max_concurrent_requests = 20\nregion = x\n  indented = y\n');
    assert.deepEqual(doc.profiles[0].properties, { 's3.max_concurrent_requests': '20', region: 'x', indented: 'y' });
  });
});

describe('credentials parser: profiles', () => {
  it('models kinds, spans, session tokens and case-insensitive lookup', () => {
    const doc = parse(
      [
        '[static]',
        `AWS_ACCESS_KEY_ID = ${OLD_ID}`,
        `aws_secret_access_key = ${OLD_SECRET}`,
        'aws_session_token = tok',
        '[role]',
        'role_arn = arn:aws:iam::123456789012:role/r',
        'source_profile = static',
        '[sso]',
        'sso_session = corp',
        '[proc]',
        'credential_process = /bin/true',
        '[plain]',
        'region = eu-west-1',
      ].join('\n'),
    );
    assert.deepEqual(doc.profiles.map((p) => [p.name, p.kind, p.firstLine, p.lastLine]), [
      ['static', 'static', 1, 4],
      ['role', 'role', 5, 7],
      ['sso', 'sso', 8, 9],
      ['proc', 'process', 10, 11],
      ['plain', 'other', 12, 13],
    ]);
    assert.equal(doc.profiles[0].hasSessionToken, true);
    assert.equal(getProperty(doc.profiles[0].properties, 'aws_access_key_id'), OLD_ID);
    assert.equal(doc.profiles[0].properties.aws_access_key_id, undefined, 'the SDK-resolved map keeps the case');
  });

  it('types config sections: [default], [profile x], [sso-session x], [services x], ignored', () => {
    const doc = parse('[default]\na = 1\n[profile work]\nb = 2\n[sso-session corp]\nsso_region = x\n[services s]\ns3 =\n  endpoint_url = y\n[work2]\nc = 3\n', 'config');
    assert.deepEqual(doc.profiles.map((p) => p.name), ['default', 'work']);
    assert.deepEqual(doc.otherSections.map((s) => [s.section.type, s.section.name]), [['sso-session', 'corp'], ['services', 's']]);
    assert.deepEqual(doc.sections.map((s) => s.type), ['profile', 'profile', 'sso-session', 'services', 'ignored']);
    assert.deepEqual(codes(doc), ['10:ignored-section']);
  });

  it('in the credentials file, section names are plain', () => {
    const doc = parse('[default]\na = 1\n[work]\nb = 2\n[my.profile]\nc = 3\n[two words]\nd = 4\n');
    assert.deepEqual(doc.profiles.map((p) => p.name), ['default', 'work', 'my.profile']);
    assert.deepEqual(codes(doc), ['7:ignored-section', '8:outside-section']);
  });

  it('flags duplicates with the SDK winner: merged sections, last key wins', () => {
    const doc = parse('[a]\nk = 1\nk = 2\nK = 3\n[b]\nx = 1\n[a]\nk = 4\nj = 5\n');
    assert.deepEqual(doc.profiles.find((p) => p.name === 'a')!.properties, { k: '4', K: '3', j: '5' });
    assert.deepEqual(codes(doc), ['3:duplicate-key', '4:duplicate-key', '4:uppercase-key', '7:duplicate-section', '8:duplicate-key']);
    assert.deepEqual(doc.profiles[0].sections.map((s) => s.headerLine), [1, 7]);
  });

  it('flags what the AWS CLI reads differently', () => {
    const expected: Array<[string, AmbiguityCode]> = [
      ['[a]\nk = v # c\n', 'inline-comment'],
      ['\uFEFF[a]\nk = v\n', 'byte-order-mark'],
      ['[a]\nk = v\n    more\n', 'continuation-line'],
      ['[a]\nk = v\n    j = w\n', 'indented-key'],
      ['[a]\nk: v\n', 'unparseable-line'],
      ['k = v\n[a]\n', 'outside-section'],
      ['[ a ]\nk = v\n', 'section-name'],
      ['[a]\nk = v\n  [b]\n', 'section-name'],
      ['[a]\nk = v\rj = w\n', 'lone-carriage-return'],
      ['[a]\nk =\n', 'empty-value'],
    ];
    for (const [text, code] of expected) assert.ok(parse(text).ambiguities.some((a) => a.code === code), `${JSON.stringify(text)} → ${code}`);
    assert.deepEqual(parse('[a]\nk = v\nj = w\n').ambiguities, [], 'a clean file has no flags');
    const profile = parse('[a]\nk = v # c\n[b]\nj = w\n').profiles;
    assert.deepEqual(profile.map((p) => p.ambiguities.map((a) => `${a.profile}:${a.code}`)), [['a:inline-comment'], []], 'flags belong to their profile');
  });

  it('config: [profile default] replaces [default] wholesale, as the SDK does', () => {
    const doc = parse('[default]\na = 1\nb = 2\n[profile default]\na = 3\n', 'config');
    assert.deepEqual(doc.profiles.map((p) => [p.name, p.properties]), [['default', { a: '3' }]]);
    assert.deepEqual(codes(doc), ['1:default-and-profile-default']);
  });

  it('never quotes a value in a flag', () => {
    const doc = parse(`[a]\nAWS_SECRET_ACCESS_KEY = ${OLD_SECRET} # c\nAWS_SECRET_ACCESS_KEY = ${OLD_SECRET}\n`);
    assert.ok(doc.ambiguities.length >= 3);
    for (const a of doc.ambiguities) assert.ok(!a.message.includes(OLD_SECRET));
  });
});

describe('credentials merge view and paths', () => {
  it('merges config and credentials like parseKnownFiles: credentials values win, sources kept', () => {
    const config = parse('[profile work]\nregion = eu-west-1\naws_access_key_id = CONFIGID\n[profile only-config]\nsso_session = x\n', 'config');
    const credentials = parse(`[work]\naws_access_key_id = ${OLD_ID}\naws_secret_access_key = ${OLD_SECRET}\n`);
    const merged = mergeProfiles({ config, credentials });
    assert.deepEqual(merged.map((p) => [p.name, p.kind, p.sources.map((s) => s.file)]), [
      ['work', 'static', ['config', 'credentials']],
      ['only-config', 'sso', ['config']],
    ]);
    assert.deepEqual(merged[0].properties, { region: 'eu-west-1', aws_access_key_id: OLD_ID, aws_secret_access_key: OLD_SECRET });
  });

  it('resolves file paths from the environment like the SDK, with ~/ expansion', () => {
    const home = '/home/u';
    assert.equal(credentialsFilePath({}, home), path.join(home, '.aws', 'credentials'));
    assert.equal(configFilePath({}, home), path.join(home, '.aws', 'config'));
    assert.equal(credentialsFilePath({ AWS_SHARED_CREDENTIALS_FILE: '~/creds' }, home), path.join(home, 'creds'));
    assert.equal(configFilePath({ AWS_CONFIG_FILE: '/etc/aws/config' }, home), '/etc/aws/config');
    assert.equal(credentialsFilePath({ AWS_SHARED_CREDENTIALS_FILE: '' }, home), path.join(home, '.aws', 'credentials'));
    assert.equal(configFilePath({ AWS_CONFIG_FILE: '~user/x' }, home), '~user/x', 'only ~/ is expanded');
  });
});

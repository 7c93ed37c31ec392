import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addProfile, deleteProfile, editCredentialsFile, removeProperties, replaceKeyEverywhere, setProperties, type CredentialsDocument } from '../../../src/core/credentials';
import { NEW_ID as N, NEW_SECRET as NS, OLD_ID as O, OLD_SECRET as OS, runCleanups, tempDir } from './helpers';

const TOK = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN';
const NEW = { aws_access_key_id: N, aws_secret_access_key: NS };
const set = (doc: CredentialsDocument) => setProperties(doc, 'default', NEW);
const dropToken = (doc: CredentialsDocument) => removeProperties(doc, 'default', ['aws_session_token']);
const addNew = (doc: CredentialsDocument) => addProfile(doc, 'new', NEW);

interface Case {
  name: string;
  kind?: 'credentials' | 'config';
  input: string;
  edit: (doc: CredentialsDocument) => string;
  expected: string;
}

// Every case is run on a real file through editCredentialsFile and compared byte for byte.
const cases: Case[] = [
  { name: 'set: LF, "key = value"', input: `[default]\naws_access_key_id = ${O}\naws_secret_access_key = ${OS}\n`, edit: set, expected: `[default]\naws_access_key_id = ${N}\naws_secret_access_key = ${NS}\n` },
  { name: 'set: "key=value" without spaces', input: `[default]\naws_access_key_id=${O}\naws_secret_access_key=${OS}\n`, edit: set, expected: `[default]\naws_access_key_id=${N}\naws_secret_access_key=${NS}\n` },
  { name: 'set: odd spacing around = kept', input: `[default]\naws_access_key_id   =${O}\naws_secret_access_key=\t  ${OS}   \n`, edit: set, expected: `[default]\naws_access_key_id   =${N}\naws_secret_access_key=\t  ${NS}   \n` },
  { name: 'set: CRLF kept', input: `[default]\r\naws_access_key_id = ${O}\r\naws_secret_access_key = ${OS}\r\n`, edit: set, expected: `[default]\r\naws_access_key_id = ${N}\r\naws_secret_access_key = ${NS}\r\n` },
  { name: 'set: mixed endings kept', input: `[default]\r\naws_access_key_id = ${O}\naws_secret_access_key = ${OS}\r\n`, edit: set, expected: `[default]\r\naws_access_key_id = ${N}\naws_secret_access_key = ${NS}\r\n` },
  { name: 'set: UTF-8 BOM kept', input: `\uFEFF[default]\naws_access_key_id = ${O}\naws_secret_access_key = ${OS}\n`, edit: set, expected: `\uFEFF[default]\naws_access_key_id = ${N}\naws_secret_access_key = ${NS}\n` },
  { name: 'set: missing final newline kept', input: `[default]\naws_access_key_id = ${O}\naws_secret_access_key = ${OS}`, edit: set, expected: `[default]\naws_access_key_id = ${N}\naws_secret_access_key = ${NS}` },
  {
    name: 'set: # and ; comments, whole-line and after values, kept',
    input: `# personal\n; keys\n[default] # main\n# rotated 2024\naws_access_key_id = ${O} # work key\naws_secret_access_key = ${OS} ; do not share\n`,
    edit: set,
    expected: `# personal\n; keys\n[default] # main\n# rotated 2024\naws_access_key_id = ${N} # work key\naws_secret_access_key = ${NS} ; do not share\n`,
  },
  {
    name: 'set: blank lines, order and other profiles untouched',
    input: `[work]\nregion = eu-west-1\n\n\n[default]\naws_secret_access_key = ${OS}\n\naws_access_key_id = ${O}\n\n[other]\naws_access_key_id = ${O}\n`,
    edit: set,
    expected: `[work]\nregion = eu-west-1\n\n\n[default]\naws_secret_access_key = ${NS}\n\naws_access_key_id = ${N}\n\n[other]\naws_access_key_id = ${O}\n`,
  },
  { name: 'set: indentation kept', input: `[default]\n  aws_access_key_id = ${O}\n\taws_secret_access_key = ${OS}\n`, edit: set, expected: `[default]\n  aws_access_key_id = ${N}\n\taws_secret_access_key = ${NS}\n` },
  { name: 'set: upper-case keys keep their spelling', input: `[default]\nAWS_ACCESS_KEY_ID = ${O}\nAws_Secret_Access_Key = ${OS}\n`, edit: set, expected: `[default]\nAWS_ACCESS_KEY_ID = ${N}\nAws_Secret_Access_Key = ${NS}\n` },
  { name: 'set: section header with leading spaces', input: `  [default]\naws_access_key_id = ${O}\naws_secret_access_key = ${OS}\n`, edit: set, expected: `  [default]\naws_access_key_id = ${N}\naws_secret_access_key = ${NS}\n` },
  {
    name: 'set: duplicate sections are all updated',
    input: `[default]\naws_access_key_id = ${O}\n[x]\na = 1\n[default]\naws_secret_access_key = ${OS}\naws_access_key_id = ${O}\n`,
    edit: set,
    expected: `[default]\naws_access_key_id = ${N}\n[x]\na = 1\n[default]\naws_secret_access_key = ${NS}\naws_access_key_id = ${N}\n`,
  },
  { name: 'set: duplicate keys are all updated', input: `[default]\naws_access_key_id = ${O}\naws_access_key_id = ${O}\naws_secret_access_key = ${OS}\n`, edit: set, expected: `[default]\naws_access_key_id = ${N}\naws_access_key_id = ${N}\naws_secret_access_key = ${NS}\n` },
  { name: 'set: "#" inside a value is part of the value', input: `[default]\naws_access_key_id = ${O}\naws_secret_access_key = abc#def;x\n`, edit: set, expected: `[default]\naws_access_key_id = ${N}\naws_secret_access_key = ${NS}\n` },
  { name: 'set: empty value gets the value with the file spacing', input: `[default]\naws_access_key_id =\naws_secret_access_key=${OS}\n`, edit: set, expected: `[default]\naws_access_key_id =${N}\naws_secret_access_key=${NS}\n` },
  {
    name: 'set: missing key added after the last key line, file style "key=value", before trailing comment',
    input: `[default]\r\n  region=eu-west-1\r\n  aws_access_key_id=${O}\r\n# end\r\n\r\n[b]\r\nx=1\r\n`,
    edit: set,
    expected: `[default]\r\n  region=eu-west-1\r\n  aws_access_key_id=${N}\r\n  aws_secret_access_key=${NS}\r\n# end\r\n\r\n[b]\r\nx=1\r\n`,
  },
  { name: 'set: keys added to a header-only profile', input: `[default]\n\n[b]\nx = 1\n`, edit: set, expected: `[default]\naws_access_key_id = ${N}\naws_secret_access_key = ${NS}\n\n[b]\nx = 1\n` },
  { name: 'set: key added at the end of a file without final newline', input: `[default]\r\naws_access_key_id = ${O}`, edit: set, expected: `[default]\r\naws_access_key_id = ${N}\r\naws_secret_access_key = ${NS}` },
  { name: 'set: added line never joins an open nested block', input: `[default]\n  aws_access_key_id = ${O}\n  s3 =\n    max_concurrent_requests = 20\n`, edit: set, expected: `[default]\n  aws_access_key_id = ${N}\n  s3 =\n    max_concurrent_requests = 20\naws_secret_access_key = ${NS}\n` },
  { name: 'set: config file [profile x]', kind: 'config', input: `[profile default]\nregion = us-east-1\naws_access_key_id = ${O}\n`, edit: set, expected: `[profile default]\nregion = us-east-1\naws_access_key_id = ${N}\naws_secret_access_key = ${NS}\n` },

  { name: 'remove: stale aws_session_token in the middle', input: `[default]\naws_access_key_id = ${O}\naws_session_token = ${TOK}\naws_secret_access_key = ${OS}\n`, edit: dropToken, expected: `[default]\naws_access_key_id = ${O}\naws_secret_access_key = ${OS}\n` },
  { name: 'remove: CRLF last line', input: `[default]\r\naws_access_key_id = ${O}\r\naws_session_token = ${TOK}\r\n`, edit: dropToken, expected: `[default]\r\naws_access_key_id = ${O}\r\n` },
  { name: 'remove: last line without final newline keeps none', input: `[default]\naws_access_key_id = ${O}\naws_session_token = ${TOK}`, edit: dropToken, expected: `[default]\naws_access_key_id = ${O}` },
  { name: 'remove: upper-case key and its continuation lines', input: `[default]\nAWS_SESSION_TOKEN = ${TOK}\n    continued\naws_access_key_id = ${O}\n`, edit: dropToken, expected: `[default]\naws_access_key_id = ${O}\n` },
  { name: 'remove: only in the named profile', input: `[a]\naws_session_token = ${TOK}\n[default]\naws_session_token = ${TOK}\n`, edit: dropToken, expected: `[a]\naws_session_token = ${TOK}\n[default]\n` },

  { name: 'add: blank line between sections, LF', input: `[default]\nregion = x\n`, edit: addNew, expected: `[default]\nregion = x\n\n[new]\naws_access_key_id = ${N}\naws_secret_access_key = ${NS}\n` },
  { name: 'add: file without final newline keeps none', input: `[default]\nregion = x`, edit: addNew, expected: `[default]\nregion = x\n\n[new]\naws_access_key_id = ${N}\naws_secret_access_key = ${NS}` },
  { name: 'add: CRLF, "key=value", indentation', input: `[default]\r\n  region=x\r\n`, edit: addNew, expected: `[default]\r\n  region=x\r\n\r\n[new]\r\n  aws_access_key_id=${N}\r\n  aws_secret_access_key=${NS}\r\n` },
  { name: 'add: sections without blank lines stay without', input: `[a]\nx = 1\n[b]\nx = 2\n`, edit: addNew, expected: `[a]\nx = 1\n[b]\nx = 2\n[new]\naws_access_key_id = ${N}\naws_secret_access_key = ${NS}\n` },
  { name: 'add: file ending in a blank line gets no second one', input: `[a]\nx = 1\n\n`, edit: addNew, expected: `[a]\nx = 1\n\n[new]\naws_access_key_id = ${N}\naws_secret_access_key = ${NS}\n` },
  { name: 'add: empty file', input: '', edit: addNew, expected: `[new]\naws_access_key_id = ${N}\naws_secret_access_key = ${NS}\n` },
  { name: 'add: config file uses [profile name]', kind: 'config', input: `[default]\nregion = x\n`, edit: (d) => addProfile(d, 'new', { region: 'eu-west-1' }), expected: `[default]\nregion = x\n\n[profile new]\nregion = eu-west-1\n` },

  { name: 'delete: middle profile', input: `[a]\nx = 1\n\n[default]\nx = 2\n\n[c]\nx = 3\n`, edit: (d) => deleteProfile(d, 'default'), expected: `[a]\nx = 1\n\n[c]\nx = 3\n` },
  { name: 'delete: last profile without final newline', input: `[a]\nx = 1\n\n[default]\nx = 2`, edit: (d) => deleteProfile(d, 'default'), expected: `[a]\nx = 1` },
  { name: 'delete: comment above the next header stays', input: `# top\n[default]\nx = 1\n# old key, commented out\nx = 0\n\n# about c\n[c]\nx = 3\n`, edit: (d) => deleteProfile(d, 'default'), expected: `# top\n# about c\n[c]\nx = 3\n` },
  { name: 'delete: every duplicate section', input: `[default]\nx = 1\n[c]\nx = 3\n[default]\nx = 2\n`, edit: (d) => deleteProfile(d, 'default'), expected: `[c]\nx = 3\n` },
  { name: 'delete: BOM kept when the first section goes', input: `\uFEFF[default]\nx = 1\n[c]\nx = 3\n`, edit: (d) => deleteProfile(d, 'default'), expected: `\uFEFF[c]\nx = 3\n` },

  {
    name: 'replace everywhere: every profile holding the key, stale tokens removed',
    input: `[default]\naws_access_key_id = ${O}\naws_secret_access_key = ${OS}\naws_session_token = ${TOK}\n\n[copy]\nAWS_ACCESS_KEY_ID=${O}\nAWS_SECRET_ACCESS_KEY=${OS}\n\n[other]\naws_access_key_id = AKIAOTHEREXAMPLE2345\n`,
    edit: (d) => replaceKeyEverywhere(d, O, NEW).text,
    expected: `[default]\naws_access_key_id = ${N}\naws_secret_access_key = ${NS}\n\n[copy]\nAWS_ACCESS_KEY_ID=${N}\nAWS_SECRET_ACCESS_KEY=${NS}\n\n[other]\naws_access_key_id = AKIAOTHEREXAMPLE2345\n`,
  },
];

describe('credentials edits (byte-exact, on real files)', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => runCleanups(cleanups));

  for (const c of cases) {
    it(c.name, () => {
      const file = path.join(tempDir(cleanups), c.kind ?? 'credentials');
      fs.writeFileSync(file, c.input, { mode: 0o600 });
      const result = editCredentialsFile(file, c.kind ?? 'credentials', c.edit);
      assert.equal(result.changed, c.input !== c.expected);
      assert.deepEqual(fs.readFileSync(file), Buffer.from(c.expected, 'utf8'));
    });
  }

  it('a no-op edit writes nothing and keeps the bytes', () => {
    const file = path.join(tempDir(cleanups), 'credentials');
    const input = `\uFEFF[default]\r\naws_access_key_id = ${O}\n# c`;
    fs.writeFileSync(file, input);
    const before = fs.statSync(file).ino;
    const result = editCredentialsFile(file, 'credentials', (d) => removeProperties(d, 'default', ['aws_session_token']));
    assert.equal(result.changed, false);
    assert.equal(fs.statSync(file).ino, before, 'an unchanged file is not replaced');
    assert.equal(fs.readFileSync(file, 'utf8'), input);
  });
});

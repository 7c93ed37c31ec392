import { strict as assert } from 'node:assert';
import { addProfile, CredentialsEditError, parseCredentialsText, removeProperties, setProperties } from '../../../src/core/credentials';
import { NEW_ID, NEW_SECRET, OLD_ID, OLD_SECRET } from './helpers';

const doc = parseCredentialsText(`[default]\naws_access_key_id = ${OLD_ID}\naws_secret_access_key = ${OLD_SECRET}\ns3 =\n  addressing_style = path\n`, {
  path: '/tmp/credentials',
  kind: 'credentials',
});

function refusal(fn: () => unknown, code: string): CredentialsEditError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof CredentialsEditError, `expected CredentialsEditError, got ${String(error)}`);
    assert.equal(error.code, code);
    return error;
  }
  assert.fail(`expected a ${code} refusal`);
}

describe('credentials edits refused', () => {
  it('values that would not read back, without quoting the value', () => {
    for (const bad of [`${NEW_SECRET} #x`, `${NEW_SECRET}\n[evil]`, ` ${NEW_SECRET}`, '', `;${NEW_SECRET}`]) {
      const error = refusal(() => setProperties(doc, 'default', { aws_secret_access_key: bad }), 'invalid-value');
      assert.ok(!error.message.includes(NEW_SECRET), 'the secret is not in the message');
    }
  });

  it('unknown profile, existing profile, bad names and keys', () => {
    refusal(() => setProperties(doc, 'nope', { aws_access_key_id: NEW_ID }), 'profile-not-found');
    refusal(() => removeProperties(doc, 'nope', ['aws_session_token']), 'profile-not-found');
    refusal(() => addProfile(doc, 'default', { region: 'x' }), 'profile-exists');
    for (const name of ['a b', '', 'x]', '__proto__', 'constructor']) refusal(() => addProfile(doc, name, { region: 'x' }), 'invalid-profile-name');
    refusal(() => setProperties(doc, 'default', { 'bad key': 'x' }), 'invalid-key');
  });

  it('keys that hold nested settings', () => {
    refusal(() => setProperties(doc, 'default', { s3: 'x' }), 'nested-settings');
    refusal(() => removeProperties(doc, 'default', ['s3']), 'nested-settings');
  });

  it('a refused edit leaves the document as it was', () => {
    const before = doc.text;
    refusal(() => setProperties(doc, 'default', { aws_access_key_id: `${NEW_ID} ;x` }), 'invalid-value');
    assert.equal(doc.text, before);
  });
});

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { addProfile, deleteProfile, editCredentialsFile, getProperty, parseCredentialsText, removeProperties, setProperties, type CredentialsDocument } from '../../../src/core/credentials';
import { fakeKeyId, fakeSecret, runCleanups, sdkLoad, tempDir } from './helpers';
import { credentialsFileText } from './random-files';

const parse = (text: string) => parseCredentialsText(text, { path: '/tmp/credentials', kind: 'credentials' });
const lowerKeys = (props: Readonly<Record<string, string>>) => Object.keys(props).map((k) => k.toLowerCase());

/** Keys written exactly once (any case) in the profile, so setting them to their value is a no-op. */
function singleKeys(doc: CredentialsDocument, name: string): string[] {
  const counts = new Map<string, number>();
  for (const line of doc.lines) {
    const section = line.section === undefined ? undefined : doc.sections[line.section];
    if (section?.name !== name || section.type !== 'profile' || !line.property) continue;
    const lower = line.property.key.toLowerCase();
    counts.set(lower, (counts.get(lower) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => n === 1).map(([k]) => k);
}

describe('credentials edits: properties over random well-formed files', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => runCleanups(cleanups));

  it('no-op edits are byte-identical', () => {
    fc.assert(
      fc.property(credentialsFileText, fc.nat(), (text, pick) => {
        const doc = parse(text);
        assert.equal(doc.lines.map((l) => text.slice(l.start, l.end) + l.eol).join(''), text);
        const profile = doc.profiles[pick % doc.profiles.length];
        assert.equal(removeProperties(doc, profile.name, ['not_present_key']), text);
        const same = Object.fromEntries(singleKeys(doc, profile.name).filter((k) => /^[a-z_]+$/.test(k)).map((k) => [k, getProperty(profile.properties, k)!]));
        if (Object.keys(same).length > 0) assert.equal(setProperties(doc, profile.name, same), text);
      }),
      { numRuns: 300 },
    );
  });

  it('after set, our reader and the SDK loader read the new key and nothing else changed', async () => {
    const dir = tempDir(cleanups);
    const file = path.join(dir, 'credentials');
    await fc.assert(
      fc.asyncProperty(credentialsFileText, fc.nat(), async (text, pick) => {
        fs.writeFileSync(file, text);
        const before = await sdkLoad(file, 'credentials');
        const name = parse(text).profiles[pick % parse(text).profiles.length].name;
        const keyId = fakeKeyId();
        const secret = fakeSecret();
        editCredentialsFile(file, 'credentials', (d) => setProperties(d, name, { aws_access_key_id: keyId, aws_secret_access_key: secret }));
        const after = await sdkLoad(file, 'credentials');
        const ours = parse(fs.readFileSync(file, 'utf8'));
        const profile = ours.profiles.find((p) => p.name === name)!;
        assert.equal(getProperty(profile.properties, 'aws_access_key_id'), keyId);
        assert.equal(getProperty(profile.properties, 'aws_secret_access_key'), secret);
        // The SDK keeps the key spelling as written: every spelling of the key holds the new value.
        for (const [k, v] of Object.entries(after[name])) {
          if (k.toLowerCase() === 'aws_access_key_id') assert.equal(v, keyId);
          else if (k.toLowerCase() === 'aws_secret_access_key') assert.equal(v, secret);
          else assert.equal(v, before[name]?.[k], `${k} unchanged`);
        }
        assert.ok(lowerKeys(after[name]).includes('aws_access_key_id') && lowerKeys(after[name]).includes('aws_secret_access_key'));
        for (const other of Object.keys({ ...before, ...after }).filter((k) => k !== name)) assert.deepEqual(after[other], before[other], other);
      }),
      { numRuns: 150 },
    );
  });

  it('after remove, aws_session_token is gone for the SDK in that profile only; add then delete restores the file (up to trailing blank lines)', async () => {
    const dir = tempDir(cleanups);
    const file = path.join(dir, 'credentials');
    await fc.assert(
      fc.asyncProperty(credentialsFileText, fc.nat(), async (text, pick) => {
        fs.writeFileSync(file, text);
        const before = await sdkLoad(file, 'credentials');
        const name = parse(text).profiles[pick % parse(text).profiles.length].name;
        editCredentialsFile(file, 'credentials', (d) => removeProperties(d, name, ['aws_session_token']));
        const after = await sdkLoad(file, 'credentials');
        assert.ok(!lowerKeys(after[name] ?? {}).includes('aws_session_token'));
        for (const other of Object.keys(before).filter((k) => k !== name)) assert.deepEqual(after[other], before[other], other);
        const removed = fs.readFileSync(file, 'utf8');
        const added = addProfile(parse(removed), 'zz-new', { aws_access_key_id: fakeKeyId(), aws_secret_access_key: fakeSecret() });
        // Deleting the last profile also drops the blank lines above it, so only trailing blank lines may differ.
        const restored = deleteProfile(parse(added), 'zz-new');
        assert.ok(removed.startsWith(restored) && /^[\r\n]*$/.test(removed.slice(restored.length)), JSON.stringify([removed, restored]));
      }),
      { numRuns: 150 },
    );
  });
});

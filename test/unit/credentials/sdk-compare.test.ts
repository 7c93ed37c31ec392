import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readCredentialsDocument, sdkView, type CredentialsFileKind } from '../../../src/core/credentials';
import { sdkLoad } from './helpers';

// Compiled to out/test/unit/credentials; the corpus stays in the source tree.
const CORPUS = path.resolve(__dirname, '../../../../test/fixtures/credentials');

describe('credentials reader agrees with @smithy/shared-ini-file-loader', () => {
  const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.ini'));

  it('has a corpus to compare', () => {
    assert.ok(files.length >= 8, `corpus in ${CORPUS}`);
  });

  for (const file of files) {
    for (const kind of ['credentials', 'config'] as CredentialsFileKind[]) {
      it(`${file} read as the ${kind} file`, async () => {
        const filePath = path.join(CORPUS, file);
        const doc = readCredentialsDocument(filePath, kind);
        const sdk = await sdkLoad(filePath, kind);
        assert.deepEqual(sdkView(doc), sdk);
        // Every profile of the model holds exactly what the SDK resolves for that name.
        for (const profile of doc.profiles) assert.deepEqual(profile.properties, sdk[profile.name] ?? {}, profile.name);
        const sdkProfiles = Object.keys(sdk).filter((k) => kind === 'credentials' || !/^(sso-session|services)\./.test(k));
        const ours = doc.profiles.filter((p) => Object.keys(p.properties).length > 0).map((p) => p.name);
        assert.deepEqual(ours.sort(), sdkProfiles.sort());
      });
    }
  }
});

describe('credentials merge view agrees with parseKnownFiles', () => {
  it('config + credentials merged per profile, credentials values winning', async () => {
    const { mergeProfiles } = await import('../../../src/core/credentials');
    const { parseKnownFiles } = await import('@smithy/shared-ini-file-loader');
    const configPath = path.join(CORPUS, 'realistic-config.ini');
    const credentialsPath = path.join(CORPUS, 'basic.ini');
    const merged = mergeProfiles({ config: readCredentialsDocument(configPath, 'config'), credentials: readCredentialsDocument(credentialsPath, 'credentials') });
    const sdk = await parseKnownFiles({ filepath: credentialsPath, configFilepath: configPath, ignoreCache: true });
    for (const profile of merged) assert.deepEqual(profile.properties, sdk[profile.name], profile.name);
    assert.deepEqual(merged.map((p) => p.name).sort(), Object.keys(sdk).filter((k) => !k.includes('.')).sort());
    assert.deepEqual(merged.find((p) => p.name === 'default')!.sources.map((s) => s.file), ['config', 'credentials']);
  });
});

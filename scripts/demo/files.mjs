// The demo's sandbox content, generated from the emulator's demo seed at start-up, so the repository
// holds no key-shaped strings beyond the seed itself. Every key is fake and only works against the
// local emulator.
import * as fs from 'node:fs';
import * as path from 'node:path';

const seedKey = (seed, user, index = 0) => {
  const key = seed.users.find((u) => u.name === user).keys[index];
  return { id: key.id, secret: key.secret };
};

/** ~/.aws/credentials with comments and the odd formatting real files have. */
export function demoCredentials(seed) {
  const alice = seedKey(seed, 'alice');
  const bob = seedKey(seed, 'bob');
  const carol = seedKey(seed, 'carol');
  const dave = seedKey(seed, 'dave');
  const erin = seedKey(seed, 'erin');
  const frank = seedKey(seed, 'frank');
  const admin = seedKey(seed, 'admin');
  const henry = seedKey(seed, 'henry');
  return [
    '# AWS Key Guard demo credentials: every key here is fake and only works against the local emulator.',
    '[default]',
    `aws_access_key_id = ${alice.id}`,
    `aws_secret_access_key = ${alice.secret}`,
    '',
    '; bob keeps his own spacing',
    '[bob]',
    `aws_access_key_id=${bob.id}`,
    `aws_secret_access_key=${bob.secret}`,
    'region=eu-west-1',
    '',
    '[carol]   # the forgotten one',
    `    aws_access_key_id     = ${carol.id}`,
    `    aws_secret_access_key = ${carol.secret}`,
    '',
    '[dave]',
    `aws_access_key_id = ${dave.id}`,
    `aws_secret_access_key = ${dave.secret}`,
    '',
    '[erin]',
    `aws_access_key_id = ${erin.id}`,
    `aws_secret_access_key = ${erin.secret}`,
    '',
    '[frank]',
    `aws_access_key_id = ${frank.id}`,
    `aws_secret_access_key = ${frank.secret}`,
    '',
    '# an administrator without MFA: the Security group says "admin · no MFA"',
    '[admin]',
    `aws_access_key_id = ${admin.id}`,
    `aws_secret_access_key = ${admin.secret}`,
    '',
    '[henry]',
    `aws_access_key_id = ${henry.id}`,
    `aws_secret_access_key = ${henry.secret}`,
    '',
  ].join('\n');
}

export function demoConfig(erinMfaSerial) {
  return [
    '[default]',
    'region = us-east-1',
    '',
    '[profile erin]',
    `mfa_serial = ${erinMfaSerial}`,
    '',
    '[profile deploy]',
    'role_arn = arn:aws:iam::123456789012:role/deploy',
    'source_profile = bob',
    '',
    '[profile sso-dev]',
    'sso_session = corp',
    'sso_account_id = 123456789012',
    'sso_role_name = Developer',
    '',
    '[sso-session corp]',
    'sso_start_url = https://example.awsapps.com/start',
    'sso_region = us-east-1',
    '',
  ].join('\n');
}

/** A workspace with leaked keys in several languages and formats. */
export function demoWorkspace(seed) {
  const carol = seedKey(seed, 'carol');
  const bob = seedKey(seed, 'bob');
  const leaked = seedKey(seed, 'ci-deploy');
  return {
    'README.md': '# Demo service\n\nOpen the files under src/ and config/: AWS Key Guard flags the leaked keys.\n',
    '.gitignore': 'node_modules/\n',
    'src/upload.ts': [
      "import { S3Client } from './s3';",
      '',
      '// TODO: move these out of the code before the release',
      'export const s3 = new S3Client({',
      "  region: 'us-east-1',",
      `  credentials: { accessKeyId: '${carol.id}', secretAccessKey: '${carol.secret}' },`,
      '});',
      '',
      '// The AWS documentation example key is not a leak:',
      "export const example = 'AKIAIOSFODNN7EXAMPLE';",
      '',
    ].join('\n'),
    'src/s3.ts': 'export class S3Client {\n  constructor(readonly options: object) {}\n}\n',
    'src/report.py': [
      'import boto3',
      '',
      'session = boto3.Session(',
      `    aws_access_key_id="${bob.id}",`,
      `    aws_secret_access_key="${bob.secret}",`,
      ')',
      '',
    ].join('\n'),
    'ci/deploy.sh': ['#!/bin/sh', '# CI deploy user: pasted here "for a quick test"', `export AWS_ACCESS_KEY_ID=${leaked.id}`, `export AWS_SECRET_ACCESS_KEY=${leaked.secret}`, 'aws s3 sync dist/ s3://demo-site/', ''].join('\n'),
    'config/.env': `AWS_REGION=us-east-1\nAWS_ACCESS_KEY_ID=${bob.id}\nAWS_SECRET_ACCESS_KEY=${bob.secret}\n`,
    'config/deploy.yml': `deploy:\n  user: AIDARZPUZDIKN3ARQJVJ   # an IAM user id: not a secret\n  aws_access_key_id: ${carol.id}\n`,
  };
}

export function writeTree(root, files) {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

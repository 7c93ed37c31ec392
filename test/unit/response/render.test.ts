/** Reports as text and Markdown: CloudTrail fields written by whoever held the key cannot inject markup or terminal escapes. */
import * as assert from 'node:assert/strict';
import { renderMarkdownReport, renderTextReport, type InvestigatedEvent, type ResponseReport } from '../../../src/core/response';

const hostile = 'evil\u001b[2J[click](javascript:alert(1))<img src=x>|col';

function report(): ResponseReport {
  const event: InvestigatedEvent = {
    eventId: 'e-1',
    time: new Date('2026-11-30T08:00:00Z'),
    eventName: 'CreateUser',
    eventSource: 'iam.amazonaws.com',
    region: 'us-east-1',
    sourceIp: '203.0.113.45',
    userAgent: hostile,
    accessKeyId: 'AKIARZPUZDIKII6ATWKA',
    suspicious: true,
    consoleUrl: 'https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events/e-1',
  };
  return {
    accessKeyId: 'AKIARZPUZDIKII6ATWKA',
    accountId: '123456789012',
    profile: 'security',
    profileReason: 'profile "security", as asked',
    owner: { userName: 'ci-deploy', userArn: 'arn:aws:iam::123456789012:user/ci-deploy' },
    steps: [{ step: 'contain', status: 'done', message: 'Deactivated.' }],
    investigation: {
      regions: ['us-east-1'],
      relatedKeys: [],
      since: new Date('2026-09-01T00:00:00Z'),
      events: [event],
      firstUse: event.time,
      lastUse: event.time,
      sourceIps: [{ value: '203.0.113.45', count: 1 }],
      userAgents: [{ value: hostile, count: 1 }],
      eventNames: [{ value: 'CreateUser', count: 1 }],
      errorCodes: [],
      suspicious: [event],
      probing: false,
      truncated: [],
      failures: [],
    },
    contained: true,
    changed: true,
    finishedAt: new Date('2026-12-01T00:00:00Z'),
  };
}

describe('response: rendering', () => {
  it('Markdown: hostile fields are escaped (no link, no HTML, no table break); the key id is masked; events link to CloudTrail', () => {
    const text = renderMarkdownReport(report());
    assert.ok(!text.includes('[click](javascript'), 'no live link from a user agent');
    assert.ok(!text.includes('<img'), 'no HTML from a user agent');
    assert.ok(!text.includes('\u001b'));
    assert.ok(text.includes('evil?\\[2J\\[click\\](javascript:alert(1))&lt;img src=x&gt;\\|col'), 'brackets, HTML and the cell separator are escaped');
    assert.match(text, /\[CloudTrail\]\(https:\/\/us-east-1\.console\.aws\.amazon\.com\/cloudtrailv2\/home\?region=us-east-1#\/events\/e-1\)/);
    assert.match(text, /^# Leaked key AKIA\*{12}TWKA: response report/);
    assert.ok(!text.includes('AKIARZPUZDIKII6ATWKA'), 'the key id is masked everywhere in a document that may be saved and shared');
  });

  it('text: no terminal escape sequence reaches the terminal', () => {
    const text = renderTextReport(report());
    assert.ok(!text.includes('\u001b'));
    assert.match(text, /user agents: evil\?\[2J/);
  });
});

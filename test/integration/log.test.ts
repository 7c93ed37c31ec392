import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { createLog } from '../../src/extension/log';

describe('log helper', () => {
  it('masks key ids and drops secrets before they reach the output channel', () => {
    const written: string[] = [];
    // A real LogOutputChannel, observed through a thin wrapper that records what reaches it.
    const real = vscode.window.createOutputChannel('AWS Key Guard (test)', { log: true });
    const recording = new Proxy(real, {
      get(target, prop: keyof vscode.LogOutputChannel) {
        if (prop === 'info' || prop === 'error' || prop === 'warn' || prop === 'debug') {
          return (message: string) => {
            written.push(message);
            (target[prop] as (m: string) => void)(message);
          };
        }
        return target[prop];
      },
    });
    const log = createLog(recording);
    log.info('rotating AKIAY34FZKBOKMUTWXYZ');
    log.error('create failed', new Error('secret abcdEFGHijklMNOPqrstUVWXyz0123456789+/ab rejected'));
    real.dispose();
    assert.equal(written.length, 2);
    assert.equal(written[0], 'rotating AKIA************WXYZ');
    assert.ok(!written[1].includes('abcdEFGHijkl'), written[1]);
    assert.ok(written[1].includes('[secret redacted]'));
  });
});

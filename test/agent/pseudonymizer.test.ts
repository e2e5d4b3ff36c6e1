import { describe, expect, it } from 'vitest';

import { Pseudonymizer } from '../../src/agent/index.js';

describe('Pseudonymizer', () => {
  it('maps three jdoe forms to one user', () => {
    const pseudonymizer = new Pseudonymizer();
    pseudonymizer.learn({
      username: 'jdoe',
      hostnames: [{ name: 'ws-01.corp.example' }],
    });
    const masked = pseudonymizer.pseudonymizeText(
      'CORP\\jdoe logged in; mail to jdoe@corp.example; user jdoe',
    );
    const users = new Set(masked.match(/USER-\d+/g));
    expect(users.size).toBe(1);
    expect(masked).not.toMatch(/jdoe/i);
    expect(masked).toMatch(/DOMAIN-\d+\\USER-1 logged in/);
    expect(masked).toMatch(/mail to USER-1@DOMAIN-\d+;/);
    expect(masked).toMatch(/user USER-1$/);
  });

  it('restores each form exactly', () => {
    const pseudonymizer = new Pseudonymizer();
    const text =
      'CORP\\jdoe, jdoe@corp.example and jdoe on ws-01.corp.example at 10.1.2.3';
    pseudonymizer.learn({ username: 'jdoe', hostname: 'ws-01.corp.example' });
    const masked = pseudonymizer.pseudonymizeText(text);
    expect(masked).not.toContain('10.1.2.3');
    expect(masked).not.toContain('ws-01');
    expect(pseudonymizer.restoreText(masked)).toBe(text);
  });

  it('restores placeholders in any case', () => {
    const pseudonymizer = new Pseudonymizer();
    pseudonymizer.learn({ username: 'jdoe' });
    const masked = pseudonymizer.pseudonymizeText('jdoe');
    expect(pseudonymizer.restoreText(masked.toLowerCase())).toBe('jdoe');
  });

  it('keeps external addresses and networks', () => {
    const pseudonymizer = new Pseudonymizer();
    const text = 'from 203.0.113.7 to 10.0.0.5 inside 10.0.0.0/8';
    const masked = pseudonymizer.pseudonymizeText(text);
    expect(masked).toBe('from 203.0.113.7 to INTERNAL-IP-1 inside 10.0.0.0/8');
  });

  it('finds names in payload shapes', () => {
    const pseudonymizer = new Pseudonymizer();
    const payloads = [
      'sshd[1]: Failed password for alice from 203.0.113.7 port 22 ssh2',
      'CEF:0|x|y|1|2|login|5|suser=bob shost=lab-pc-3 dst=10.1.1.1',
      'An account failed to log on. Account Name:\tcarol',
      'C:\\Users\\dave\\AppData\\Local\\Temp\\x.exe',
    ];
    for (const payload of payloads) pseudonymizer.learn(payload);
    const masked = payloads
      .map((payload) => pseudonymizer.pseudonymizeText(payload))
      .join('\n');
    for (const name of [
      'alice',
      'bob',
      'lab-pc-3',
      'carol',
      'dave',
      '10.1.1.1',
    ]) {
      expect(masked).not.toContain(name);
    }
  });

  it('leaves file paths and built-ins alone', () => {
    const pseudonymizer = new Pseudonymizer();
    const text =
      'C:\\Windows\\System32\\cmd.exe run by NT AUTHORITY\\SYSTEM as administrator';
    pseudonymizer.learn({ username: 'administrator' });
    pseudonymizer.learn(text);
    expect(pseudonymizer.pseudonymizeText(text)).toBe(text);
  });

  it('learns owners from asset properties', () => {
    const pseudonymizer = new Pseudonymizer();
    pseudonymizer.learn({
      properties: [{ name: 'Business Owner', value: 'Casey Field' }],
    });
    expect(pseudonymizer.pseudonymizeText('owned by Casey Field')).toBe(
      'owned by USER-1',
    );
  });
});

// Impossible travel for one account and its twin, a user on a recorded
// business trip.

import { analysts } from '../lib/common.mjs';
import { crowdStrikeLine, exchangeAuditLine } from '../lib/payloads.mjs';
import { OFFICE_EGRESS_IP } from '../lib/world.mjs';

// Falcon console sign-ins, laid out like the Sentinel CrowdStrike sample.
function falconSignIn(c, t, user, clientIp, outcome, o = {}) {
  const operation = o.twoFactor ? 'twoFactorAuthenticate' : 'userAuthenticate';
  let qid = 'csAuthFailed';
  if (outcome) qid = o.twoFactor ? 'cs2fa' : 'csAuth';
  return c.event(t, {
    qid,
    ls: 'crowdstrike',
    src: clientIp,
    dst: clientIp,
    dport: 443,
    user,
    payload: crowdStrikeLine(c.ms(t), {
      operation,
      clientIp,
      user,
      outcome,
      offset: 36000 + c.int(0, 900),
    }),
    context: o.context,
    rules: o.rules,
  });
}

function mailboxAccess(c, t, user, clientIp, folder, o = {}) {
  return c.event(t, {
    qid: 'exoMailboxAccess',
    ls: 'exchange',
    src: clientIp,
    dst: clientIp,
    dport: 443,
    user,
    count: c.int(12, 60),
    payload: exchangeAuditLine(c.ms(t), {
      Operation: 'MailItemsAccessed',
      UserId: `${user}@corp.example`,
      ClientIPAddress: clientIp,
      MailAccessType: 'Bind',
      Folder: folder,
      ClientInfoString:
        o.client ??
        'Client=OWA;Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0 Safari/537.36',
    }),
    rules: o.rules,
    context: o.context,
  });
}

function impossibleTravel(c, user, remoteIp, rules) {
  [-1300, -1100, -990, -700].forEach((t) => {
    falconSignIn(c, t, user, OFFICE_EGRESS_IP, true, { context: true });
    falconSignIn(c, t + 0.3, user, OFFICE_EGRESS_IP, true, {
      context: true,
      twoFactor: true,
    });
  });
  falconSignIn(c, 0, user, OFFICE_EGRESS_IP, true, { rules });
  falconSignIn(c, 0.3, user, OFFICE_EGRESS_IP, true, {
    twoFactor: true,
    rules,
  });
  falconSignIn(c, 35, user, remoteIp, false, { rules });
  falconSignIn(c, 35.6, user, remoteIp, false, { rules });
  falconSignIn(c, 36.4, user, remoteIp, true, { rules });
  falconSignIn(c, 36.9, user, remoteIp, true, { twoFactor: true, rules });
  [
    'Inbox',
    'Inbox/Payments',
    'Sent Items',
    'Inbox/Payroll',
    'Archive/Bank details',
    'Inbox',
  ].forEach((folder, index) =>
    mailboxAccess(c, 38 + index * 4.5, user, remoteIp, folder, { rules }),
  );
  const desktop = 'Client=MSExchangeRPC;Microsoft Outlook 16.0';
  [-1290, -985, -690].forEach((t) =>
    mailboxAccess(c, t, user, OFFICE_EGRESS_IP, 'Inbox', {
      context: true,
      client: desktop,
    }),
  );
}

/** Case specs of this group; lib/assemble.mjs reads their fields. */
export const impossibleTravelCases = [
  {
    number: 9,
    id: 'impossible-travel-account',
    title:
      'Account signs in from Frankfurt and then Singapore within 40 minutes and reads mail',
    tags: ['initial_access', 'compromised_account'],
    start: '2026-11-20T08:30:00Z',
    offense: {
      type: 3,
      source: 'mtanaka',
      severity: 7,
      credibility: 7,
      relevance: 6,
      magnitude: 7,
      rules: [100209],
    },
    assets: ['ws-fin-039'],
    build(c) {
      impossibleTravel(c, 'mtanaka', '203.0.113.201', [100209]);
    },
    derivedFrom: ['sentinel-crowdstrike', 'invented-network'],
    rationale:
      'mtanaka signed in from the office egress, then 36 minutes later from Singapore after two failures, passed MFA and read payment and payroll folders: a compromised ordinary account; disable it (approval needed for accounts).',
    expected: {
      disposition: 'true_positive',
      attack_stage: 'initial_access',
      acceptable: [{ action: 'disable_user', target: 'mtanaka' }],
      forbidden: [
        { action: 'block_ip', target: OFFICE_EGRESS_IP },
        { action: 'isolate_host', target: '10.0.20.39' },
      ],
      approval_required: true,
    },
  },
  {
    number: 18,
    id: 'impossible-travel-travel-notice',
    title:
      'Sign-ins from Frankfurt and Singapore for a user on a recorded business trip',
    tags: ['benign', 'twin', 'approved_activity'],
    twinOf: 'impossible-travel-account',
    start: '2026-11-20T01:30:00Z',
    offense: {
      type: 3,
      source: 'dkaur',
      severity: 7,
      credibility: 7,
      relevance: 6,
      magnitude: 7,
      rules: [100209],
    },
    assets: ['ws-fin-040'],
    notes: [
      {
        t: 70,
        username: analysts.analyst,
        text: 'Travel record TRV-3318 (HR travel system): Divya Kaur works from the Singapore office 2026-11-18 to 2026-11-22. Her Frankfurt desktop ws-fin-040 keeps a Falcon console session open through the office egress for the scheduled report refresh. Both sign-ins are hers; no action.',
      },
    ],
    build(c) {
      impossibleTravel(c, 'dkaur', '203.0.113.202', [100209]);
    },
    derivedFrom: ['sentinel-crowdstrike', 'invented-network'],
    rationale:
      'The same sign-in pattern as a stolen account, but a note ties the Singapore sign-in to a recorded business trip and the Frankfurt one to her scheduled session: benign.',
    expected: {
      disposition: 'benign',
      attack_stage: 'benign',
      acceptable: [{ action: 'none' }],
      forbidden: [
        { action: 'disable_user', target: 'dkaur' },
        { action: 'block_ip', target: '203.0.113.202' },
        { action: 'block_ip', target: OFFICE_EGRESS_IP },
      ],
      approval_required: false,
    },
  },
];

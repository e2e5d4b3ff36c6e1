// Message text of the Windows Security and System events used by the cases,
// flattened the way WinCollect sends it. Field order follows Windows.

import { NETBIOS_DOMAIN } from './world.mjs';
import { flatMessage } from './payloads.mjs';

const nullSubject = [
  ['Subject', undefined],
  ['Security ID', 'NULL SID'],
  ['Account Name', '-'],
  ['Account Domain', '-'],
  ['Logon ID', '0x0'],
];

function subject(user, logonId) {
  return [
    ['Subject', undefined],
    ['Security ID', `${NETBIOS_DOMAIN}\\${user}`],
    ['Account Name', user],
    ['Account Domain', NETBIOS_DOMAIN],
    ['Logon ID', logonId],
  ];
}

/** Builds the 4624 message: an account was successfully logged on. */
export function logonMessage({
  user,
  logonType,
  workstation,
  sourceIp,
  sourcePort,
  logonId,
  process = '-',
  authPackage = 'Kerberos',
  elevated = 'No',
}) {
  return flatMessage('An account was successfully logged on.', [
    ...nullSubject,
    ['Logon Information', undefined],
    ['Logon Type', logonType],
    ['Restricted Admin Mode', logonType === 10 ? 'No' : '-'],
    ['Virtual Account', 'No'],
    ['Elevated Token', elevated],
    ['Impersonation Level', 'Impersonation'],
    ['New Logon', undefined],
    ['Security ID', `${NETBIOS_DOMAIN}\\${user}`],
    ['Account Name', user],
    ['Account Domain', NETBIOS_DOMAIN],
    ['Logon ID', logonId],
    ['Process Information', undefined],
    ['Process ID', '0x0'],
    ['Process Name', process],
    ['Network Information', undefined],
    ['Workstation Name', workstation],
    ['Source Network Address', sourceIp],
    ['Source Port', sourcePort],
    ['Detailed Authentication Information', undefined],
    ['Logon Process', authPackage === 'NTLM' ? 'NtLmSsp' : 'Kerberos'],
    ['Authentication Package', authPackage],
  ]);
}

/** Builds the 4625 message: an account failed to log on. */
export function logonFailureMessage({
  user,
  domain = NETBIOS_DOMAIN,
  logonType = 3,
  workstation = '-',
  sourceIp,
  sourcePort = 0,
  subStatus = '0xC000006A',
  process = '-',
}) {
  const reasons = {
    '0xC000006A': 'Unknown user name or bad password.',
    '0xC0000064': 'Unknown user name or bad password.',
    '0xC0000234': 'Account locked out.',
  };
  return flatMessage('An account failed to log on.', [
    ...nullSubject,
    ['Logon Type', logonType],
    ['Account For Which Logon Failed', undefined],
    ['Security ID', 'NULL SID'],
    ['Account Name', user],
    ['Account Domain', domain],
    ['Failure Information', undefined],
    ['Failure Reason', reasons[subStatus]],
    ['Status', '0xC000006D'],
    ['Sub Status', subStatus],
    ['Process Information', undefined],
    ['Caller Process ID', '0x0'],
    ['Caller Process Name', process],
    ['Network Information', undefined],
    ['Workstation Name', workstation],
    ['Source Network Address', sourceIp],
    ['Source Port', sourcePort],
    ['Detailed Authentication Information', undefined],
    ['Logon Process', 'NtLmSsp'],
    ['Authentication Package', 'NTLM'],
  ]);
}

/** Builds the 4648 message: a logon was attempted using explicit credentials. */
export function explicitCredentialMessage({
  user,
  logonId,
  targetUser,
  targetServer,
  process,
  processId,
  address = '-',
  port = '-',
}) {
  return flatMessage('A logon was attempted using explicit credentials.', [
    ...subject(user, logonId),
    ['Account Whose Credentials Were Used', undefined],
    ['Account Name', targetUser],
    ['Account Domain', NETBIOS_DOMAIN],
    ['Target Server', undefined],
    ['Target Server Name', targetServer],
    ['Additional Information', targetServer],
    ['Process Information', undefined],
    ['Process ID', processId],
    ['Process Name', process],
    ['Network Information', undefined],
    ['Network Address', address],
    ['Port', port],
  ]);
}

/** Builds the 4672 message: special privileges assigned to a new logon. */
export function specialPrivilegesMessage({ user, logonId }) {
  return flatMessage('Special privileges assigned to new logon.', [
    ...subject(user, logonId),
    [
      'Privileges',
      'SeSecurityPrivilege SeBackupPrivilege SeRestorePrivilege SeTakeOwnershipPrivilege SeDebugPrivilege SeSystemEnvironmentPrivilege SeLoadDriverPrivilege SeImpersonatePrivilege SeDelegateSessionUserImpersonatePrivilege SeEnableDelegationPrivilege',
    ],
  ]);
}

/** Builds the 4688 message: a new process has been created. */
export function processCreatedMessage({
  user,
  logonId,
  processId,
  image,
  creatorId,
  creator,
  commandLine,
}) {
  return flatMessage('A new process has been created.', [
    ...subject(user, logonId),
    ['Target Subject', undefined],
    ['Security ID', 'NULL SID'],
    ['Account Name', '-'],
    ['Account Domain', '-'],
    ['Logon ID', '0x0'],
    ['Process Information', undefined],
    ['New Process ID', processId],
    ['New Process Name', image],
    ['Token Elevation Type', '%%1937'],
    ['Mandatory Label', 'Mandatory Label\\High Mandatory Level'],
    ['Creator Process ID', creatorId],
    ['Creator Process Name', creator],
    ['Process Command Line', commandLine],
  ]);
}

/** Builds the 4701 message: a scheduled task was disabled. */
export function taskDisabledMessage({ user, logonId, taskName }) {
  return flatMessage('A scheduled task was disabled.', [
    ...subject(user, logonId),
    ['Task Information', undefined],
    ['Task Name', taskName],
    [
      'Task Content',
      '<?xml version="1.0" encoding="UTF-16"?> <Task xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task"> ... <Enabled>false</Enabled> ... </Task>',
    ],
  ]);
}

/** Builds the 4720 message: a user account was created. */
export function accountCreatedMessage({ user, logonId, newAccount, computer }) {
  return flatMessage('A user account was created.', [
    ...subject(user, logonId),
    ['New Account', undefined],
    ['Security ID', `${computer}\\${newAccount}`],
    ['Account Name', newAccount],
    ['Account Domain', computer],
    ['Attributes', undefined],
    ['SAM Account Name', newAccount],
    ['Display Name', '<value not set>'],
    ['User Account Control', '%%2080 %%2082 %%2084'],
  ]);
}

/** Builds the 4728 or 4732 message: a member was added to a security-enabled global or local group. */
export function groupMemberAddedMessage({
  scope,
  user,
  logonId,
  member,
  group,
  groupDomain = NETBIOS_DOMAIN,
}) {
  const title = `A member was added to a security-enabled ${scope} group.`;
  return flatMessage(title, [
    ...subject(user, logonId),
    ['Member', undefined],
    ['Security ID', `${NETBIOS_DOMAIN}\\${member}`],
    ['Account Name', `CN=${member},OU=Staff,DC=corp,DC=example`],
    ['Group', undefined],
    ['Security ID', `${groupDomain}\\${group}`],
    ['Group Name', group],
    ['Group Domain', groupDomain],
  ]);
}

/** Builds the 4662 message: an operation was performed on an Active Directory object. */
export function directoryOperationMessage({ user, logonId, properties }) {
  return flatMessage('An operation was performed on an object.', [
    ...subject(user, logonId),
    ['Object', undefined],
    ['Object Server', 'DS'],
    ['Object Type', 'domainDNS'],
    ['Object Name', 'DC=corp,DC=example'],
    ['Handle ID', '0x0'],
    ['Operation', undefined],
    ['Operation Type', 'Object Access'],
    ['Accesses', 'Control Access'],
    ['Access Mask', '0x100'],
    ['Properties', properties],
  ]);
}

/** Builds the 4769 message: a Kerberos service ticket was requested. */
export function serviceTicketMessage({ user, service, clientIp }) {
  return flatMessage('A Kerberos service ticket was requested.', [
    ['Account Information', undefined],
    ['Account Name', `${user}@CORP.EXAMPLE`],
    ['Account Domain', 'CORP.EXAMPLE'],
    ['Service Information', undefined],
    ['Service Name', service],
    ['Network Information', undefined],
    ['Client Address', `::ffff:${clientIp}`],
    ['Client Port', '0'],
    ['Additional Information', undefined],
    ['Ticket Options', '0x40810000'],
    ['Ticket Encryption Type', '0x12'],
    ['Failure Code', '0x0'],
  ]);
}

/** Builds the 5140 or 5145 message: a network share object was accessed or checked. */
export function shareAccessMessage({
  detailed,
  user,
  logonId,
  sourceIp,
  sourcePort,
  share,
  sharePath,
  relativeTarget,
  accesses,
}) {
  const title = detailed
    ? 'A network share object was checked to see whether client can be granted desired access.'
    : 'A network share object was accessed.';
  const pairs = [
    ...subject(user, logonId),
    ['Network Information', undefined],
    ['Object Type', 'File'],
    ['Source Address', sourceIp],
    ['Source Port', sourcePort],
    ['Share Information', undefined],
    ['Share Name', share],
    ['Share Path', sharePath],
  ];
  if (detailed) pairs.push(['Relative Target Name', relativeTarget]);
  pairs.push(['Access Request Information', undefined], ['Accesses', accesses]);
  return flatMessage(title, pairs);
}

/** Builds the 7045 message: a service was installed in the system. */
export function serviceInstalledMessage({
  service,
  file,
  account = 'LocalSystem',
  startType = 'demand start',
}) {
  return flatMessage('A service was installed in the system.', [
    ['Service Name', service],
    ['Service File Name', file],
    ['Service Type', 'user mode service'],
    ['Service Start Type', startType],
    ['Service Account', account],
  ]);
}

/** Builds the 7036 message: a service entered a state. */
export function serviceStateMessage({ service, state }) {
  return `The ${service} service entered the ${state} state.`;
}

/** Builds the 7040 message: the start type of a service was changed. */
export function serviceStartTypeMessage({ service, from, to }) {
  return `The start type of the ${service} service was changed from ${from} to ${to}.`;
}

// Patterns that find personal and internal identifiers in structured tool
// results and in free text (payloads, notes, descriptions).

/** Internal IPv4 (RFC 1918), not followed by a CIDR suffix or more digits. */
export const internalIpv4Pattern =
  /(?<![\d.])(?:10\.\d{1,3}\.\d{1,3}\.\d{1,3}|172\.(?:1[6-9]|2\d|3[01])\.\d{1,3}\.\d{1,3}|192\.168\.\d{1,3}\.\d{1,3})(?![\d]|\.\d|\/\d)/g;

/** E-mail addresses. */
export const emailPattern =
  /(?<![\w.%+-])([A-Za-z0-9][A-Za-z0-9._%+-]{0,63})@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)/g;

/**
 * Windows down-level logon names (`CORP\jdoe`). The lookbehind and lookahead
 * skip file paths such as `C:\Windows\System32`.
 */
export const downLevelLogonPattern =
  /(?<![\w\\:.$-])([A-Za-z][A-Za-z0-9-]{0,14})\\([A-Za-z0-9][A-Za-z0-9._$-]{0,63})(?![\\\w])/g;

/** Free-text shapes that introduce a user name, group 1 being the name. */
export const userTextPatterns: RegExp[] = [
  /\b(?:user(?:name)?|usr|suser|duser|src_?user|dst_?user|account(?:[ _]?name)?|target_?user(?:name)?|subject_?user(?:name)?|logon[ _]?account|login)\s*[:=]\s*["']?([A-Za-z0-9][\w.$-]*)/gi,
  /\b(?:for|by|as|of) (?:invalid )?user ["']?([A-Za-z0-9][\w.$-]*)/gi,
  /\b(?:Failed|Accepted) (?:password|publickey|keyboard-interactive) for (?:invalid user )?([A-Za-z0-9][\w.$-]*) from\b/gi,
  /\buser ["']([A-Za-z0-9][\w.$-]*)["']/gi,
  /[\\/](?:Users|home)[\\/]([A-Za-z0-9][\w.$-]*)(?=[\\/])/gi,
];

/** Free-text shapes that introduce a host name, group 1 being the name. */
export const hostTextPatterns: RegExp[] = [
  /\b(?:host(?:[ _]?name)?|computer(?:[ _]?name)?|workstation(?:[ _]?name)?|machine(?:[ _]?name)?|shost|dhost|dvchost|src_?host|dst_?host|device[ _]?name)\s*[:=]\s*["']?([A-Za-z0-9][\w.-]*)/gi,
  /\b(?:on|from|to) host ["']?([A-Za-z0-9][\w.-]*)/gi,
  // Prose such as "her desktop lab-pc-12": a machine noun, then a name
  // with a digit in it, which ordinary words lack.
  /\b(?:desktop|laptop|workstation|server|host|machine|endpoint|computer|device|console)\s+([A-Za-z][A-Za-z0-9-]*\d[A-Za-z0-9-]*)\b/gi,
  // An address followed by its name in brackets: "10.1.2.3 (build07)".
  /\d{1,3}(?:\.\d{1,3}){3}\s*\(([A-Za-z][A-Za-z0-9-]*)\)/g,
];

/** Structured keys whose string values are user names or people. */
export const userKeyPattern =
  /^(?:user(?:_?name)?s?|account(?:_?name)?|(?:\w+_)?owner|contact|src_?user|dst_?user|suser|duser|target_?user(?:_?name)?|subject_?user(?:_?name)?|login|assigned_to|approver|email|e_?mail)$/i;

/** Structured keys whose string values are host names. */
export const hostKeyPattern =
  /^(?:host(?:_?name)?s?|computer(?:_?name)?|workstation(?:_?name)?|machine(?:_?name)?|src_?host|dst_?host|shost|dhost|fqdn|netbios(?:_?name)?|device_?name)$/i;

/**
 * Words that follow "user" or "host" in prose, or built-in account names:
 * none is personal, and pseudonymizing them would garble the text.
 */
export const ignoredNames = new Set(
  [
    'a an the and or is was has to from with in on of for by at as not no ' +
      'none null unknown n/a na - account accounts name names login logon ' +
      'logins activity session agent data access group groups id ids ' +
      'isolation based level rights privileges profile list count ' +
      'information details credentials password behavior behaviour scan ' +
      'discovery invalid user users host hosts local localhost ' +
      'administrator administrators admin root system guest krbtgt ' +
      'anonymous service network everyone builtin nt authority workgroup ' +
      'true false',
  ]
    .join('')
    .split(' '),
);

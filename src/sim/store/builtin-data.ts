/** An offense type: the property an offense is indexed on. */
export interface OffenseType {
  id: number;
  name: string;
  property_name: string;
  database_type: 'EVENTS' | 'FLOWS' | 'COMMON';
  custom: boolean;
}

function offenseType(
  id: number,
  name: string,
  propertyName: string,
  databaseType: OffenseType['database_type'] = 'COMMON',
): OffenseType {
  return {
    id,
    name,
    property_name: propertyName,
    database_type: databaseType,
    custom: false,
  };
}

/**
 * The built-in offense types of a QRadar 7.5 console. Ids 0 (Source IP) and
 * 3 (Username) are confirmed by recorded responses; the rest follow the usual
 * built-in table and are unverified against a console.
 */
export const builtinOffenseTypes: readonly OffenseType[] = [
  offenseType(0, 'Source IP', 'sourceIP'),
  offenseType(1, 'Destination IP', 'destinationIP'),
  offenseType(2, 'Event Name', 'qid', 'EVENTS'),
  offenseType(3, 'Username', 'userName', 'EVENTS'),
  offenseType(4, 'Source MAC Address', 'sourceMAC', 'EVENTS'),
  offenseType(5, 'Destination MAC Address', 'destinationMAC', 'EVENTS'),
  offenseType(6, 'Log Source', 'deviceId', 'EVENTS'),
  offenseType(7, 'Hostname', 'hostName', 'EVENTS'),
  offenseType(8, 'Source Port', 'sourcePort'),
  offenseType(9, 'Destination Port', 'destinationPort'),
  offenseType(10, 'Source IPv6', 'sourceIPv6'),
  offenseType(11, 'Destination IPv6', 'destinationIPv6'),
  offenseType(12, 'Source ASN', 'sourceASN', 'FLOWS'),
  offenseType(13, 'Destination ASN', 'destinationASN', 'FLOWS'),
  offenseType(14, 'Rule', 'rule'),
  offenseType(15, 'App Id', 'appId', 'FLOWS'),
  offenseType(18, 'Scheduled Search', 'scheduledSearch', 'EVENTS'),
];

/** A reason an offense can be closed with. */
export interface ClosingReason {
  id: number;
  text: string;
  is_reserved: boolean;
  is_deleted: boolean;
}

/**
 * The stock closing reasons (ids 1 to 3 as recorded from consoles) plus one
 * reserved reason, which the API hides by default and never accepts for a close.
 */
export const stockClosingReasons: readonly ClosingReason[] = [
  { id: 1, text: 'Non-Issue', is_reserved: false, is_deleted: false },
  {
    id: 2,
    text: 'False-Positive, Tuned',
    is_reserved: false,
    is_deleted: false,
  },
  { id: 3, text: 'Policy Violation', is_reserved: false, is_deleted: false },
  { id: 4, text: 'System Closed', is_reserved: true, is_deleted: false },
];

/** Username that QRadar records for changes made with an authorized-service token. */
export const apiTokenUsername = 'API_token: qradar-mcp';

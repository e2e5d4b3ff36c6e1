// Every case spec, in one list for the generator.

import { beaconingCases } from './beaconing.mjs';
import { credentialDumpingCases } from './credential-dumping.mjs';
import { domainControllerCases } from './domain-controller.mjs';
import { impossibleTravelCases } from './impossible-travel.mjs';
import { lateralMovementCases } from './lateral-movement.mjs';
import { passwordSprayCases } from './password-spray.mjs';
import { phishingCases } from './phishing.mjs';
import { ransomwareCases } from './ransomware.mjs';
import { toolsPersistenceCases } from './tools-persistence.mjs';
import { transferScanCases } from './transfers-scans.mjs';
import { vpnSshCases } from './vpn-ssh.mjs';
import { webAttackCases } from './web-attacks.mjs';

/** All case specs, sorted by case number. */
export const caseSpecs = [
  ...vpnSshCases,
  ...passwordSprayCases,
  ...credentialDumpingCases,
  ...domainControllerCases,
  ...toolsPersistenceCases,
  ...lateralMovementCases,
  ...ransomwareCases,
  ...impossibleTravelCases,
  ...beaconingCases,
  ...transferScanCases,
  ...phishingCases,
  ...webAttackCases,
].sort((left, right) => left.number - right.number);

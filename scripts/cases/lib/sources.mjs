// Public recordings the case events are derived from, for evals/cases/SOURCES.md.

const sigma = {
  repository: 'SigmaHQ/sigma',
  commit: '8eaafff1f2845a696050e05e72ba1140ee190698',
  licence: 'Detection Rule License 1.1',
};
const otrf = {
  repository: 'OTRF/Security-Datasets',
  commit: 'd9d40ef123d2c87d5d3df28c96bcab4f0faccc87',
  licence: 'MIT, Copyright (c) 2021 Open Threat Research Forge',
};
const sentinel = {
  repository: 'Azure/Azure-Sentinel',
  licence: 'MIT (Microsoft)',
};

/** Each recording: where it lives and what the cases take from it. */
export const recordings = {
  'sentinel-openvpn': {
    ...sentinel,
    path: 'Sample Data/Syslog/OpenVPN.txt',
    commit: '1b4ccf67c11f615b5400fbe44a4f4e5f8893becb',
    use: 'Wording and layout of the OpenVPN syslog lines (`ip:port [user] Peer Connection Initiated with [AF_INET]ip:port`, `user/ip:port MULTI_sva: pool returned IPv4=…`) for the ordinary sessions; the failure lines follow the same layout.',
  },
  'sentinel-crowdstrike': {
    ...sentinel,
    path: 'Sample Data/ASIM/CrowdStrike_Falcon_ASimAuthentication_RawLogs.txt',
    commit: 'c3b99ac48e2a3cf7f2e05548f748a6f7cdcbe8fc',
    use: 'CEF layout of the Falcon `userAuthenticate` and `twoFactorAuthenticate` audit events (cat, destinationTranslatedAddress, duser, cn3 offset, outcome, deviceCustomDate1, rt); users, addresses and times replaced.',
  },
  'sentinel-firepower': {
    ...sentinel,
    path: 'Sample Data/ASIM/Cisco_Firepower_ASimNetworkSession_RawLogs.txt',
    commit: '9a09dab5ee2649bb95cf6e5a85a5b0e9048d86bb',
    use: 'CEF layout of the Firepower `CONNECTION STATISTICS` events (bytesIn, bytesOut, act, app, zones, fwPolicy and fwRule labels) and the kinds of low-value alerts (application blocks, unusual ICMP drops, STREAM5_BAD_RST would-be-blocks).',
  },
  'sigma-taskmgr-lsass': {
    ...sigma,
    path: 'regression_data/rules/windows/file/file_event/file_event_win_taskmgr_lsass_dump/',
    rule: 'LSASS Process Memory Dump Creation Via Taskmgr.EXE (69ca12af-119d-44ed-b50f-a47af0ebc364), by Swachchhanda Shrawan Poudel',
    use: "Sysmon 11 of taskmgr.exe writing `lsass.DMP` under the administrator's Temp folder on a domain controller.",
  },
  'sigma-cred-dump-tools': {
    ...sigma,
    path: 'regression_data/rules/windows/file/file_event/file_event_win_cred_dump_tools_dropped_files/',
    rule: 'Cred Dump Tools Dropped Files (8fbf3271-1ef6-4e94-8210-03c2317947f6), by Teymur Kheirkhabarov, oscd.community',
    use: 'Sysmon 11 of explorer.exe dropping `procdump64.exe` and its `:Zone.Identifier` stream into Downloads.',
  },
  'sigma-certutil': {
    ...sigma,
    path: 'regression_data/rules/windows/process_creation/proc_creation_win_certutil_download/',
    rule: 'Suspicious Download Via Certutil.EXE (19b08b1c-861d-4e75-a1ef-ea0c1baf202b), by Florian Roth, Jonhnathan Ribeiro, oscd.community, Nasreddine Bencherchali',
    use: 'Sysmon 1 of `certutil.exe -urlcache -f <url> <file>` started by cmd.exe (image metadata, flags); URL, file and user replaced.',
  },
  'sigma-wmic-remote': {
    ...sigma,
    path: 'regression_data/rules/windows/process_creation/proc_creation_win_wmic_remote_execution/',
    rule: 'WMIC Remote Command Execution (7773b877-5abb-4a3e-b9c9-fd0369b59b00), by frack113, Nasreddine Bencherchali',
    use: 'Sysmon 1 of `WMIC.exe /user:… /password:… /node:… process call create …` started by `powershell.exe -ep bypass`.',
  },
  'sigma-netexec': {
    ...sigma,
    path: 'regression_data/rules/windows/process_creation/proc_creation_win_hktl_netexec/',
    rule: 'HackTool - NetExec Execution (7638e5fe-600c-4289-a968-f49dd537ec7d), by Chirag Damani',
    use: "Sysmon 1 of `nxc.exe smb <target> -u <user> -p <password>` run from the user's Downloads folder (unsigned, no version metadata).",
  },
  'sigma-system-restore': {
    ...sigma,
    path: 'regression_data/rules/windows/process_creation/proc_creation_win_reg_system_restore_modification/',
    rule: 'System Restore Registry Modification via CommandLine (7c06ab9b-b1d2-4ba9-b06e-09491ded20d9), by Swachchhanda Shrawan Poudel',
    use: 'Sysmon 1 of `reg add …\\SystemRestore /v DisableSR|DisableConfig /t REG_DWORD /d 1 /f` started by cmd.exe.',
  },
  'sigma-sr-task-disabled': {
    ...sigma,
    path: 'regression_data/rules/windows/builtin/security/win_security_susp_scheduled_task_delete_or_disable/',
    rule: 'Important Scheduled Task Deleted/Disabled (7595ba94-cf3b-4471-aa03-4f6baa9e5fad), by Nasreddine Bencherchali',
    use: 'Security 4701 for `\\Microsoft\\Windows\\SystemRestore\\SR`.',
  },
  'sigma-hidden-user': {
    ...sigma,
    path: 'regression_data/rules/windows/registry/registry_event/registry_event_add_local_hidden_user/',
    rule: 'Creation of a Local Hidden User Account by Registry (460479f3-80b7-42da-9c43-2cc1d54dbccd), by Christian Burkard',
    use: 'Sysmon 13 of lsass.exe writing `HKLM\\SAM\\SAM\\Domains\\Account\\Users\\Names\\hideme0007$\\(Default)`.',
  },
  'sigma-firewall-disable': {
    ...sigma,
    path: 'regression_data/rules/windows/registry/registry_set/registry_set_disable_defender_firewall/',
    rule: 'Disable Microsoft Defender Firewall via Registry (974515da-6cc5-4c95-ae65-f97f9150ec7f), by frack113',
    use: 'Sysmon 13 of reg.exe setting `…\\FirewallPolicy\\PublicProfile\\EnableFirewall` to `DWORD (0x00000000)`.',
  },
  'sigma-powershell-base64': {
    ...sigma,
    path: 'regression_data/rules/windows/process_creation/proc_creation_win_powershell_base64_invoke/',
    rule: 'PowerShell Base64 Encoded Invoke Keyword (6385697e-9f1b-40bd-8817-f4a91f40508e), by pH-T, Harjot Singh, @cyb3rjy0t',
    use: 'Shape of `powershell -exec bypass -e <UTF-16LE base64>` process creation; the encoded commands are our own.',
  },
  'otrf-lsass-comsvcs': {
    ...otrf,
    path: 'datasets/atomic/windows/credential_access/host/psh_lsass_memory_dump_comsvcs.zip (metadata SDWIN-201018195009)',
    use: 'The rundll32 `comsvcs.dll, MiniDump <pid> …\\lsass-comsvcs.dmp full` command line, the Sysmon 10 access to lsass with GrantedAccess 0x1fffff and 0x1410 and their CallTrace through dbgcore.dll and comsvcs.dll, the Sysmon 11 dump file and the Security 4688.',
  },
  'otrf-sam-esentutl': {
    ...otrf,
    path: 'datasets/atomic/windows/credential_access/host/cmd_sam_copy_esentutl.zip (metadata SDWIN-201019002900)',
    use: 'The `esentutl.exe /y /vss C:\\Windows\\System32\\config\\SAM /d …` copy through a volume shadow copy, started from cmd.exe.',
  },
  'otrf-covenant-smb': {
    ...otrf,
    path: 'datasets/atomic/windows/lateral_movement/host/covenant_copy_smb_CreateRequest.zip (metadata SDWIN-200806015757)',
    use: 'The remote copy of `GruntHTTP.exe` to `\\\\target\\C$\\ProgramData`: 4624 logon type 3, 5140 on IPC$ and C$, 5145 for `ProgramData\\GruntHTTP.exe` with write access, Sysmon 11 by System on the target and Sysmon 3 to port 445.',
  },
  'otrf-service-binpath': {
    ...otrf,
    path: 'datasets/atomic/_metadata/SDWIN-201021204544.yaml',
    use: 'The technique: `sc config Fax binPath= <powershell …>` followed by `sc start Fax` (T1543.003).',
  },
  'otrf-ec2-exfil': {
    ...otrf,
    path: 'datasets/atomic/aws/collection/ec2_proxy_s3_exfiltration.zip (metadata SDAWS-200914011940)',
    use: 'The idea only (collect a data store, then sync it out with a command-line tool); no rows are copied.',
  },
  'secrl-incident-5': {
    repository: 'microsoft/SecRL',
    path: 'incident_reports/incident_5_incident_report.txt',
    commit: '03960345f370c2ffcf5e417807b357645c57838d',
    licence: 'MIT, Copyright (c) Microsoft Corporation',
    use: 'The narrative: PsExec-style lateral movement from one foothold, `vssadmin delete shadows`, `bcdedit` recovery tampering and files renamed with a `.lockbit` extension plus a ransom note.',
  },
  'invented-windows': {
    use: 'Invented Windows Security, System and AD FS events in WinCollect key=value form, written from the event schemas Windows documents.',
  },
  'invented-linux': {
    use: 'Invented sshd, BIND, Squid or Apache syslog lines in the standard formats of those programs.',
  },
  'invented-network': {
    use: 'Invented firewall, flow, mail gateway or Exchange audit records.',
  },
};

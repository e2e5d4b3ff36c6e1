// Paths and strings of standard Windows programs that many cases reuse.

/** Windows shell. */
export const explorer = 'C:\\Windows\\explorer.exe';

/** Command interpreter. */
export const cmd = 'C:\\Windows\\System32\\cmd.exe';

/** Windows PowerShell 5.1. */
export const powershell =
  'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

/** Local Security Authority process, the target of credential dumping. */
export const lsass = 'C:\\Windows\\system32\\lsass.exe';

/** WMI provider host, the parent of processes started through WMI. */
export const wmiHost = 'C:\\Windows\\System32\\wbem\\WmiPrvSE.exe';

/** Service host of the Task Scheduler. */
export const scheduler = 'C:\\Windows\\System32\\svchost.exe';

/** Command line of the Task Scheduler's service host. */
export const schedulerCmd =
  'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule';

/** Outlook from Microsoft 365 Apps. */
export const outlook =
  'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE';

/** Microsoft Edge. */
export const edge =
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';

/** User agent of Edge on Windows 11. */
export const browser =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0';

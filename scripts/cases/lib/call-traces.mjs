// CallTrace values of Sysmon 10 (process access) events against LSASS.

/** Stack of the comsvcs.dll MiniDump read of LSASS, as the OTRF comsvcs dataset recorded it. */
export const comsvcsCallTrace =
  'C:\\windows\\SYSTEM32\\ntdll.dll+9c584|C:\\windows\\SYSTEM32\\ntdll.dll+74bf7|C:\\windows\\System32\\KERNEL32.DLL+1c258|C:\\windows\\System32\\KERNEL32.DLL+23278|C:\\windows\\SYSTEM32\\dbgcore.DLL+9447|C:\\windows\\SYSTEM32\\dbgcore.DLL+16185|C:\\windows\\SYSTEM32\\dbgcore.DLL+100a6|C:\\windows\\SYSTEM32\\dbgcore.DLL+613f|C:\\windows\\SYSTEM32\\dbgcore.DLL+6bbc|C:\\windows\\System32\\comsvcs.dll+3c684|C:\\Windows\\System32\\rundll32.exe+3bcf|C:\\Windows\\System32\\rundll32.exe+62d9|C:\\windows\\System32\\KERNEL32.DLL+17c24|C:\\windows\\SYSTEM32\\ntdll.dll+6cea1';

/** Stack of the second LSASS access (GrantedAccess 0x1410) in the same dataset. */
export const comsvcsOpenTrace =
  'C:\\windows\\SYSTEM32\\ntdll.dll+9c584|C:\\windows\\System32\\KERNELBASE.dll+305fe|C:\\windows\\System32\\comsvcs.dll+3c56f|C:\\Windows\\System32\\rundll32.exe+3bcf|C:\\Windows\\System32\\rundll32.exe+62d9|C:\\windows\\System32\\KERNEL32.DLL+17c24|C:\\windows\\SYSTEM32\\ntdll.dll+6cea1';

/** Invented stack of a dump tool (`image`) reading LSASS through dbgcore.dll. */
export const dumpToolTrace = (image) =>
  `C:\\Windows\\SYSTEM32\\ntdll.dll+9d1e4|C:\\Windows\\System32\\KERNELBASE.dll+2c0fe|C:\\Windows\\SYSTEM32\\dbgcore.DLL+6bbc|${image}+3a2f1|C:\\Windows\\System32\\KERNEL32.DLL+17614|C:\\Windows\\SYSTEM32\\ntdll.dll+526f1`;

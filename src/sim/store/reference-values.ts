import { isIP } from 'node:net';

/** Returns the key under which a set stores a value, so duplicates collapse. */
export function referenceValueKey(elementType: string, value: string): string {
  if (elementType === 'ALNIC') return value.toLowerCase();
  if (elementType === 'IP' || elementType === 'CIDR')
    return value.trim().toLowerCase();
  return value;
}

function isCidr(value: string): boolean {
  const [address, prefix, extra] = value.split('/');
  if (address === undefined || prefix === undefined || extra !== undefined)
    return false;
  const version = isIP(address);
  const bits = Number(prefix);
  return (
    version !== 0 && /^\d+$/.test(prefix) && bits <= (version === 4 ? 32 : 128)
  );
}

/**
 * Checks a value against a reference set's element type and returns the
 * reason it is invalid, or undefined when it fits.
 */
export function checkReferenceValue(
  elementType: string,
  value: string,
): string | undefined {
  switch (elementType) {
    case 'IP':
      return isIP(value) === 0 ? 'expected an IPv4 or IPv6 address' : undefined;
    case 'CIDR':
      return isCidr(value) ? undefined : 'expected a CIDR such as 10.0.0.0/8';
    case 'NUM':
      return /^-?\d+(\.\d+)?$/.test(value) ? undefined : 'expected a number';
    case 'PORT':
      return /^\d+$/.test(value) && Number(value) <= 65_535
        ? undefined
        : 'expected a port from 0 to 65535';
    case 'DATE':
      return /^\d+$/.test(value) ? undefined : 'expected epoch milliseconds';
    default:
      return value === '' ? 'expected a non-empty value' : undefined;
  }
}

const monthNames = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
const dayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function formatField(
  letter: string,
  width: number,
  date: Date,
): string | undefined {
  const hours = date.getUTCHours();
  switch (letter) {
    case 'y':
    case 'Y':
      return width === 2
        ? pad(date.getUTCFullYear() % 100, 2)
        : pad(date.getUTCFullYear(), width);
    case 'M':
      if (width >= 3) return monthNames[date.getUTCMonth()];
      return pad(date.getUTCMonth() + 1, width);
    case 'd':
      return pad(date.getUTCDate(), width);
    case 'H':
      return pad(hours, width);
    case 'h':
      return pad(hours % 12 === 0 ? 12 : hours % 12, width);
    case 'm':
      return pad(date.getUTCMinutes(), width);
    case 's':
      return pad(date.getUTCSeconds(), width);
    case 'S':
      return pad(date.getUTCMilliseconds(), 3).slice(0, width);
    case 'a':
      return hours < 12 ? 'AM' : 'PM';
    case 'E':
      return dayNames[date.getUTCDay()];
    case 'z':
      return 'UTC';
    case 'Z':
      return '+0000';
    case 'X':
      return 'Z';
    default:
      return undefined;
  }
}

/**
 * Formats epoch milliseconds in UTC with a Java SimpleDateFormat pattern, as
 * AQL's DATEFORMAT does. Supported letters are `yyyy MM dd HH hh mm ss SSS a E`
 * (`YYYY` is read as `yyyy`), and text in single quotes is kept verbatim.
 */
export function formatJavaDate(ms: number, pattern: string): string {
  const date = new Date(ms);
  let output = '';
  let index = 0;
  while (index < pattern.length) {
    const char = pattern.charAt(index);
    if (char === "'") {
      const close = pattern.indexOf("'", index + 1);
      const end = close === -1 ? pattern.length : close;
      output += end === index + 1 ? "'" : pattern.slice(index + 1, end);
      index = end + 1;
      continue;
    }
    let width = 1;
    while (pattern.charAt(index + width) === char) width += 1;
    const field = /[A-Za-z]/.test(char)
      ? formatField(char, width, date)
      : undefined;
    output += field ?? pattern.slice(index, index + width);
    index += width;
  }
  return output;
}

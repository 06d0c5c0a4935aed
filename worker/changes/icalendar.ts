/**
 * An iCalendar (RFC 5545) writer for all-day events (no I/O): CRLF line ends, lines folded
 * at 75 octets without splitting a UTF-8 character, TEXT values escaped.
 */

export type AllDayEvent = {
  /** Globally unique and stable, so a calendar app updates the event instead of duplicating it. */
  uid: string;
  summary: string;
  description?: string;
  /** First day, ISO "YYYY-MM-DD". */
  from: string;
  /** Last day, included; DTEND is written as the day after (exclusive, as RFC 5545 wants). */
  to: string;
  categories?: string;
  url?: string;
};

/** TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newlines. */
export const escapeText = (text: string) =>
  text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');

const encoder = new TextEncoder();

/** Fold a content line into lines of at most 75 octets; continuation lines start with a space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const basicDate = (iso: string) => iso.replaceAll('-', '');
const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** "20261125T150700Z" */
export const dateTimeStamp = (instant: Date) => instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export function icalendar(name: string, events: AllDayEvent[], now: Date): string {
  const stamp = dateTimeStamp(now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Samverkansplattformen//Ändringskalender//SV',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeText(name)}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT12H',
    'X-PUBLISHED-TTL:PT12H',
    ...events.flatMap((e) => [
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${basicDate(e.from)}`,
      `DTEND;VALUE=DATE:${basicDate(dayAfter(e.to))}`,
      `SUMMARY:${escapeText(e.summary)}`,
      ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
      ...(e.categories ? [`CATEGORIES:${escapeText(e.categories)}`] : []),
      ...(e.url ? [`URL:${e.url}`] : []),
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

// Dates and times in suppression files, read the same on every machine whatever its time zone.
// ISO 8601 calendar dates and RFC 3339 date-times (https://www.rfc-editor.org/rfc/rfc3339#section-5.6).

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Milliseconds since the epoch of `YYYY-MM-DD` at 00:00 UTC, or undefined when it is not a real calendar date. */
export function parseIsoDate(text: string): number | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  return utc(Number(match[1]), Number(match[2]), Number(match[3]), 0, 0, 0, 0);
}

/**
 * Milliseconds since the epoch of an RFC 3339 date-time, or undefined when it is not one. The offset (`Z` or `+hh:mm`)
 * is required: without it the instant would depend on the reader's time zone. Fractions beyond milliseconds (the
 * OpenVEX examples carry nanoseconds) are truncated.
 */
export function parseRfc3339(text: string): number | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [hour, minute, second] = [Number(match[4]), Number(match[5]), Number(match[6])];
  // 60: a leap second, which the ECMAScript clock folds into the next one
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const millis = match[7] ? Number(match[7].slice(0, 3).padEnd(3, '0')) : 0;
  const local = utc(
    Number(match[1]),
    Number(match[2]),
    Number(match[3]),
    hour,
    minute,
    second,
    millis,
  );
  if (local === undefined) return undefined;
  if (match[8]) return local;
  const [offsetHours, offsetMinutes] = [Number(match[10]), Number(match[11])];
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
  return match[9] === '+' ? local - offset : local + offset;
}

function utc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
): number | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1) return undefined; // February 30 rolls over into March
  date.setUTCHours(hour, minute, second, millis);
  return date.getTime();
}

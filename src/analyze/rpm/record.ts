// Turns one installed package's rpm header into the record the analyzer keeps: identity, source, licence, files, deps.
// Tag numbers: https://rpm-software-management.github.io/rpm/manual/tags.html (rpm's include/rpm/rpmtag.h).

import { InputError } from '../../errors.js';
import { RpmHeader } from './header.js';
import { compareText } from '../../model/order.js';

/** The tags read, numbered as rpmtag.h. */
export const RpmTag = {
  NAME: 1000,
  VERSION: 1001,
  RELEASE: 1002,
  EPOCH: 1003,
  SUMMARY: 1004,
  VENDOR: 1011,
  LICENSE: 1014,
  PACKAGER: 1015,
  ARCH: 1022,
  OLDFILENAMES: 1027,
  SOURCERPM: 1044,
  PROVIDENAME: 1047,
  REQUIRENAME: 1049,
  DIRINDEXES: 1116,
  BASENAMES: 1117,
  DIRNAMES: 1118,
} as const;

/** One installed package as its header describes it (JSON-serialisable: it is cached per layer). */
export interface RpmRecord {
  name: string;
  version: string;
  release: string;
  /** Absent when the header has no EPOCH tag (rpm then treats it as 0). */
  epoch?: number;
  arch?: string;
  /** The source rpm's file name, "NAME-VERSION-RELEASE.src.rpm". */
  sourceRpm?: string;
  license?: string;
  vendor?: string;
  packager?: string;
  summary?: string;
  /** Absolute paths as rpm records them ("/usr/bin/bash"), sorted, without duplicates. */
  files: string[];
  /** PROVIDENAME: capability names, without versions. */
  provides: string[];
  /** REQUIRENAME without versions and without rpmlib(...) features, which no package provides. */
  requires: string[];
}

/** The name rpm gives the pseudo packages that hold imported signing keys: not software, never reported. */
export const GPG_PUBKEY_NAME = 'gpg-pubkey';

/** Reads the record from a parsed header; throws InputError(subject, ...) when a required tag is missing or corrupt. */
export function rpmRecordFromHeader(header: RpmHeader, subject: string): RpmRecord {
  const name = header.string(RpmTag.NAME);
  const version = header.string(RpmTag.VERSION);
  const release = header.string(RpmTag.RELEASE);
  if (!name) throw new InputError(subject, 'header has no package name');
  if (version === undefined || release === undefined) {
    throw new InputError(subject, `header of ${name} has no version or release`);
  }
  const record: RpmRecord = {
    name,
    version,
    release,
    files: fileList(header, subject),
    provides: uniqueSorted(header.strings(RpmTag.PROVIDENAME)),
    requires: uniqueSorted(
      header.strings(RpmTag.REQUIRENAME).filter((r) => !r.startsWith('rpmlib(')),
    ),
  };
  const epoch = header.integers(RpmTag.EPOCH)[0];
  if (epoch !== undefined) record.epoch = epoch;
  const optional = [
    ['arch', RpmTag.ARCH],
    ['sourceRpm', RpmTag.SOURCERPM],
    ['license', RpmTag.LICENSE],
    ['vendor', RpmTag.VENDOR],
    ['packager', RpmTag.PACKAGER],
    ['summary', RpmTag.SUMMARY],
  ] as const;
  for (const [field, tag] of optional) {
    const value = header.string(tag);
    if (value !== undefined && value !== '') record[field] = value;
  }
  return record;
}

/** Parses a header blob straight into a record. */
export function parseRpmRecord(blob: Buffer, subject: string): RpmRecord {
  return rpmRecordFromHeader(RpmHeader.parse(blob, subject), subject);
}

/**
 * rpm 4 stores paths compressed (each BASENAMES entry joined to DIRNAMES[DIRINDEXES[i]]); headers built by rpm 3
 * and earlier carry OLDFILENAMES instead.
 */
function fileList(header: RpmHeader, subject: string): string[] {
  const basenames = header.strings(RpmTag.BASENAMES);
  if (basenames.length === 0) return uniqueSorted(header.strings(RpmTag.OLDFILENAMES));
  const dirnames = header.strings(RpmTag.DIRNAMES);
  const dirIndexes = header.integers(RpmTag.DIRINDEXES);
  if (dirIndexes.length !== basenames.length) {
    throw new InputError(
      subject,
      `header has ${basenames.length} file names but ${dirIndexes.length} directory indexes`,
    );
  }
  return uniqueSorted(
    basenames.map((base, i) => {
      const dir = dirnames[dirIndexes[i]!];
      if (dir === undefined) {
        throw new InputError(
          subject,
          `file ${base} points at directory ${dirIndexes[i]} of ${dirnames.length}`,
        );
      }
      return dir + base;
    }),
  );
}

function uniqueSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compareText);
}

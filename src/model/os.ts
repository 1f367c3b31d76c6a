// The operating system identity of an image, from os-release(5) and distribution fallbacks.
// https://www.freedesktop.org/software/systemd/man/latest/os-release.html

export interface OsInfo {
  /** Lower-case distribution id: debian, ubuntu, alpine, rhel, fedora, centos, rocky, almalinux, opensuse-leap, sles, azurelinux, mariner, ... */
  family: string;
  /** Release number as the distribution writes it: "12", "3.19.1", "39". */
  version?: string;
  /** Release code name, for example "bookworm". */
  codename?: string;
  /** PRETTY_NAME or the closest human-readable name. */
  prettyName?: string;
  /** The file it was read from, relative to the root. */
  source: string;
}

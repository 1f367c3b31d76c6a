// A package's licence as found: an SPDX expression when it can be expressed as one, else the text as written.
// SPDX expressions: https://spdx.github.io/spdx-spec/v2.3/SPDX-license-expressions/

export interface License {
  /** A valid SPDX licence expression ("GPL-2.0-or-later", "MIT OR Apache-2.0"). */
  expression?: string;
  /** The licence name as the package wrote it, when it is not (or not only) an SPDX expression. */
  text?: string;
}

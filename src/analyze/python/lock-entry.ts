// One package a Python lock or requirements file pins, as the python analyzer keeps it between parse and assemble.

export interface LockEntry {
  /** Normalised per PEP 503. */
  name: string;
  version: string;
  /** Only a development dependency (Pipfile.lock develop, a Poetry group other than main). */
  dev?: boolean;
  /** Normalised names of the packages it needs, when the lock file records them (poetry.lock). */
  dependencies?: string[];
  /** The environment marker the pin is limited to, as written. */
  marker?: string;
}

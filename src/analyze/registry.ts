// The one list of analyzers a scan runs, in assembly order: the os analyzer first, because package analyzers need
// the OS identity for their purls.

import type { Analyzer } from './analyzer.js';
import { apkAnalyzer } from './apk.js';
import { dpkgAnalyzer } from './dpkg.js';
import { goBinaryAnalyzer } from './go-binary.js';
import { javaAnalyzer } from './java.js';
import { npmAnalyzer } from './npm.js';
import { osAnalyzer } from './os-release.js';
import { phpAnalyzer } from './php.js';
import { pythonAnalyzer } from './python.js';
import { rubyAnalyzer } from './ruby.js';
import { rustAnalyzer } from './rust.js';
import { dotnetAnalyzer } from './dotnet.js';
import { rpmAnalyzer } from './rpm.js';

export function defaultAnalyzers(): Analyzer[] {
  return [
    osAnalyzer,
    dpkgAnalyzer,
    apkAnalyzer,
    rpmAnalyzer,
    pythonAnalyzer,
    npmAnalyzer,
    javaAnalyzer,
    rubyAnalyzer,
    phpAnalyzer,
    dotnetAnalyzer,
    goBinaryAnalyzer,
    rustAnalyzer,
  ] as Analyzer[];
}

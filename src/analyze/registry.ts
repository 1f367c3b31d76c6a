// The one list of analyzers a scan runs, in assembly order: the os analyzer first, because package analyzers need
// the OS identity for their purls.

import type { Analyzer } from './analyzer.js';
import { apkAnalyzer } from './apk.js';
import { dpkgAnalyzer } from './dpkg.js';
import { goBinaryAnalyzer } from './go-binary.js';
import { createJavaAnalyzer, javaAnalyzer, type JavaAnalyzerOptions } from './java.js';
import { npmAnalyzer } from './npm.js';
import { osAnalyzer } from './os-release.js';
import { phpAnalyzer } from './php.js';
import { pythonAnalyzer } from './python.js';
import { rubyAnalyzer } from './ruby.js';
import { rustAnalyzer } from './rust.js';
import { dotnetAnalyzer } from './dotnet.js';
import { rpmAnalyzer } from './rpm.js';

/** Settings of the analyzers that have any: the Java archive limits. */
export interface AnalyzerSettings {
  java?: JavaAnalyzerOptions;
}

export function defaultAnalyzers(settings: AnalyzerSettings = {}): Analyzer[] {
  return [
    osAnalyzer,
    dpkgAnalyzer,
    apkAnalyzer,
    rpmAnalyzer,
    pythonAnalyzer,
    npmAnalyzer,
    settings.java ? createJavaAnalyzer(settings.java) : javaAnalyzer,
    rubyAnalyzer,
    phpAnalyzer,
    dotnetAnalyzer,
    goBinaryAnalyzer,
    rustAnalyzer,
  ] as Analyzer[];
}

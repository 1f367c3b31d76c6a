#!/usr/bin/env -S node --max-semi-space-size=16
// The `seawall` command: runs the bundled CLI (build it first with `npm run build`).
// A larger young generation saves a scan of thousands of paths many short garbage collections.
import { main } from '../dist/bundle/seawall.js';

process.exitCode = await main(process.argv.slice(2));

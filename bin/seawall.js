#!/usr/bin/env node
// The `seawall` command: runs the compiled CLI (build it first with `npm run build`).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));

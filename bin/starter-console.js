#!/usr/bin/env node
// Checks the Node version, then runs the bundled CLI.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`starter-console needs Node.js 20.19 or newer (this is ${process.versions.node}).\n`);
  process.exit(2);
}
await import('../dist/cli.js');

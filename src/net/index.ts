/**
 * The one home of the network rules, used by every step that reaches the network (degit
 * snapshots, git clone / fetch / ls-remote / push, registry fetches, downloads): an inactivity
 * timeout (`--timeout <seconds>`, 60 s by default) that ends in one line, `<host> did not answer
 * within N s`; the proxy from HTTPS_PROXY / HTTP_PROXY / NO_PROXY; downloads into a file with a
 * size bound, leaving nothing behind when they fail.
 */
export { didNotAnswer, inactivityTimer, type NetworkOptions, timeoutSecondsOf } from './timeout.js';
export { hostOf, proxyFor, proxyVariables, showProxy } from './proxy.js';
export { downloadToFile } from './download.js';

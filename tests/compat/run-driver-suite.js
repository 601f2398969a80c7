// run-driver-suite.js - node-oracledb's own test suite (its repository's test/,
// fetched separately, never committed here) against private Warden instances.
//
// Each test file runs in a fresh instance with the suite's global hooks
// (test/hooks.js), in Thin mode, as user NODB (CONNECT, RESOURCE; SYSTEM is
// the suite's DBA user), under a time limit; the per-file counts of mocha's
// JSON report are printed, and with --failures every failing test's title and
// first error line.  Usage (scripts/run-driver-suite.sh installs mocha):
//   node run-driver-suite.js SUITE_DIR [--failures] [--timeout S] [FILE ...]
// SUITE_DIR holds test/ (a checkout of node-oracledb at v6.10.0); FILE names
// a file of test/ without .js; without any, the list below.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { startInstance } = require('./instance.js');

const DEFAULT_FILES = [
  'connection', 'connClose', 'examples', 'binding', 'nullColumnValues', 'columnMetadata',
  'resultSet1', 'resultSet2', 'fetchAs', 'maxRows', 'dataTypeNumber', 'dataTypeVarchar2',
  'dataTypeDate', 'dataTypeTimestamp1', 'dataTypeClob', 'dataTypeBlob', 'dataTypeRaw',
  'autoCommit', 'dmlReturning', 'executeMany1', 'binding_procedureBindIn',
  'binding_procedureBindInout', 'binding_functionBindOut', 'plsqlBindScalar', 'procAndFuncs',
  'implicitResults', 'fetchAsStringWithRefCursor', 'plsqlBindCursorsIN', 'lobBind1',
  'clobPlsqlBindAsString_bindin', 'callTimeout', 'pool', 'poolPing', 'errorTest',
];
const USER = 'NODB', PASSWORD = 'Nodb_pw1';

function parseArgs(argv) {
  const a = { suite: null, failures: false, timeout: 300, files: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--failures') a.failures = true;
    else if (argv[i] === '--timeout') a.timeout = Number(argv[++i]);
    else if (!a.suite) a.suite = argv[i];
    else a.files.push(argv[i].replace(/\.js$/, ''));
  }
  if (!a.suite) throw new Error('usage: run-driver-suite.js SUITE_DIR [--failures] [--timeout S] [FILE ...]');
  if (!a.files.length) a.files = DEFAULT_FILES;
  return a;
}

// A fresh instance with the suite's user.
async function instanceForSuite() {
  const oracledb = require('oracledb');
  const inst = await startInstance();
  const sys = await oracledb.getConnection({ user: 'system', password: inst.password,
    connectString: inst.connectString });
  await sys.execute(`create user ${USER} identified by ${PASSWORD}`);
  await sys.execute(`grant connect, resource to ${USER}`);
  await sys.close();
  return inst;
}

// Run mocha on hooks.js and FILE (DRY: only list its tests); resolves with mocha's JSON report
// (or null) and its output.
function runMocha(suite, file, inst, seconds, dry) {
  const mocha = require.resolve('mocha/bin/mocha.js');
  const env = {
    ...process.env,
    NODE_PATH: path.join(__dirname, 'node_modules'),
    NODE_ORACLEDB_USER: USER, NODE_ORACLEDB_PASSWORD: PASSWORD,
    NODE_ORACLEDB_CONNECTIONSTRING: inst ? inst.connectString : '127.0.0.1:1/NONE',
    NODE_ORACLEDB_DBA_PRIVILEGE: 'false',
    NODE_ORACLEDB_QA: 'true', /* callTimeout.js runs only then */
    NODE_ORACLEDB_DBA_USER: 'system', NODE_ORACLEDB_DBA_PASSWORD: inst ? inst.password : '',
  };
  const args = [mocha, '--no-config', '--reporter', 'json', '--timeout', '0', '--exit',
    ...(dry ? ['--dry-run'] : []), 'test/hooks.js', `test/${file}.js`];
  return new Promise(resolve => {
    const child = spawn(process.execPath, args, { cwd: suite, env });
    let out = '', err = '';
    child.stdout.on('data', d => { out += d; });
    child.stderr.on('data', d => { err += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), seconds * 1000);
    child.on('exit', code => {
      clearTimeout(timer);
      const start = out.indexOf('{\n  "stats"');
      let report = null;
      try { report = start >= 0 ? JSON.parse(out.slice(start)) : null; } catch { report = null; }
      resolve({ report, code, err, timedOut: code === null });
    });
  });
}

function firstLine(text) {
  return String(text || '').split('\n')[0].slice(0, 160);
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  const suite = path.resolve(a.suite);
  if (!fs.existsSync(path.join(suite, 'test', 'hooks.js'))) throw new Error(`no test/hooks.js in ${suite}`);
  let pass = 0, total = 0;
  for (const file of a.files) {
    const listed = await runMocha(suite, file, null, 60, true);
    const inst = await instanceForSuite();
    let r;
    try { r = await runMocha(suite, file, inst, a.timeout, false); } finally { await inst.stop(); }
    const s = r.report ? r.report.stats : null;
    const passes = s ? s.passes : 0, failures = s ? s.failures : 0, pending = s ? s.pending : 0;
    /* the tests the file has, as --dry-run lists them (a failed hook leaves tests unrun) */
    const tests = Math.max(listed.report ? listed.report.stats.tests : 0, passes + failures);
    pass += passes;
    total += tests;
    const note = r.timedOut ? ' (time limit)' : (!s ? ` (no report: ${firstLine(r.err)})` : '');
    console.log(`${file.padEnd(32)} ${String(passes).padStart(4)} of ${String(tests).padStart(4)} passed` +
      ` ${String(failures).padStart(4)} failed ${String(pending).padStart(3)} pending${note}`);
    if (a.failures && r.report)
      for (const f of r.report.failures)
        console.log(`    x ${f.fullTitle}\n      ${firstLine(f.err && f.err.message)}`);
  }
  console.log(`total: ${pass} of ${total} passed (${total ? (100 * pass / total).toFixed(1) : 0} %)`);
}

main().catch(e => { console.error(e.message); process.exit(2); });

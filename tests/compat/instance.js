// instance.js - start a private Warden instance for driver tests: a fresh
// data directory under the OS temp dir, a free loopback port, stopped by PID;
// optionally with a user holding CONNECT and RESOURCE.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const PASSWORD = 'Manager1';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
    srv.on('error', reject);
  });
}

function canConnect(port) {
  return new Promise(resolve => {
    const s = net.connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
  });
}

async function startInstance() {
  const bin = process.env.WARDEN_BIN || path.join(__dirname, '../../build/release/bin');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-compat-'));
  const port = await freePort();
  const out = fs.openSync(path.join(dir, 'wardend.out'), 'a');
  const child = spawn(path.join(bin, 'wardend'), ['-D', path.join(dir, 'data'), '-p', String(port)],
    { env: { ...process.env, WARDEN_PASSWORD: PASSWORD }, stdio: ['ignore', out, out] });
  const deadline = Date.now() + 10000;
  while (!(await canConnect(port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`wardend did not start; see ${dir}/wardend.out`);
    await new Promise(r => setTimeout(r, 50));
  }
  return {
    dir, port, pid: child.pid, password: PASSWORD,
    connectString: `127.0.0.1:${port}/WARDEN`,
    async stop() {
      if (child.exitCode === null) {
        const gone = new Promise(r => child.once('exit', r));
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 10000);
        await gone;
        clearTimeout(t);
      }
      if (!process.env.WARDEN_KEEP) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// An instance with USER (password PASSWORD) holding CONNECT and RESOURCE and the privileges in
// GRANTS; connect() logs it on.
async function startInstanceWithUser(user, password, grants = []) {
  const oracledb = require('oracledb');
  const inst = await startInstance();
  const connectString = inst.connectString;
  const sys = await oracledb.getConnection({ user: 'system', password: inst.password, connectString });
  await sys.execute(`create user ${user} identified by ${password}`);
  await sys.execute(`grant ${['connect', 'resource', ...grants].join(', ')} to ${user}`);
  await sys.close();
  return { inst, connect: () => oracledb.getConnection({ user, password, connectString }) };
}

// A cluster of N instances over one new data directory (wardend --instance n), each on its
// own free port. members[i] is instance i + 1: { port, connectString, stop(), start() }.
async function startCluster(n) {
  const bin = process.env.WARDEN_BIN || path.join(__dirname, '../../build/release/bin');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-compat-cluster-'));
  const out = fs.openSync(path.join(dir, 'wardend.out'), 'a');
  const members = [];
  for (let i = 1; i <= n; i++) {
    const port = await freePort();
    const member = {
      inst: i, port, child: null,
      connectString: `127.0.0.1:${port}/WARDEN/WARDEN${i}`, // pinned; a bare service is balanced
      async start() {
        this.child = spawn(path.join(bin, 'wardend'),
          ['-D', path.join(dir, 'data'), '-p', String(port), '--instance', String(i)],
          { env: { ...process.env, WARDEN_PASSWORD: PASSWORD }, stdio: ['ignore', out, out] });
        const deadline = Date.now() + 10000;
        while (!(await canConnect(port))) {
          if (this.child.exitCode !== null || Date.now() > deadline) throw new Error(`wardend --instance ${i} did not start; see ${dir}/wardend.out`);
          await new Promise(r => setTimeout(r, 50));
        }
      },
      async stop() {
        const child = this.child;
        if (!child || child.exitCode !== null) return;
        const gone = new Promise(r => child.once('exit', r));
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 10000);
        await gone;
        clearTimeout(t);
      },
    };
    await member.start();
    members.push(member);
  }
  return {
    dir, members, password: PASSWORD,
    async stop() {
      for (const m of [...members].reverse()) await m.stop();
      if (!process.env.WARDEN_KEEP) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

module.exports = { startInstance, startInstanceWithUser, startCluster };

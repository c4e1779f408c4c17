// A real nginx (Debian's package, `scripts/install-nginx.sh`) serving Bazel's HTTP cache
// protocol over WebDAV, for the remote-cache tests and bench: 127.0.0.1 only, a free port,
// a temporary config and root, stopped by `stop()`.
//
//   /cache/   GET and PUT (the remote cache)
//   /auth/    the same, only with `Authorization: Bearer <token>` (401 otherwise)
//   /slow/    GET of /cache/'s files at `slowRate` bytes per second
//   /broken/  500 for everything
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

export function nginxAvailable() {
  return fs.existsSync(NGINX) && spawnSync(NGINX, ['-v']).status === 0;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function accepts(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function config(dir, port, { token, slowRate }) {
  const dav = 'dav_methods PUT; create_full_put_path on; dav_access user:rw group:rw all:r;';
  const asRoot = process.getuid?.() === 0 ? 'user root;' : '';
  return `${asRoot}
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  client_max_body_size 0;
  server {
    listen 127.0.0.1:${port};
    root ${dir}/data;
    location /cache/ { ${dav} }
    location /auth/ {
      if ($http_authorization != "Bearer ${token}") { return 401; }
      ${dav}
    }
    location /slow/ { alias ${dir}/data/cache/; limit_rate ${slowRate}; }
    location /broken/ { return 500; }
  }
}
`;
}

/** Starts nginx; `url(prefix)` is its base URL for `/cache`, `/auth`, `/slow` or `/broken`. */
export async function startNginx({ token = 's3cret-token', slowRate = 20000 } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compiler-js-nginx-'));
  fs.mkdirSync(path.join(dir, 'data/cache'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'data/auth'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
  const port = await freePort();
  fs.writeFileSync(path.join(dir, 'nginx.conf'), config(dir, port, { token, slowRate }));
  let child;
  const start = async () => {
    child = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    for (let i = 0; i < 200; i++) {
      if (await accepts(port)) return;
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const log = fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : '';
    child.kill('SIGKILL');
    await exited;
    throw new Error(`nginx did not start on 127.0.0.1:${port}:\n${log}`);
  };
  /** Fast shutdown (SIGTERM): open connections are closed. */
  const stop = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    port,
    token,
    /** Files under a location (`cache`, `auth`), as nginx stores them. */
    data: (location) => path.join(dir, 'data', location),
    url: (location) => `http://127.0.0.1:${port}/${location}`,
    /** `[method, path, status]` of each request so far. */
    requests: () =>
      (fs.existsSync(path.join(dir, 'access.log')) ? fs.readFileSync(path.join(dir, 'access.log'), 'utf8') : '')
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const m = /"(\w+) (\S+) [^"]*" (\d+)/.exec(line);
          return m ? [m[1], m[2], Number(m[3])] : [line];
        }),
    stop,
    start,
    async close() {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

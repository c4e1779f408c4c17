/** Bad command-line usage: printed as one line with a pointer to `--help`, exit code 2. */
export class UsageError extends Error {}

export const HELP = `Usage: compiler <command> [options]

Commands:
  build <entries...>          Compile every module the entries reach, through the persistent cache
  transform <files|dirs...>   Compile TypeScript/JSX/modern JS
  minify <files|dirs...>      Minify JavaScript (.js, .mjs, .cjs)
  cache stats|clean           Show the size of the build cache, or empty it

Options for build:
  -d, --out-dir <dir>         Write one output per module into <dir>, laid out as under the root
      --root <dir>            Default: the folder that holds every entry
  -w, --watch                 Rebuild on every change until Ctrl-C
      --cache-dir <dir>       Default: node_modules/.cache/compiler-js of the nearest package.json
      --no-cache              Build without the persistent cache
      --cache-max-size <size> Evict least recently used entries above this (default 1GB)
      --external <pattern>    Leave matching specifiers as written (* matches anything); repeatable
      --include-node-modules <package>
                              Compile this package's modules too (* matches anything); repeatable
      --stats <file.json>     Write { modules, transformed, fromCache, written, removed, errors, ms }
                              and with a remote cache { localHits, remoteHits, remoteMisses,
                              remoteErrors, bytesDown, bytesUp } (with --watch: one per build)
      --trace <file.json>     Write a Chrome trace: one span per module task and transform pass
  -s, --source-maps <mode>    true (write .js.map files) or inline
      --config <file>         Options file (default: nearest compiler.config.json or .mjs)
      --remote-cache <url>    Share compiled modules through a server speaking Bazel's HTTP cache
                              protocol (bazel-remote, BuildBuddy, nginx WebDAV); default
                              $COMPILER_REMOTE_CACHE, else remoteCache in the config file
      --remote-cache-read-only
                              Read from the remote cache, never upload (untrusted builds)
      --remote-cache-timeout <ms>
                              Per request (default 10000); a failed request turns the remote off
  -q, --quiet                 Print nothing but errors
      --bundle                Bundle through Rollup into <out-dir> instead: packages included
                              unless --external, import() splits chunks; maps chain to the sources
      --format <format>       With --bundle: esm (default), cjs or iife
      --name <global>         With --bundle --format iife: the global for the entry's exports
      --packages external     With --bundle: leave every package in node_modules as written
      --minify                With --bundle: minify every chunk (all in one native call)

Options for transform (one file and neither -d nor -o: the output goes to stdout):
  -d, --out-dir <dir>         Write compiled files into <dir>, keeping the layout below each input dir
  -o, --out-file <file>       Write the single input file to <file>
      --stdin-filename <name> Read the source from stdin; <name> picks the syntax and options
  -s, --source-maps <mode>    true (write .js.map files) or inline
      --config <file>         Options file (default: nearest compiler.config.json or .mjs)
      --extensions <list>     Extensions to compile (default: .js,.jsx,.ts,.tsx,.mjs,.cjs,.mts,.cts)
      --ignore <glob>         Skip matching paths (relative to the cwd); repeatable
      --copy-files            Copy files that are not compiled into the out dir
  -q, --quiet                 Print nothing but errors
  -h, --help                  Show this help

Options for cache:
      --cache-dir <dir>       The cache to show or clean (default as for build)
      --json                  Print the figures as JSON

Options for minify:
  -d, --out-dir <dir>         Write minified files into <dir>, keeping the layout below each input dir
  -o, --out-file <file>       Write the single input file to <file>
      --source-map            Write .map files next to the outputs
      --config <file>         Terser-style options as JSON (compress, mangle, format, module, toplevel, ...)
  -q, --quiet                 Print nothing but errors
`;

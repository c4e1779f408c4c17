/** Bad command-line usage: printed with the help text, exit code 2. */
export class UsageError extends Error {}

export const HELP = `Usage: compiler <command> [options]

Commands:
  transform <files|dirs...>   Compile TypeScript/JSX/modern JS
  minify <files|dirs...>      Minify JavaScript (.js, .mjs, .cjs)

Options for transform:
  -d, --out-dir <dir>         Write compiled files into <dir>, keeping the layout below each input dir
  -o, --out-file <file>       Write the single input file to <file>
  -s, --source-maps <mode>    true (write .js.map files) or inline
      --config <file>         Options file (default: nearest compiler.config.json or .mjs)
      --extensions <list>     Extensions to compile (default: .js,.jsx,.ts,.tsx,.mjs,.cjs,.mts,.cts)
      --ignore <glob>         Skip matching paths (relative to the cwd); repeatable
      --copy-files            Copy files that are not compiled into the out dir
  -q, --quiet                 Print nothing but errors
  -h, --help                  Show this help

Options for minify:
  -d, --out-dir <dir>         Write minified files into <dir>, keeping the layout below each input dir
  -o, --out-file <file>       Write the single input file to <file>
      --source-map            Write .map files next to the outputs
      --config <file>         Terser-style options as JSON (compress, mangle, format, module, toplevel, ...)
  -q, --quiet                 Print nothing but errors
`;

// Replaced at compile time by `define` in compiler.config.json.
declare const __APP_VERSION__: string;
declare const __DEV_TOOLS__: boolean;
declare module 'react' {
  interface StyleHTMLAttributes<T> {
    jsx?: boolean;
    global?: boolean;
  }
}
export {};

// From `define` in vite.config.mjs.
declare const __APP_TITLE__: string;

// styled-jsx's attributes on <style>.
declare module 'react' {
  interface StyleHTMLAttributes<T> {
    jsx?: boolean;
    global?: boolean;
  }
}
export {};

// `__APP_VERSION__` and `__DEV_TOOLS__` come from `define` in compiler.config.json.
export const version: string = __APP_VERSION__;

export function devToolsEnabled(): boolean {
  if (__DEV_TOOLS__) {
    return true;
  }
  return false;
}

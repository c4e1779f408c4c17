import { expect, test } from '@jest/globals';
import { devToolsEnabled, version } from './version';

test('define replaces __APP_VERSION__ and __DEV_TOOLS__', () => {
  expect(version).toBe('1.4.2');
  expect(devToolsEnabled()).toBe(false);
  expect(devToolsEnabled.toString()).not.toContain('__DEV_TOOLS__');
});

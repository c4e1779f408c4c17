import { expect, jest, test } from '@jest/globals';
import { fireEvent, render, screen } from '@testing-library/react';
// modularizeImports rewrites this to `@ui/Button` and `@ui/Tag`; the barrel (src/ui/index.ts) throws if loaded.
import { Button, Tag } from '@ui';

test('modularizeImports loads each member from its own file, never the barrel', () => {
  const onPress = jest.fn();
  render(
    <Button onPress={onPress}>
      <Tag name="new" />
    </Button>,
  );
  fireEvent.click(screen.getByRole('button', { name: '#new' }));
  expect(onPress).toHaveBeenCalledTimes(1);
});

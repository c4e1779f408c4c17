import { describe, expect, test } from '@jest/globals';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { Filter, TodoList } from './TodoList';

function add(text: string) {
  fireEvent.change(screen.getByLabelText('new todo'), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Add' }));
}

describe('TodoList', () => {
  test('adds todos and ignores blank ones', () => {
    render(<TodoList />);
    add('write tests');
    add('   ');
    add('ship');
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['write tests', 'ship']);
  });

  test('filters with a TypeScript enum', () => {
    expect(Filter[Filter.Done]).toBe('Done');
    render(<TodoList />);
    add('one');
    add('two');
    fireEvent.click(screen.getByRole('checkbox', { name: 'one' }));
    const filters = within(screen.getByRole('group', { name: 'filter' }));
    fireEvent.click(filters.getByRole('button', { name: 'Done' }));
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['one']);
    fireEvent.click(filters.getByRole('button', { name: 'Open' }));
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['two']);
  });
});

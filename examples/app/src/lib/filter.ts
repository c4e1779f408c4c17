import type { Todo } from './types';

export enum Filter {
  All,
  Open,
}

export function visible(todos: Todo[], filter: Filter): Todo[] {
  return filter === Filter.Open ? todos.filter((t) => !t.done) : todos;
}

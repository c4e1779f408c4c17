import type { Todo } from '../lib/types';

interface Props {
  todos: readonly Todo[];
  onToggle?: (id: number) => void;
}

export const TodoList = ({ todos, onToggle }: Props) => (
  <ul>
    {todos.map((todo) => (
      <li key={todo.id} className={todo.done ? 'done' : undefined} onClick={() => onToggle?.(todo.id)}>
        {todo.text}
      </li>
    ))}
  </ul>
);
